# SPDX-License-Identifier: EUPL-1.2
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from meldpunt.incidents.models import Incident
from meldpunt.logbook.dossier import build_dossier, dossier_json, dossier_pdf


class Command(BaseCommand):
    help = "Write a case's dossier (facts, logbook, evidence, verification)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the case, e.g. MP-2026-0001")
        parser.add_argument("--format", choices=["pdf", "json"], default="pdf")
        parser.add_argument(
            "--output",
            "-o",
            help="file to write; '-' for standard output "
            "(default: REFERENCE-dossier.pdf or .json here)",
        )

    def handle(self, *args: Any, reference: str, **options: Any) -> None:
        incident = Incident.objects.filter(reference=reference).first()
        if incident is None:
            raise CommandError(f"There is no case with reference {reference[:32]}.")

        with translation.override(settings.LANGUAGE_CODE):
            dossier = build_dossier(incident)
            render = dossier_pdf if options["format"] == "pdf" else dossier_json
            data = render(dossier)

        output = options["output"] or f"{reference}-dossier.{options['format']}"
        if output == "-":
            sys.stdout.buffer.write(data)
            return
        Path(output).write_bytes(data)
        self.stderr.write(f"Dossier written to {output}")
