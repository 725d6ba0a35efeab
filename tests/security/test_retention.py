# SPDX-License-Identifier: EUPL-1.2
"""Expired cases lose their content but keep their register entry."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from meldpunt.incidents import services as incidents
from meldpunt.incidents.models import Incident
from meldpunt.incidents.workflow import Kind, Status
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.logbook.services import UploadedEvidence
from meldpunt.maintenance.models import RetentionRecord
from meldpunt.reports.models import Report

pytestmark = pytest.mark.django_db


def _closed_case(make_report, ciso, kind: str, **report: object) -> Incident:
    incident = make_report(**report).incident
    incidents.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)
    incidents.classify_incident(incident=incident, kind=kind, actor=ciso)
    incidents.close_incident(
        incident=incident,
        resolution="Opgelost.",
        solved_at=timezone.now() - timedelta(minutes=5),
        actor=ciso,
    )
    return Incident.objects.get(pk=incident.pk)


def test_expired_case_keeps_only_its_register_entry(
    make_report, ciso, capsys, django_capture_on_commit_callbacks
) -> None:
    files = [UploadedEvidence("scherm.png", b"\x89PNG\r\n\x1a\n")]
    old = _closed_case(make_report, ciso, Kind.MALFUNCTION, files=files)
    young = _closed_case(make_report, ciso, Kind.POSSIBLE_BREACH)
    still_open = make_report().incident
    stored_name = Evidence.objects.get().stored_name
    head = LogbookEntry.objects.filter(incident=old).order_by("sequence").last()

    later = timezone.now() + timedelta(days=366)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        call_command("retention")
        call_command("retention")

    assert Incident.objects.filter(pk=old.pk).exists()
    assert not Report.objects.filter(incident=old).exists()
    assert not LogbookEntry.objects.filter(incident=old).exists()
    assert not Evidence.objects.exists()
    assert not storages["default"].exists(stored_name)
    record = RetentionRecord.objects.get()
    assert (record.incident, record.kind, record.retention_days) == (
        old,
        Kind.MALFUNCTION,
        365,
    )
    assert record.chain_head == head.entry_hash
    assert record.evidence_deleted == 1
    for kept in (young, still_open):
        assert LogbookEntry.objects.filter(incident=kept).exists()
    assert "Retention applied to 1 cases." in capsys.readouterr().out


def test_retention_periods_are_read_strictly(monkeypatch) -> None:
    from meldpunt.config import env_days_by_kind

    monkeypatch.setenv("MELDPUNT_RETENTION_DAYS", "malfunction=30,physical=60")
    assert env_days_by_kind(
        "MELDPUNT_RETENTION_DAYS", {"malfunction": 1, "physical": 2, "other": 3}
    ) == {
        "malfunction": 30,
        "physical": 60,
        "other": 3,
    }
    monkeypatch.setenv("MELDPUNT_RETENTION_DAYS", "printer=30")
    with pytest.raises(ImproperlyConfigured, match="unknown kind"):
        env_days_by_kind("MELDPUNT_RETENTION_DAYS", {"malfunction": 1})
    monkeypatch.setenv("MELDPUNT_RETENTION_DAYS", "malfunction=soon")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_days_by_kind("MELDPUNT_RETENTION_DAYS", {"malfunction": 1})


def test_expired_case_loses_its_imports_and_their_files(
    make_report, ciso, django_capture_on_commit_callbacks
) -> None:
    from meldpunt.imports import services as imports
    from meldpunt.imports.models import Import

    incident = make_report().incident
    chat = b"15-03-2024 09:12 - Sanne: Hallo\n15-03-2024 09:13 - Piet: Dag\n"
    done = imports.start_import(
        incident=incident, actor=ciso, name="chat.txt", data=chat
    )
    imports.confirm_import(
        record=done, actor=ciso, selection=None, ours=[], time_zone="Europe/Amsterdam"
    )
    waiting = imports.start_import(
        incident=incident, actor=ciso, name="later.txt", data=chat + b"meer\n"
    )
    files = [done.stored_name, waiting.stored_name]
    incidents.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)
    incidents.classify_incident(incident=incident, kind=Kind.MALFUNCTION, actor=ciso)
    incidents.close_incident(
        incident=incident,
        resolution="Opgelost.",
        solved_at=timezone.now() - timedelta(minutes=5),
        actor=ciso,
    )

    later = timezone.now() + timedelta(days=366)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        call_command("retention")

    assert RetentionRecord.objects.filter(incident=incident).exists()
    assert not Import.objects.filter(incident=incident).exists()
    assert not Evidence.objects.filter(incident=incident).exists()
    assert not any(storages["default"].exists(name) for name in files)
