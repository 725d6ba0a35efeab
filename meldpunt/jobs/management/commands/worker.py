# SPDX-License-Identifier: EUPL-1.2
"""``meldpunt worker``: run queued background jobs; safe to run twice."""

import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.jobs.runner import requeue_stale, run_pending


class Command(BaseCommand):
    help = "Run queued background jobs until stopped (or once with --once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="run what is queued, then stop"
        )
        parser.add_argument(
            "--interval", type=float, default=2.0, help="seconds between polls"
        )
        parser.add_argument(
            "--stale-minutes",
            type=int,
            default=60,
            help="queue a running job again when its worker is silent this long",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stale_after = timedelta(minutes=options["stale_minutes"])
        while True:
            requeue_stale(stale_after)
            ran = run_pending()
            if options["once"]:
                self.stdout.write(f"{ran} job(s) run")
                return
            if not ran:
                time.sleep(options["interval"])
