# SPDX-License-Identifier: EUPL-1.2
"""The intake's write API: a report becomes a case with its first logbook entry."""

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.guidance.mail import mailbox_address, send_case_mail_on_commit
from meldpunt.incidents.models import Incident, PersonalData
from meldpunt.incidents.services import open_incident
from meldpunt.logbook.models import Channel, Direction, EntryKind
from meldpunt.logbook.services import UploadedEvidence, append_entry, record_language

from .models import MessageDirection, Report, ReportChannel, ReporterMessage
from .receipts import (
    coarse_time,
    hash_secret,
    new_receipt_code,
    parse_receipt_code,
    secret_matches,
)

logger = logging.getLogger(__name__)


def submit_report(
    *,
    description: str,
    submission_token: uuid.UUID,
    reporter: AbstractBaseUser | None,
    anonymous: bool = False,
    discovered_at: datetime | None = None,
    personal_data: str = PersonalData.UNKNOWN,
    channel: str = ReportChannel.WEB,
    supplier_contact: str = "",
    files: Sequence[UploadedEvidence] = (),
) -> Report:
    """Store a report and open its case; the same token never makes two.

    A new anonymous report carries its receipt code in ``receipt_code``, once:
    only a hash of it is stored.
    """
    existing = Report.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        return existing
    if anonymous:
        reporter = None

    try:
        report = _create_report(
            description=description,
            submission_token=submission_token,
            reporter=reporter,
            anonymous=anonymous,
            discovered_at=discovered_at,
            personal_data=personal_data,
            channel=channel,
            supplier_contact=supplier_contact,
            files=files,
        )
    except IntegrityError:
        # A concurrent post of the same form won the race: that one counts.
        existing = Report.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return existing

    logger.info(
        "report_received",
        extra={
            "incident_id": report.incident_id,
            "channel": channel,
            "anonymous": anonymous,
        },
    )
    return report


@transaction.atomic
def _create_report(
    *,
    description: str,
    reporter: AbstractBaseUser | None,
    anonymous: bool,
    discovered_at: datetime | None,
    personal_data: str,
    channel: str,
    files: Sequence[UploadedEvidence],
    **fields: object,
) -> Report:
    # An anonymous report keeps only the hour it came in: a precise time could
    # be matched against door, mail or network logs to find the reporter.
    moment = coarse_time(timezone.now()) if anonymous else None
    receipt = new_receipt_code() if anonymous else None
    incident = open_incident(
        discovered_at=discovered_at, personal_data=personal_data, reported_at=moment
    )
    report = Report.objects.create(
        incident=incident,
        description=description,
        reporter=reporter,
        anonymous=anonymous,
        discovered_at=discovered_at,
        personal_data=personal_data,
        channel=channel,
        received_at=incident.reported_at,
        receipt_lookup=receipt.lookup if receipt else None,
        receipt_hash=hash_secret(receipt) if receipt else "",
        **fields,
    )
    report.receipt_code = str(receipt) if receipt else None  # type: ignore[attr-defined]
    with record_language():
        summary = _("Report received")
    append_entry(
        incident=incident,
        actor=reporter,
        kind=EntryKind.COMMUNICATION,
        channel=Channel.WEB,
        direction=Direction.INCOMING,
        summary=summary,
        text=description,
        files=files,
        recorded_at=moment,
    )
    if moment is not None:
        Incident.objects.filter(pk=incident.pk).update(updated_at=moment)
    send_case_mail_on_commit(
        to=mailbox_address("security"),
        template="reports/email_new_report",
        context={"reference": incident.reference},
    )
    return report


def report_for_receipt(code_text: str) -> Report | None:
    """Return the anonymous report a receipt code belongs to, if it does."""
    code = parse_receipt_code(code_text)
    report = None
    if code is not None:
        report = Report.objects.filter(receipt_lookup=code.lookup).first()
    if report is None or not secret_matches(code, report.receipt_hash):  # type: ignore[arg-type]
        logger.warning("receipt_code_refused")
        return None
    return report


@transaction.atomic
def ask_reporter(*, report: Report, text: str, actor: AbstractBaseUser) -> None:
    """Put a question to the (anonymous) reporter and log it in the case."""
    now = timezone.now()
    ReporterMessage.objects.create(
        report=report,
        direction=MessageDirection.QUESTION,
        text=text,
        author=actor,
        sent_at=now,
    )
    with record_language():
        summary = _("Question to the reporter")
    append_entry(
        incident=report.incident,
        actor=actor,
        kind=EntryKind.COMMUNICATION,
        channel=Channel.WEB,
        direction=Direction.OUTGOING,
        summary=summary,
        text=text,
    )
    logger.info("reporter_question_asked", extra={"incident_id": report.incident_id})


@transaction.atomic
def answer_as_reporter(*, report: Report, text: str) -> None:
    """Store the reporter's answer; an anonymous one keeps only the hour.

    The same text sent again right after (a reload re-sends the form) is the
    same answer: the logbook cannot take a duplicate back.
    """
    last = report.messages.order_by("-pk").first()
    if last and last.direction == MessageDirection.ANSWER and last.text == text:
        return
    now = timezone.now()
    moment = coarse_time(now) if report.anonymous else now
    ReporterMessage.objects.create(
        report=report,
        direction=MessageDirection.ANSWER,
        text=text,
        author=None if report.anonymous else report.reporter,
        sent_at=moment,
    )
    with record_language():
        summary = _("Answer from the reporter")
    append_entry(
        incident=report.incident,
        actor=None if report.anonymous else report.reporter,
        kind=EntryKind.COMMUNICATION,
        channel=Channel.WEB,
        direction=Direction.INCOMING,
        summary=summary,
        text=text,
        recorded_at=max(moment, _last_recorded(report.incident)),
    )
    logger.info("reporter_answer_received")


def _last_recorded(incident: Incident) -> datetime:
    entry = incident.logbook_entries.order_by("-sequence").first()
    return entry.recorded_at if entry else incident.reported_at
