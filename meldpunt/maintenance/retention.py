# SPDX-License-Identifier: EUPL-1.2
"""Retention: what has been kept long enough is deleted, and that is recorded.

A closed case whose retention period (per kind, from configuration) has run
out loses its reports, reporter messages, consultations, logbook and evidence;
the case row stays as the register entry, without its handler, and a
``RetentionRecord`` says what went and keeps the last logbook hash. Login
attempts past their cool-off, access-log records past their period and
uploads nobody confirmed for import go too.
Running it twice deletes nothing twice.
"""

import logging
from datetime import datetime, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from meldpunt.accounts.models import AccessEvent, Consultation
from meldpunt.imports.models import Import, ImportStatus
from meldpunt.imports.services import discard_unconfirmed
from meldpunt.incidents.models import Incident
from meldpunt.incidents.workflow import Status
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.reports.models import Report

from .models import RetentionRecord

logger = logging.getLogger(__name__)


def expired_cases(now: datetime) -> list[Incident]:
    closed = Incident.objects.filter(
        status=Status.CLOSED, closed_at__isnull=False, retention_record__isnull=True
    )
    periods = settings.MELDPUNT_RETENTION_DAYS
    return [
        incident
        for incident in closed
        if incident.closed_at + timedelta(days=periods[incident.kind]) <= now  # type: ignore[operator]
    ]


@transaction.atomic
def expire_case(incident: Incident, now: datetime) -> RetentionRecord:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    entries = LogbookEntry.objects.filter(incident=incident)
    head = entries.order_by("-sequence").values_list("entry_hash", flat=True).first()
    evidence = Evidence.objects.filter(incident=incident)
    files = list(evidence.values_list("stored_name", flat=True))
    # An import's row holds participants and warnings, and an upload that was
    # never imported its own file; a finished import's file is evidence.
    imports = Import.objects.filter(incident=incident)
    files += (
        imports.exclude(status=ImportStatus.DONE)
        .exclude(stored_name="")
        .values_list("stored_name", flat=True)
    )
    imports.delete()

    # Entries and evidence point at each other (an imported message at its
    # original file, a file at the entry that added it): unlink, then delete.
    entries.update(corrects=None, source_evidence=None)
    evidence_count = evidence.delete()[0]
    entry_count = entries.delete()[0]
    reports = Report.objects.filter(incident=incident)
    report_count = reports.count()
    reports.delete()
    Consultation.objects.filter(incident=incident).delete()
    Incident.objects.filter(pk=incident.pk).update(handler=None)
    record = RetentionRecord.objects.create(
        incident=incident,
        applied_at=now,
        kind=incident.kind,
        retention_days=settings.MELDPUNT_RETENTION_DAYS[incident.kind],
        chain_head=head or "",
        reports_deleted=report_count,
        entries_deleted=entry_count,
        evidence_deleted=evidence_count,
    )
    transaction.on_commit(lambda: _delete_files(files))
    logger.info("retention_applied", extra={"incident_id": incident.pk})
    return record


def _delete_files(names: list[str]) -> None:
    for name in names:
        storages["default"].delete(name)


def purge_short_lived(now: datetime) -> None:
    AccessAttempt.objects.filter(
        attempt_time__lt=now - settings.AXES_COOLOFF_TIME
    ).delete()
    cutoff = now - timedelta(days=settings.MELDPUNT_ACCESS_LOG_DAYS)
    AccessEvent.objects.filter(at__lt=cutoff).delete()
    Session.objects.filter(expire_date__lt=now).delete()
    discard_unconfirmed(now)


def apply_retention() -> list[RetentionRecord]:
    now = timezone.now()
    records = [expire_case(incident, now) for incident in expired_cases(now)]
    purge_short_lived(now)
    return records
