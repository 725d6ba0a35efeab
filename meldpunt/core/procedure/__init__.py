# SPDX-License-Identifier: EUPL-1.2
"""The procedure as data: definitions, their checks, and their evaluation.

The public API the web UI, the API and the CLI call; nothing here imports
Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from meldpunt.core.procedure.engine import (
    AnswerLike,
    GivenAnswer,
    InvalidAnswerError,
    StepResult,
    TriggeredAction,
    check_answer_data,
    next_step,
)
from meldpunt.core.procedure.loading import (
    default_definition_path,
    definition_digest,
    definition_from_data,
    load_definition,
)
from meldpunt.core.procedure.model import (
    Action,
    ActionType,
    Answer,
    ChecklistItem,
    Definition,
    DefinitionStamp,
    InputField,
    InputKind,
    Mailbox,
    Outcome,
    Question,
    Role,
    Settings,
    Step,
    Text,
)
from meldpunt.core.procedure.paths import (
    ProcedurePath,
    TooManyPathsError,
    enumerate_paths,
    format_paths,
    format_problems,
    format_summary,
)
from meldpunt.core.procedure.problems import DefinitionError, Problem


@dataclass(frozen=True)
class CheckResult:
    """What `meldpunt procedure check` reports: problems, or all the paths."""

    problems: tuple[Problem, ...]
    paths: tuple[ProcedurePath, ...]
    definition: Definition | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_definition(path: Path | str) -> CheckResult:
    """Load and check a file without raising; a broken file yields its problems."""
    try:
        definition = load_definition(path)
    except DefinitionError as error:
        return CheckResult(problems=error.problems, paths=(), definition=None)
    try:
        paths = enumerate_paths(definition)
    except TooManyPathsError as error:
        problem = Problem("definition", "steps", str(error))
        return CheckResult(problems=(problem,), paths=(), definition=definition)
    return CheckResult(problems=(), paths=paths, definition=definition)


def definition_version(definition: Definition) -> DefinitionStamp:
    """Id, version and content digest: what an incident stores."""
    return definition.stamp


__all__ = [
    "Action",
    "ActionType",
    "Answer",
    "AnswerLike",
    "CheckResult",
    "ChecklistItem",
    "Definition",
    "DefinitionError",
    "DefinitionStamp",
    "GivenAnswer",
    "InputField",
    "InputKind",
    "InvalidAnswerError",
    "Mailbox",
    "Outcome",
    "Problem",
    "ProcedurePath",
    "Question",
    "Role",
    "Settings",
    "Step",
    "StepResult",
    "Text",
    "TooManyPathsError",
    "TriggeredAction",
    "check_answer_data",
    "check_definition",
    "default_definition_path",
    "definition_digest",
    "definition_from_data",
    "definition_version",
    "enumerate_paths",
    "format_paths",
    "format_problems",
    "format_summary",
    "load_definition",
    "next_step",
]
