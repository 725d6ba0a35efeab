# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the procedure tests: the shipped definition and a small one."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from meldpunt.core.procedure import (
    Definition,
    GivenAnswer,
    InputField,
    InputKind,
    ProcedurePath,
    load_definition,
)

MINIMAL: dict[str, Any] = {
    "schema_version": 1,
    "id": "minimal",
    "version": "1",
    "name": {"nl": "Klein", "en": "Small"},
    "settings": {
        "roles": {"bvc": {"name": {"nl": "BVC"}, "mailbox": "bvc"}},
        "mailboxes": {
            "security": {"address": "meldpunt@example.org", "name": {"nl": "M"}},
            "bvc": {"address": "bvc@example.org", "name": {"nl": "B"}},
        },
        "thresholds": {"decision_deadline_hours": 72},
    },
    "steps": [
        {
            "id": "first",
            "title": {"nl": "Eerste", "en": "First"},
            "question": {
                "text": {"nl": "Wat?"},
                "answers": [
                    {"id": "go_on", "label": {"nl": "Verder"}, "next": "second"},
                    {"id": "stop", "label": {"nl": "Stop"}, "outcome": "done"},
                ],
            },
        },
        {
            "id": "second",
            "title": {"nl": "Tweede"},
            "question": {
                "text": {"nl": "En nu?"},
                "answers": [
                    {
                        "id": "finish",
                        "label": {"nl": "Klaar"},
                        "outcome": "done",
                        "actions": [{"notify_role": {"role": "bvc"}}],
                    }
                ],
            },
        },
    ],
    "outcomes": [{"id": "done", "title": {"nl": "Klaar", "en": "Done"}}],
}


@pytest.fixture(scope="session")
def kiesraad() -> Definition:
    return load_definition()


@pytest.fixture
def minimal() -> dict[str, Any]:
    """A fresh, valid definition as raw data, for a test to break."""
    return copy.deepcopy(MINIMAL)


def sample_value(input_field: InputField) -> object:
    """A valid value for a required input, so a path can be replayed."""
    if input_field.kind is InputKind.CHECKLIST:
        return [item.id for item in input_field.items]
    samples: dict[InputKind, object] = {
        InputKind.TEXT: "Afgestemd met de FG.",
        InputKind.BOOLEAN: True,
        InputKind.DATETIME: "2026-03-02T09:30:00+01:00",
    }
    return samples[input_field.kind]


def answers_for(definition: Definition, path: ProcedurePath) -> list[GivenAnswer]:
    """The path's answers with every required input filled in."""
    given = []
    for step_id, answer_id in path.answers:
        step = definition.steps[step_id]
        answer = step.question.answer(answer_id)
        assert answer is not None
        fields = (*step.inputs, *answer.inputs)
        data = {f.id: sample_value(f) for f in fields if f.required}
        given.append(GivenAnswer(step_id, answer_id, data))
    return given


@pytest.fixture
def fill() -> Callable[[Definition, ProcedurePath], list[GivenAnswer]]:
    return answers_for
