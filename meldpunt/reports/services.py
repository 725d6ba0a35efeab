# SPDX-License-Identifier: EUPL-1.2
"""The intake's write API: a report becomes a case with its first logbook entry."""

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from meldpunt.guidance.mail import mailbox_address, send_case_mail_on_commit
from meldpunt.incidents.models import PersonalData
from meldpunt.incidents.services import open_incident
from meldpunt.logbook.models import Channel, Direction, EntryKind
from meldpunt.logbook.services import UploadedEvidence, append_entry

from .models import Report, ReportChannel

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
    """Store a report and open its case; the same token never makes two."""
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
    discovered_at: datetime | None,
    personal_data: str,
    channel: str,
    files: Sequence[UploadedEvidence],
    **fields: object,
) -> Report:
    incident = open_incident(discovered_at=discovered_at, personal_data=personal_data)
    report = Report.objects.create(
        incident=incident,
        description=description,
        reporter=reporter,
        discovered_at=discovered_at,
        personal_data=personal_data,
        channel=channel,
        received_at=incident.reported_at,
        **fields,
    )
    append_entry(
        incident=incident,
        actor=reporter,
        kind=EntryKind.COMMUNICATION,
        channel=Channel.WEB,
        direction=Direction.INCOMING,
        summary=_("Report received"),
        text=description,
        files=files,
    )
    send_case_mail_on_commit(
        to=mailbox_address("security"),
        template="reports/email_new_report",
        context={"reference": incident.reference},
    )
    return report
