# SPDX-License-Identifier: EUPL-1.2
"""Every path through a procedure, and readable summaries for the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from meldpunt.core.procedure.model import Action, Answer, Definition, Step
from meldpunt.core.procedure.problems import Problem

DEFAULT_PATH_LIMIT = 10_000


class TooManyPathsError(ValueError):
    """The definition has more paths than the limit allows enumerating."""


@dataclass(frozen=True)
class ProcedurePath:
    """One way through: the (step, answer) pairs given, and the outcome."""

    answers: tuple[tuple[str, str], ...]
    outcome: str


def enumerate_paths(
    definition: Definition, limit: int = DEFAULT_PATH_LIMIT
) -> tuple[ProcedurePath, ...]:
    """All paths from the start to an outcome that visit no step twice."""
    paths: list[ProcedurePath] = []
    for path in _walk(definition, definition.start, (), frozenset()):
        paths.append(path)
        if len(paths) > limit:
            raise TooManyPathsError(f"more than {limit} paths through the procedure")
    return tuple(paths)


def _walk(
    definition: Definition,
    step_id: str,
    taken: tuple[tuple[str, str], ...],
    visited: frozenset[str],
) -> Iterator[ProcedurePath]:
    step = definition.steps[step_id]
    visited = visited | {step_id}
    for answer in step.question.answers:
        here = (*taken, (step_id, answer.id))
        if answer.outcome is not None and answer.outcome in definition.outcomes:
            yield ProcedurePath(answers=here, outcome=answer.outcome)
        elif _is_open_step(definition, answer.next, visited):
            yield from _walk(definition, str(answer.next), here, visited)


def _is_open_step(
    definition: Definition, step_id: str | None, visited: frozenset[str]
) -> bool:
    return step_id in definition.steps and step_id not in visited


def format_paths(definition: Definition, paths: tuple[ProcedurePath, ...]) -> str:
    """One numbered line per path, as `meldpunt procedure check` prints them."""
    outcomes = {path.outcome for path in paths}
    lines = [
        f"{_count(len(paths), 'path')} from '{definition.start}' "
        f"to {_count(len(outcomes), 'outcome')}:"
    ]
    width = len(str(len(paths)))
    for number, path in enumerate(paths, start=1):
        steps = " -> ".join(
            f"{_label(definition.steps[s])}:{a}" for s, a in path.answers
        )
        lines.append(f"{number:>{width}}. {steps} => {path.outcome}")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def format_problems(source: str, problems: tuple[Problem, ...]) -> str:
    """The refusal as `meldpunt procedure check` prints it, one line a problem."""
    if not problems:
        return f"{source}: no problems"
    header = f"{source}: {_count(len(problems), 'problem')}"
    return "\n".join([header, *(f"- {problem}" for problem in problems)])


def _label(step: Step) -> str:
    return f"{step.number}/{step.id}" if step.number else step.id


def format_summary(definition: Definition, language: str = "nl") -> str:
    """A plain-text overview of a definition, as `meldpunt procedure show` prints."""
    lines = [
        f"{definition.name.get(language)}",
        f"id {definition.id}, version {definition.version}, {definition.digest}",
        "",
        *_settings_lines(definition, language),
        "",
        "Steps:",
    ]
    for step in definition.steps.values():
        lines += _step_lines(step, language)
    lines += ["", "Outcomes:"]
    lines += [
        f"  {outcome.id}: {outcome.title.get(language)}"
        for outcome in definition.outcomes.values()
    ]
    return "\n".join(lines)


def _settings_lines(definition: Definition, language: str) -> list[str]:
    settings = definition.settings
    roles = ", ".join(
        f"{k} ({v.name.get(language)})" for k, v in settings.roles.items()
    )
    mailboxes = ", ".join(f"{k} <{v.address}>" for k, v in settings.mailboxes.items())
    thresholds = ", ".join(f"{k}={v}" for k, v in settings.thresholds.items())
    return [f"Roles: {roles}", f"Mailboxes: {mailboxes}", f"Thresholds: {thresholds}"]


def _step_lines(step: Step, language: str) -> list[str]:
    screen = f" [screen: {step.screen}]" if step.screen else ""
    lines = [
        f"  {_label(step)}: {step.title.get(language)}{screen}",
        f"      {step.question.text.get(language)}",
    ]
    if step.on_enter:
        lines.append(f"      on entering: {_actions(step.on_enter)}")
    for answer in step.question.answers:
        lines.append(f"      - {answer.id}: {answer.label.get(language)}")
        lines.append(f"          {_target(answer)}")
        if answer.actions:
            lines.append(f"          actions: {_actions(answer.actions)}")
    return lines


def _target(answer: Answer) -> str:
    if answer.next is not None:
        return f"next step: {answer.next}"
    return f"outcome: {answer.outcome}"


def _actions(actions: tuple[Action, ...]) -> str:
    return "; ".join(
        f"{action.type}({', '.join(f'{k}={v}' for k, v in action.params.items())})"
        for action in actions
    )
