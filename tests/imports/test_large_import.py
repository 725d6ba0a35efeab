# SPDX-License-Identifier: EUPL-1.2
"""A 40,000-message export goes through the background job in one piece."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AbstractBaseUser

from meldpunt.imports import services
from meldpunt.imports.models import Import, ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.jobs.models import Job
from meldpunt.jobs.runner import run_pending
from meldpunt.logbook.models import LogbookEntry
from meldpunt.logbook.verification import verify_incident

pytestmark = pytest.mark.django_db
NAMES = ("Sanne Voorbeeld", "Pieter Testbeeld", "Fatima Proefmans")


def _export(count: int) -> bytes:
    moment = datetime(2024, 3, 13, 9, 0, tzinfo=UTC)
    lines = []
    for number in range(count):
        moment += timedelta(seconds=7)
        stamp = moment.strftime("%d-%m-%Y %H:%M")
        lines.append(f"{stamp} - {NAMES[number % 3]}: bericht {number}")
        if number % 10 == 0:
            lines.append("met een tweede regel")
    return "\n".join(lines).encode()


def test_forty_thousand_messages_import_through_the_job_and_the_chain_holds(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    record = services.start_import(
        incident=incident, actor=ciso, name="groot.txt", data=_export(40_000)
    )
    record = services.confirm_import(
        record=record,
        actor=ciso,
        selection=None,
        ours=["Sanne Voorbeeld"],
        time_zone="Europe/Amsterdam",
    )
    queued_status = record.status

    ran = run_pending()
    record.refresh_from_db()

    assert queued_status == ImportStatus.QUEUED
    assert Job.objects.get().status == "done"
    assert ran == 1
    assert record.status == ImportStatus.DONE
    assert record.progress_done == 40_000
    imported = LogbookEntry.objects.filter(
        incident=incident, source_index__isnull=False
    )
    assert imported.count() == 40_000
    last = imported.order_by("-sequence").first()
    assert last.source_index == 39_999
    assert last.text == "bericht 39999"
    assert verify_incident(incident) is None


def test_a_failed_import_adds_nothing_and_says_why(
    incident: Incident, ciso: AbstractBaseUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = services.start_import(
        incident=incident, actor=ciso, name="chat.txt", data=_export(10)
    )
    record = Import.objects.get(pk=record.pk)
    before = LogbookEntry.objects.count()

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr("meldpunt.imports.writing.append_entries", refuse)
    with pytest.raises(RuntimeError):
        services.confirm_import(
            record=record, actor=ciso, selection=None, ours=[], time_zone="UTC"
        )
    record.refresh_from_db()

    assert record.status == ImportStatus.FAILED
    assert record.error
    assert LogbookEntry.objects.count() == before


def test_running_a_finished_import_again_changes_nothing(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    record = services.start_import(
        incident=incident, actor=ciso, name="chat.txt", data=_export(10)
    )
    services.confirm_import(
        record=record, actor=ciso, selection=None, ours=[], time_zone="UTC"
    )
    count = LogbookEntry.objects.count()

    services.run_import(import_id=record.pk)

    assert LogbookEntry.objects.count() == count
    assert verify_incident(incident) is None
