# SPDX-License-Identifier: EUPL-1.2
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.core.procedure import (
    DefinitionError,
    check_definition,
    format_paths,
    format_problems,
    format_summary,
    load_definition,
)
from meldpunt.guidance.definitions import active_definition, active_definition_path


class Command(BaseCommand):
    help = "Check a procedure definition file, or show the active procedure."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser("check", help="validate FILE and list every path")
        check.add_argument("file", help="a procedure definition (YAML)")
        show = actions.add_parser("show", help="print FILE, or the active procedure")
        show.add_argument("file", nargs="?", help="a procedure definition (YAML)")
        show.add_argument("--language", choices=["nl", "en"], default="nl")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "check":
            self._check(options["file"])
        else:
            self._show(options["file"], options["language"])

    def _show(self, file: str | None, language: str) -> None:
        path = Path(file) if file else active_definition_path()
        try:
            definition = load_definition(path) if file else active_definition()
        except DefinitionError as error:
            raise CommandError(format_problems(str(path), error.problems)) from None
        self.stdout.write(f"# {path}")
        self.stdout.write(format_summary(definition, language))

    def _check(self, file: str) -> None:
        result = check_definition(file)
        if not result.ok or result.definition is None:
            raise CommandError(format_problems(file, result.problems))
        self.stdout.write(format_paths(result.definition, result.paths))
