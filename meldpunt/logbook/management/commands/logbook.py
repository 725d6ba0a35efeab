# SPDX-License-Identifier: EUPL-1.2
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from django.utils import timezone

from meldpunt.core.chain import Anchor, anchors_digest, format_anchor, parse_anchors
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import ChainHead
from meldpunt.logbook.verification import REASONS, check_anchors, check_incident


class Command(BaseCommand):
    help = "Verify the logbooks' hash chains, or print their heads to keep elsewhere."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        verify = commands.add_parser(
            "verify", help="check every chain; exit 1 when any is broken"
        )
        verify.add_argument("reference", nargs="?", help="check only this case")
        verify.add_argument(
            "--anchors",
            type=Path,
            help="also check the heads printed earlier by `logbook anchor`",
        )
        commands.add_parser(
            "anchor", help="print every chain's head, for the CISO to keep"
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "anchor":
            self._anchor()
        else:
            self._verify(options["reference"], options["anchors"])

    def _verify(self, reference: str | None, anchor_file: Path | None) -> None:
        broken = 0
        for incident in _incidents(reference):
            state = check_incident(incident)
            if state.intact:
                self.stdout.write(f"{state.reference}: ok ({state.length} entries)")
            else:
                broken += 1
                self.stdout.write(
                    f"{state.reference}: BROKEN at entry #{state.problem.sequence}"
                    f" ({state.problem.reason}: {state.explanation})"
                )

        if anchor_file is not None:
            broken += self._verify_anchors(anchor_file)
        if broken:
            raise CommandError(f"{broken} problem(s) found in the logbook.")

    def _verify_anchors(self, path: Path) -> int:
        try:
            anchors = parse_anchors(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the anchors in {path}: {error}") from None
        failures = check_anchors(anchors)
        for anchor, reason in failures:
            self.stdout.write(
                f"{anchor.reference}: ANCHOR #{anchor.sequence} FAILS"
                f" ({reason}: {REASONS[reason]})"
            )
        self.stdout.write(f"Anchors checked: {len(anchors)}, failed: {len(failures)}")
        return len(failures)

    def _anchor(self) -> None:
        heads = ChainHead.objects.select_related("incident").order_by(
            "incident__reference"
        )
        anchors = [
            Anchor(head.incident.reference, head.sequence, head.entry_hash)
            for head in heads
        ]
        self.stdout.write(f"# Meldpunt logbook anchors, {timezone.now().isoformat()}")
        self.stdout.write("# reference<TAB>last entry<TAB>its hash")
        for anchor in anchors:
            self.stdout.write(format_anchor(anchor))
        self.stdout.write(f"# digest of the lines above: {anchors_digest(anchors)}")


def _incidents(reference: str | None) -> QuerySet[Incident]:
    incidents = Incident.objects.order_by("reference")
    if reference is None:
        return incidents
    if not incidents.filter(reference=reference).exists():
        raise CommandError(f"There is no case with reference {reference[:32]}.")
    return incidents.filter(reference=reference)
