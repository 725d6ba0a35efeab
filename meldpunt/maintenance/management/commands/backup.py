# SPDX-License-Identifier: EUPL-1.2
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.maintenance.backup import create_backup


class Command(BaseCommand):
    help = "Write one encrypted archive of the database and the evidence."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="file to write")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        summary = create_backup(archive)
        self.stdout.write(
            f"Backup written to {archive}: {summary.incidents} cases, "
            f"{summary.evidence} evidence files."
        )
