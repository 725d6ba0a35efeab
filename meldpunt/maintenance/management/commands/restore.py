# SPDX-License-Identifier: EUPL-1.2
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.maintenance.archive import ArchiveError
from meldpunt.maintenance.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive from 'meldpunt backup' into an empty installation, "
        "then verify every logbook chain and evidence hash."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="archive to restore")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        try:
            summary = restore_backup(archive)
        except (RestoreError, ArchiveError) as error:
            raise CommandError(f"Nothing restored: {error}") from error
        self.stdout.write(
            f"Restored and verified {summary.incidents} cases and "
            f"{summary.evidence} evidence files."
        )
