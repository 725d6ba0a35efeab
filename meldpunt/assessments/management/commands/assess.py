# SPDX-License-Identifier: EUPL-1.2
"""``meldpunt assess FILE|-``: breach facts in, the assessment as JSON out."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.core.assessment import FactsError, assess_all


class Command(BaseCommand):
    help = (
        "Read one breach-facts object (meldpunt.breach-facts/1) or a JSON list "
        "of them from FILE, or from standard input with '-', and print the "
        "assessment (meldpunt.assessment/1) as JSON. Invalid facts are refused "
        "with every problem named on standard error."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a JSON file, or - for standard input")
        parser.add_argument(
            "--language",
            choices=["nl", "en"],
            default="nl",
            help="language of the reasons (default nl)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data = _load_json(options["file"])

        try:
            result = assess_all(data, language=options["language"])
        except FactsError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"the facts are not valid ({len(error.problems)} problems)"
            ) from None

        output = result if isinstance(data, list) else result[0]
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))


def _load_json(name: str) -> object:
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{name}: cannot be read: {error}") from None
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{name}: not valid JSON at line {error.lineno}, "
            f"column {error.colno}: {error.msg}"
        ) from None
    except _DuplicateKeyError as error:
        raise CommandError(f"{name}: the field {error} is given twice") from None


class _DuplicateKeyError(ValueError):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON keeps the last of two equal keys, a silent choice; refuse instead."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(repr(key))
        result[key] = value
    return result
