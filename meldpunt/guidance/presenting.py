# SPDX-License-Identifier: EUPL-1.2
"""How answers read in the logbook: the question, the choice, what was filled in."""

from collections.abc import Mapping
from datetime import datetime

from django.utils import formats, timezone

from meldpunt.core.procedure import Answer, InputField, InputKind, Step


def describe_answer(
    step: Step, answer: Answer, data: Mapping[str, object]
) -> tuple[str, str]:
    """A summary line and a full text, in the product's first language."""
    number = f"{step.number}. " if step.number else ""
    summary = f"{number}{step.question.text.nl} — {answer.label.nl}"
    lines = [
        f"{field.label.nl}: {_value(field, data[field.id])}"
        for field in (*step.inputs, *answer.inputs)
        if data.get(field.id) not in (None, "", [])
    ]
    return summary[:300], "\n".join(lines)


def _value(field: InputField, value: object) -> str:
    if field.kind is InputKind.BOOLEAN:
        return "ja" if value else "nee"
    if field.kind is InputKind.CHECKLIST and isinstance(value, list):
        labels = {item.id: item.label.nl for item in field.items}
        return "; ".join(labels.get(str(item), str(item)) for item in value)
    if field.kind is InputKind.DATETIME:
        moment = datetime.fromisoformat(str(value))
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return str(value)
