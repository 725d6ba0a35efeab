# SPDX-License-Identifier: EUPL-1.2
"""``meldpunt worker``: run queued background jobs; safe to run twice."""

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.assessments.reminders import send_due_reminders
from meldpunt.jobs.runner import requeue_stale, run_pending
from meldpunt.maintenance.retention import apply_retention

# Work the worker does on a timer, besides queued jobs. Each task must be
# idempotent: two workers may run it at the same moment.
PERIODIC: list[tuple[Callable[[], object], float]] = [
    (send_due_reminders, 60.0),
    (apply_retention, 6 * 60 * 60.0),
]


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
        last_run: dict[int, float] = {}
        if not options["once"]:
            self.stdout.write(
                f"Worker started: polling every {options['interval']:g} s "
                "(stop with Ctrl+C)."
            )
        while True:
            requeue_stale(stale_after)
            self._run_periodic(last_run)
            ran = run_pending()
            if options["once"]:
                self.stdout.write(f"{ran} job(s) run")
                return
            if not ran:
                time.sleep(options["interval"])

    @staticmethod
    def _run_periodic(last_run: dict[int, float]) -> None:
        now = time.monotonic()
        for index, (task, every) in enumerate(PERIODIC):
            if now - last_run.get(index, -every) >= every:
                task()
                last_run[index] = now
