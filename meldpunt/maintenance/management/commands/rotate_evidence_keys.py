# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from meldpunt.maintenance.keys import rotate_evidence_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every evidence file with the first key of MELDPUNT_EVIDENCE_KEYS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = rotate_evidence_keys()
        self.stdout.write(f"{count} evidence files re-encrypted with the newest key.")
