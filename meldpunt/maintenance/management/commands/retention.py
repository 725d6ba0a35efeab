# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from meldpunt.maintenance.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete the reports, logbook and evidence of closed cases whose retention "
        "period has run out; keep the register entry and record what was done."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        records = apply_retention()
        for record in records:
            self.stdout.write(
                f"{record.incident.reference}: {record.entries_deleted} logbook "
                f"entries, {record.evidence_deleted} evidence files deleted."
            )
        self.stdout.write(f"Retention applied to {len(records)} cases.")
