# SPDX-License-Identifier: EUPL-1.2
"""``meldpunt evidence parse FILE``: print a file's parse as meldpunt.evidence/1."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.core.evidence import (
    DEFAULT_MAX_SIZE,
    EvidenceError,
    parse_bytes,
    parse_path,
    to_json,
)


class Command(BaseCommand):
    help = "Work with evidence files (chat exports and saved mails)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        parse = actions.add_parser(
            "parse", help="Print the parse of FILE as meldpunt.evidence/1 JSON."
        )
        parse.add_argument(
            "file", type=Path, help="the evidence file, or - to read standard input"
        )
        parse.add_argument(
            "--date-order",
            choices=["DMY", "MDY", "YMD"],
            help="the order of day, month and year when the file does not prove it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        order = options["date_order"]
        try:
            if str(path) == "-":
                data = sys.stdin.buffer.read(DEFAULT_MAX_SIZE + 1)
                parsed = parse_bytes(data, "stdin", date_order=order)
            else:
                _check_path(path)
                parsed = parse_path(path, date_order=order)
        except EvidenceError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(to_json(parsed))


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise CommandError(f"{path}: is a folder; give one evidence file")
    if not path.exists():
        raise CommandError(f"{path}: no such file")
    if not path.is_file():
        raise CommandError(f"{path}: not a regular file; use - to read a pipe")
