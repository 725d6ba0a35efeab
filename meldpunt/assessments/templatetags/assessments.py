# SPDX-License-Identifier: EUPL-1.2
"""Words for the advice's codes, and the deadlines of a case."""

from typing import Any

from django import template
from django.forms import BaseForm, BoundField
from django.utils import timezone

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
