# SPDX-License-Identifier: EUPL-1.2
"""``meldpunt evidence parse FILE``: print a file's parse as meldpunt.evidence/1."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.core.evidence import EvidenceError, parse_path, to_json


class Command(BaseCommand):
    help = "Work with evidence files (chat exports and saved mails)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        parse = actions.add_parser(
            "parse", help="Print the parse of FILE as meldpunt.evidence/1 JSON."
        )
        parse.add_argument("file", type=Path, help="the evidence file")
        parse.add_argument(
            "--date-order",
            choices=["DMY", "MDY", "YMD"],
            help="the order of day, month and year when the file does not prove it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            parsed = parse_path(path, date_order=options["date_order"])
        except EvidenceError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(to_json(parsed))
