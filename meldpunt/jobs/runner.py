# SPDX-License-Identifier: EUPL-1.2
"""A minimal job runner on the database: see docs/adr/0006-background-work.md.

A job is a registered function and a few object ids. The worker claims one
queued job at a time in its own transaction, runs it, and records the result.
Job functions must be idempotent: a job whose worker died is queued again
after ``stale_after`` and may then run a second time.
"""

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

JobFunction = Callable[..., None]
_REGISTRY: dict[str, JobFunction] = {}
MAX_ATTEMPTS = 3


def job(name: str) -> Callable[[JobFunction], JobFunction]:
    """Register ``function`` under ``name`` so the worker can find it."""

    def register(function: JobFunction) -> JobFunction:
        _REGISTRY[name] = function
        return function

    return register


def enqueue(name: str, **arguments: Any) -> Job:
    """Queue a job; call inside the transaction that makes it necessary."""
    if name not in _REGISTRY:
        raise LookupError(f"unknown_job:{name}")
    created = Job.objects.create(
        name=name, arguments=arguments, created_at=timezone.now()
    )
    logger.info("job_queued", extra={"job_id": created.pk, "job": name})
    return created


def claim_next() -> Job | None:
    """Mark the oldest queued job as running and return it, or ``None``.

    PostgreSQL skips rows another worker has locked; SQLite takes the write
    lock when the transaction starts (IMMEDIATE mode), so claims there are
    serial and two workers never get the same row.
    """
    with transaction.atomic():
        queued = Job.objects.filter(status=JobStatus.QUEUED).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        claimed = queued.first()
        if claimed is None:
            return None
        claimed.status = JobStatus.RUNNING
        claimed.attempts += 1
        claimed.started_at = timezone.now()
        claimed.save(update_fields=["status", "attempts", "started_at"])
    return claimed


def run_job(claimed: Job) -> None:
    """Run a claimed job and record whether it finished or failed."""
    function = _REGISTRY.get(claimed.name)
    try:
        if function is None:
            raise LookupError("unknown_job")
        function(**claimed.arguments)
    except Exception as error:
        logger.exception(
            "job_failed", extra={"job_id": claimed.pk, "job": claimed.name}
        )
        _finish(claimed, JobStatus.FAILED, type(error).__name__)
        return
    _finish(claimed, JobStatus.DONE, "")
    logger.info("job_done", extra={"job_id": claimed.pk, "job": claimed.name})


def run_pending(limit: int | None = None) -> int:
    """Claim and run queued jobs until none is left; return how many ran."""
    count = 0
    while limit is None or count < limit:
        claimed = claim_next()
        if claimed is None:
            break
        run_job(claimed)
        count += 1
    return count


def requeue_stale(stale_after: timedelta) -> int:
    """Queue again the jobs whose worker stopped without finishing them."""
    cutoff = timezone.now() - stale_after
    stale = Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=cutoff)
    retry = stale.filter(attempts__lt=MAX_ATTEMPTS).update(status=JobStatus.QUEUED)
    given_up = stale.update(
        status=JobStatus.FAILED, error="abandoned", finished_at=timezone.now()
    )
    if retry or given_up:
        logger.warning("jobs_requeued", extra={"requeued": retry, "given_up": given_up})
    return retry


def _finish(claimed: Job, status: str, error: str) -> None:
    claimed.status = status
    claimed.error = error[:200]
    claimed.finished_at = timezone.now()
    claimed.save(update_fields=["status", "error", "finished_at"])
