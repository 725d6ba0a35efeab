# SPDX-License-Identifier: EUPL-1.2
"""Evaluating a procedure: from the answers so far to the next step or outcome."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from meldpunt.core.procedure.actions import resolve_action
from meldpunt.core.procedure.model import (
    Action,
    ActionType,
    Answer,
    Definition,
    InputField,
    InputKind,
    Outcome,
    Step,
)


class InvalidAnswerError(ValueError):
    """An answer does not fit the procedure at the point it was given."""


@dataclass(frozen=True)
class GivenAnswer:
    step_id: str
    answer_id: str
    data: Mapping[str, object] = field(default_factory=dict)


AnswerLike = GivenAnswer | tuple[str, str] | tuple[str, str, Mapping[str, object]]


@dataclass(frozen=True)
class TriggeredAction:
    """An action with settings filled in; `answer_id` is None for on-enter ones."""

    type: ActionType
    params: Mapping[str, str | int]
    step_id: str
    answer_id: str | None


@dataclass(frozen=True)
class StepResult:
    """Where the procedure stands: a step to answer, or the outcome reached."""

    step: Step | None
    outcome: Outcome | None
    actions: tuple[TriggeredAction, ...]
    path: tuple[str, ...]

    @property
    def finished(self) -> bool:
        return self.outcome is not None


def next_step(definition: Definition, answers: Iterable[AnswerLike]) -> StepResult:
    """Replay `answers` from the start; raise InvalidAnswerError on a misfit."""
    first = definition.steps[definition.start]
    step: Step | None = first
    outcome: Outcome | None = None
    actions = _triggered(definition, first.on_enter, first.id, None)
    path = [first.id]

    for number, given in enumerate(map(as_given_answer, answers), start=1):
        if step is None:
            raise InvalidAnswerError(
                f"answer {number} (step '{given.step_id}') comes after the "
                f"procedure ended at outcome '{outcome.id if outcome else ''}'"
            )
        answer = _matching_answer(step, given, number)
        check_answer_data(step, answer, given.data)
        actions += _triggered(definition, answer.actions, step.id, answer.id)

        if answer.next is not None:
            step = definition.steps[answer.next]
            actions += _triggered(definition, step.on_enter, step.id, None)
            path.append(step.id)
        else:
            step, outcome = None, definition.outcomes[str(answer.outcome)]

    return StepResult(step=step, outcome=outcome, actions=actions, path=tuple(path))


def as_given_answer(raw: AnswerLike) -> GivenAnswer:
    if isinstance(raw, GivenAnswer):
        return raw
    if len(raw) == 2:
        return GivenAnswer(raw[0], raw[1])
    return GivenAnswer(raw[0], raw[1], raw[2])


def _matching_answer(step: Step, given: GivenAnswer, number: int) -> Answer:
    if given.step_id != step.id:
        raise InvalidAnswerError(
            f"answer {number} is for step '{given.step_id}', "
            f"but the procedure is at step '{step.id}'"
        )
    answer = step.question.answer(given.answer_id)
    if answer is None:
        choices = ", ".join(a.id for a in step.question.answers)
        raise InvalidAnswerError(
            f"step '{step.id}' has no answer '{given.answer_id}' "
            f"(choose from: {choices})"
        )
    return answer


def _triggered(
    definition: Definition,
    actions: Sequence[Action],
    step_id: str,
    answer_id: str | None,
) -> tuple[TriggeredAction, ...]:
    return tuple(
        TriggeredAction(
            type=action.type,
            params=resolve_action(action, definition.settings),
            step_id=step_id,
            answer_id=answer_id,
        )
        for action in actions
    )


def check_answer_data(step: Step, answer: Answer, data: Mapping[str, object]) -> None:
    """Refuse unknown, missing or mistyped extra data (values are never echoed)."""
    where = f"step '{step.id}', answer '{answer.id}'"
    fields = {f.id: f for f in (*step.inputs, *answer.inputs)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise InvalidAnswerError(f"{where}: unknown input(s): {', '.join(unknown)}")

    for input_field in fields.values():
        problem = _input_problem(input_field, data.get(input_field.id))
        if problem is not None:
            raise InvalidAnswerError(f"{where}, input '{input_field.id}': {problem}")


def _input_problem(input_field: InputField, value: object) -> str | None:
    if value is None or value in ("", [], ()):
        return "is required" if input_field.required else None
    if input_field.kind is InputKind.TEXT:
        return None if isinstance(value, str) else "must be text"
    if input_field.kind is InputKind.BOOLEAN:
        return None if isinstance(value, bool) else "must be true or false"
    if input_field.kind is InputKind.DATETIME:
        return _datetime_problem(value)
    return _checklist_problem(input_field, value)


def _datetime_problem(value: object) -> str | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return "must be an ISO 8601 date and time"
    if not isinstance(value, datetime) or value.tzinfo is None:
        return "must be a date and time with a time zone"
    return None


def _checklist_problem(input_field: InputField, value: object) -> str | None:
    if not isinstance(value, list | tuple) or not all(
        isinstance(v, str) for v in value
    ):
        return "must be a list of checklist item ids"
    known = [item.id for item in input_field.items]
    unknown = sorted(set(value) - set(known))
    if unknown:
        return f"unknown item(s): {', '.join(unknown)}"
    if len(set(value)) != len(value):
        return "lists an item twice"
    missing = [item for item in known if item not in value]
    if input_field.required and missing:
        return f"every item must be ticked; missing: {', '.join(missing)}"
    return None
