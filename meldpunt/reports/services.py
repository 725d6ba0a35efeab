# SPDX-License-Identifier: EUPL-1.2
"""The intake's write API: a report becomes a case with its first logbook entry."""

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

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
    transaction.on_commit(lambda: notify_security_mailbox(incident.reference))
    return report


def notify_security_mailbox(reference: str) -> None:
    """Tell the security mailbox a report came in: the reference, not the content."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"reference": reference, "base_url": settings.MELDPUNT_BASE_URL}
        subject = _("New report %(reference)s") % {"reference": reference}
        body = render_to_string("reports/email_new_report.txt", context)
    try:
        send_mail(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [settings.MELDPUNT_SECURITY_MAILBOX],
        )
    except OSError:
        # The report is stored and on the work list; a mail server that is
        # down must not turn the reporter's confirmation into an error page.
        logger.exception("security_mailbox_unreachable", extra={"reference": reference})
        return
    logger.info("security_mailbox_notified", extra={"reference": reference})
