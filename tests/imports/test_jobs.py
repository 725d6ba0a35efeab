# SPDX-License-Identifier: EUPL-1.2
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from meldpunt.jobs import runner
from meldpunt.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db
CALLS: list[int] = []


@runner.job("tests.record")
def _record(*, number: int) -> None:
    CALLS.append(number)


@runner.job("tests.explode")
def _explode() -> None:
    raise RuntimeError("boom")


@pytest.fixture(autouse=True)
def _forget_calls() -> None:
    CALLS.clear()


def test_queued_jobs_run_once_in_order_and_are_marked_done() -> None:
    first = runner.enqueue("tests.record", number=1)
    second = runner.enqueue("tests.record", number=2)

    ran = runner.run_pending()
    again = runner.run_pending()

    assert (ran, again) == (2, 0)
    assert CALLS == [1, 2]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == JobStatus.DONE
    assert first.attempts == 1


def test_a_failing_job_is_recorded_without_stopping_the_others() -> None:
    broken = runner.enqueue("tests.explode")
    runner.enqueue("tests.record", number=3)

    runner.run_pending()

    broken.refresh_from_db()
    assert broken.status == JobStatus.FAILED
    assert broken.error == "RuntimeError"
    assert CALLS == [3]


def test_a_claimed_job_is_not_claimed_again() -> None:
    runner.enqueue("tests.record", number=4)

    claimed = runner.claim_next()

    assert claimed is not None
    assert runner.claim_next() is None


def test_a_job_whose_worker_died_is_queued_again_then_given_up() -> None:
    stale = runner.enqueue("tests.record", number=5)
    Job.objects.filter(pk=stale.pk).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now() - timedelta(hours=2),
        attempts=1,
    )

    requeued = runner.requeue_stale(timedelta(hours=1))
    Job.objects.filter(pk=stale.pk).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now() - timedelta(hours=2),
        attempts=runner.MAX_ATTEMPTS,
    )
    runner.requeue_stale(timedelta(hours=1))

    stale.refresh_from_db()
    assert requeued == 1
    assert stale.status == JobStatus.FAILED
    assert stale.error == "abandoned"


def test_unknown_jobs_cannot_be_queued() -> None:
    with pytest.raises(LookupError):
        runner.enqueue("tests.nonexistent")


def test_worker_once_runs_what_is_queued(capsys: pytest.CaptureFixture[str]) -> None:
    runner.enqueue("tests.record", number=6)

    call_command("worker", "--once")

    assert CALLS == [6]
    assert "1 job(s) run" in capsys.readouterr().out


def test_the_worker_sends_reminders_and_applies_retention_on_its_timer(
    monkeypatch,
) -> None:
    from meldpunt.assessments.reminders import send_due_reminders
    from meldpunt.jobs.management.commands import worker
    from meldpunt.maintenance.retention import apply_retention

    assert [task for task, _every in worker.PERIODIC] == [
        send_due_reminders,
        apply_retention,
    ]
    calls: list[str] = []
    monkeypatch.setattr(
        worker,
        "PERIODIC",
        [
            (lambda: calls.append("reminders"), 60.0),
            (lambda: calls.append("retention"), 1e9),
        ],
    )

    call_command("worker", "--once")

    assert calls == ["reminders", "retention"]
