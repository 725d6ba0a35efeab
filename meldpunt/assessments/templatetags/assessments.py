# SPDX-License-Identifier: EUPL-1.2
"""Words for the advice's codes, and the deadlines of a case."""

import re
from typing import Any

from django import template
from django.forms import BaseForm, BoundField
from django.utils import timezone
from django.utils.translation import get_language

from meldpunt.incidents.models import Incident

from .. import wording
from ..clocks import case_clocks, present
from ..forms import FactsForm
from ..questions import QUESTIONS, Question

register = template.Library()
_TITLES = {name: q.title for q in QUESTIONS for name in (q.key, *q.fields)}


@register.filter
def advice_word(code: object) -> str:
    return wording.advice_word(code)


@register.filter
def channel_word(code: object) -> str:
    return wording.channel_word(code)


@register.filter
def severity_word(code: object) -> str:
    return str(wording.SEVERITY.get(str(code), code))


@register.filter
def fields_of(form: BaseForm, question: Question) -> list[BoundField]:
    return [form[name] for name in question.fields]


@register.filter
def fact_title(name: str) -> str:
    return str(_TITLES.get(name, name))


@register.filter
def fact_value(value: Any, name: str) -> str:
    """A stored fact in words, using the form's own answer labels."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return wording.yes_no(value)
    if isinstance(value, dict):
        return f"{value.get('min')}–{value.get('max')}"
    field = FactsForm.base_fields.get(name)
    labels = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list):
        return ", ".join(str(labels.get(item, item)) for item in value)
    return str(labels.get(value, value))


# A fact as the assessment's reasons name it: its field name in the
# breach-facts format, with "=value" where the value matters.
_REASON_FACT = re.compile(r"\b([a-z]+(?:_[a-z]+)*)(?:=([a-z]+(?:_[a-z]+)*))?\b")


@register.filter
def readable_reason(text: str) -> str:
    """A reason with its facts named as the form asks them, not by field name.

    The reasons name each fact by its field name (the ``assess`` command and
    the logbook keep them so); on the page the question and answer read
    better. Dutch text holds no English words, so every field name is
    replaced there; in English only names that cannot be ordinary words
    (with an underscore or a value) are.
    """
    dutch = not (get_language() or "nl").startswith("en")

    def replace(match: re.Match[str]) -> str:
        name, value = match[1], match[2]
        if name not in _FACT_NAMES or not (dutch or value or "_" in name):
            return match[0]
        title = _fact_label(name)
        if value is None:
            return f"“{title}”"
        if value in ("true", "false"):
            answer = wording.yes_no(value == "true")
        else:
            answer = fact_value(value, name)
        return f"“{title}” ({answer[:1].lower()}{answer[1:]})"

    return _REASON_FACT.sub(replace, str(text))


def _fact_label(name: str) -> str:
    field = FactsForm.base_fields.get(name)
    label = field.label if field is not None and field.label else _TITLES.get(name)
    return str(label or name).rstrip("?")


_FACT_NAMES = frozenset(FactsForm.base_fields) | frozenset(_TITLES)


@register.inclusion_tag("assessments/clocks.html", takes_context=True)
def deadlines(
    context: dict[str, Any], incident: Incident, compact: bool = False
) -> dict[str, Any]:
    """The case's clocks with the time left in words, colour and a label."""
    now = context.get("now") or timezone.now()
    return {
        "clocks": [present(clock, now) for clock in case_clocks(incident)],
        "compact": compact,
    }
