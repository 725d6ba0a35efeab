# SPDX-License-Identifier: EUPL-1.2
"""The breach facts as plain-language questions, in the order they are asked.

Each question fills one or more fields of `meldpunt.breach-facts/1`; some are
only asked when an earlier answer makes them matter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Facts = Mapping[str, object]


def _always(facts: Facts) -> bool:
    return True


def _has_special(facts: Facts) -> bool:
    return "special" in _list(facts.get("data_categories"))


def _readable(facts: Facts) -> bool:
    types = _list(facts.get("breach_types"))
    return (
        not types or "confidentiality" in types or facts.get("malicious") is not False
    )


def _damaged(facts: Facts) -> bool:
    types = _list(facts.get("breach_types"))
    return not types or bool({"integrity", "availability"} & set(types))


def _known_recipient(facts: Facts) -> bool:
    return facts.get("exposure") in (None, "trusted_recipient", "untrusted_recipient")


def _maybe_malicious(facts: Facts) -> bool:
    return facts.get("malicious") is not False


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


@dataclass(frozen=True)
class Question:
    key: str
    title: Promise
    fields: tuple[str, ...]
    applies: Callable[[Facts], bool] = _always


QUESTIONS: tuple[Question, ...] = (
    Question("aware_at", _("When did we become aware of it?"), ("aware_at",)),
    Question("breach_types", _("What happened to the data?"), ("breach_types",)),
    Question("personal_data", _("Are personal data involved?"), ("personal_data",)),
    Question("data_categories", _("What kinds of data?"), ("data_categories",)),
    Question(
        "special_categories",
        _("Which special categories of data?"),
        ("special_categories",),
        _has_special,
    ),
    Question(
        "subjects",
        _("How many people are concerned?"),
        ("subjects_min", "subjects_max"),
    ),
    Question(
        "vulnerable_subjects",
        _("Are children or other vulnerable people among them?"),
        ("vulnerable_subjects",),
    ),
    Question(
        "sensitivity",
        _("Do the data reveal more or less than usual?"),
        ("sensitivity",),
    ),
    Question(
        "unintelligible",
        _("Were the data unreadable to others?"),
        ("unintelligible",),
        _readable,
    ),
    Question("backup", _("Can the data be restored?"), ("backup",), _damaged),
    Question("exposure", _("Who could see the data?"), ("exposure",), _readable),
    Question(
        "recipient_confirmed_deletion",
        _("Has the recipient deleted the data?"),
        ("recipient_confirmed_deletion",),
        _known_recipient,
    ),
    Question("malicious", _("Was it done on purpose?"), ("malicious",)),
    Question(
        "exfiltration",
        _("Were data copied out?"),
        ("exfiltration",),
        _maybe_malicious,
    ),
    Question(
        "already_public",
        _("Were the data already public?"),
        ("already_public",),
    ),
    Question("mitigated", _("Has serious harm been prevented?"), ("mitigated",)),
    Question(
        "contact_details_known",
        _("Can we reach the people concerned?"),
        ("contact_details_known",),
    ),
    Question("context", _("Anything else to record?"), ("context",)),
)


def questions_for(facts: Facts) -> list[Question]:
    """The questions that matter given the answers so far."""
    return [question for question in QUESTIONS if question.applies(facts)]
