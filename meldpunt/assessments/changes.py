# SPDX-License-Identifier: EUPL-1.2
"""What changed between two versions of the facts, and in the advice."""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import FactsVersion

ADVICE_FIELDS: dict[str, Promise] = {
    "notify_authority": _("Notify the AP"),
    "notify_subjects": _("Inform the people concerned"),
    "subjects_channel": _("How to inform them"),
}


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Changes:
    facts: list[Change]
    advice: list[Change]
    severity_before: str
    severity_after: str


def changes_between(previous: FactsVersion, current: FactsVersion) -> Changes:
    names = [*previous.facts, *(k for k in current.facts if k not in previous.facts)]
    facts = [
        Change(name, previous.facts.get(name), current.facts.get(name))
        for name in names
        if previous.facts.get(name) != current.facts.get(name)
    ]
    advice = [
        Change(name, previous.assessment.get(name), current.assessment.get(name))
        for name in ADVICE_FIELDS
        if previous.assessment.get(name) != current.assessment.get(name)
    ]
    return Changes(
        facts=facts,
        advice=advice,
        severity_before=previous.assessment["severity"]["level"],
        severity_after=current.assessment["severity"]["level"],
    )


def latest_changes(incident_versions: list[FactsVersion]) -> Changes | None:
    """Changes from the second-to-last to the last version, if there are two."""
    if len(incident_versions) < 2:
        return None
    return changes_between(incident_versions[-2], incident_versions[-1])
