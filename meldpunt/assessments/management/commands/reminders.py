# SPDX-License-Identifier: EUPL-1.2
"""``meldpunt reminders``: send the deadline reminders and escalations due now."""

from typing import Any

from django.core.management.base import BaseCommand

from meldpunt.assessments.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send every deadline reminder and escalation that is due, each exactly "
        "once; safe to run from several machines at the same time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminders sent")
