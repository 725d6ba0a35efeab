# SPDX-License-Identifier: EUPL-1.2
"""Problems found in a definition, each naming where it is and which field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    where: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.where
        if self.field:
            where = f"{where}, field '{self.field}'"
        return f"{where}: {self.message}"


class DefinitionError(ValueError):
    """A definition was refused; `problems` lists every reason."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"procedure definition {source} has {count} {noun}:\n{lines}")


def step_at(step_id: str, answer_id: str | None = None) -> str:
    where = f"step '{step_id}'"
    return f"{where}, answer '{answer_id}'" if answer_id is not None else where
