# SPDX-License-Identifier: EUPL-1.2
"""Static checks on the shape of a procedure: references, reachability, exits."""

from __future__ import annotations

from collections.abc import Iterator

from meldpunt.core.procedure.model import ActionType, Definition, Step
from meldpunt.core.procedure.problems import Problem, step_at


def graph_problems(definition: Definition) -> list[Problem]:
    """Every dangling reference, unreachable step and dead-end loop."""
    problems = _reference_problems(definition) + _deadline_problems(definition)
    if not definition.steps:
        return problems
    if definition.start not in definition.steps:
        message = f"start step '{definition.start}' does not exist"
        return [*problems, Problem("definition", "start", message)]

    reachable = _reachable_steps(definition)
    problems += _unreachable_problems(definition, reachable)
    problems += _unused_outcome_problems(definition, reachable)
    problems += _no_exit_problems(definition, reachable)
    return problems


def successors(step: Step, definition: Definition) -> Iterator[str]:
    """The existing steps this step's answers lead to."""
    for answer in step.question.answers:
        if answer.next is not None and answer.next in definition.steps:
            yield answer.next


def _reference_problems(definition: Definition) -> list[Problem]:
    problems = []
    for step in definition.steps.values():
        for answer in step.question.answers:
            where = step_at(step.id, answer.id)
            if answer.next is not None and answer.next not in definition.steps:
                message = f"next step '{answer.next}' does not exist"
                problems.append(Problem(where, "next", message))
            if answer.outcome is not None and answer.outcome not in definition.outcomes:
                message = f"outcome '{answer.outcome}' does not exist"
                problems.append(Problem(where, "outcome", message))
    return problems


def _deadline_problems(definition: Definition) -> list[Problem]:
    clocks = {
        action.params.get("clock")
        for step in definition.steps.values()
        for actions in (step.on_enter, *(a.actions for a in step.question.answers))
        for action in actions
        if action.type is ActionType.START_CLOCK
    }
    return [
        Problem(
            step_at(step.id), "deadline", f"no start_clock starts '{step.deadline}'"
        )
        for step in definition.steps.values()
        if step.deadline is not None and step.deadline not in clocks
    ]


def _reachable_steps(definition: Definition) -> set[str]:
    reached = {definition.start}
    pending = [definition.start]
    while pending:
        step = definition.steps[pending.pop()]
        for follower in successors(step, definition):
            if follower not in reached:
                reached.add(follower)
                pending.append(follower)
    return reached


def _unreachable_problems(definition: Definition, reachable: set[str]) -> list[Problem]:
    return [
        Problem(
            step_at(step_id),
            "id",
            f"unreachable: no answer leads here from start '{definition.start}'",
        )
        for step_id in definition.steps
        if step_id not in reachable
    ]


def _unused_outcome_problems(
    definition: Definition, reachable: set[str]
) -> list[Problem]:
    used = {
        answer.outcome
        for step_id in reachable
        for answer in definition.steps[step_id].question.answers
    }
    return [
        Problem(f"outcome '{outcome_id}'", "id", "unreachable: no answer leads here")
        for outcome_id in definition.outcomes
        if outcome_id not in used
    ]


def _no_exit_problems(definition: Definition, reachable: set[str]) -> list[Problem]:
    exits = _steps_that_reach_an_outcome(definition)
    return [
        Problem(
            step_at(step_id),
            "next",
            "no outcome can be reached from here: a loop with no way out",
        )
        for step_id in definition.steps
        if step_id in reachable and step_id not in exits
    ]


def _steps_that_reach_an_outcome(definition: Definition) -> set[str]:
    exits = {
        step.id
        for step in definition.steps.values()
        if any(
            answer.outcome in definition.outcomes for answer in step.question.answers
        )
    }
    changed = True
    while changed:
        before = len(exits)
        exits |= {
            step.id
            for step in definition.steps.values()
            if any(follower in exits for follower in successors(step, definition))
        }
        changed = len(exits) != before
    return exits
