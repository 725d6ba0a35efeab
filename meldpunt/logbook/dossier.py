# SPDX-License-Identifier: EUPL-1.2
"""The dossier: the case's facts, its whole logbook and the chain's verdict.

One set of data feeds both forms: JSON for machines and archives, PDF (one
HTML template rendered by WeasyPrint) for people.
"""

import hashlib
import json
import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meldpunt.guidance.mail import mailbox_address
from meldpunt.incidents.models import Incident
from meldpunt.reports.models import Report

from .models import Channel, Direction, EntryKind, Evidence, LogbookEntry
from .services import append_entry, entry_content
from .verification import ChainState, check_incident

logger = logging.getLogger(__name__)
FORMAT = "meldpunt-dossier/1"


@dataclass(frozen=True)
class Dossier:
    incident: Incident
    reports: list[Report]
    entries: list[LogbookEntry]
    evidence: list[Evidence]
    chain: ChainState
    generated_at: datetime


def build_dossier(incident: Incident) -> Dossier:
    entries = list(
        LogbookEntry.objects.filter(incident=incident)
        .select_related("incident", "author", "corrects")
        .prefetch_related("evidence", "corrections")
        .order_by("occurred_at", "sequence")
    )
    return Dossier(
        incident=incident,
        reports=list(incident.reports.select_related("reporter").order_by("id")),
        entries=entries,
        evidence=list(incident.evidence.select_related("entry").order_by("id")),
        chain=check_incident(incident),
        generated_at=timezone.now(),
    )


def _moment(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _person(user: Any) -> str | None:
    return (user.get_full_name() or user.get_username()) if user else None


def _entry(entry: LogbookEntry) -> dict[str, object]:
    return {
        "sequence": entry.sequence,
        "kind": entry.kind,
        "channel": entry.channel,
        "direction": entry.direction,
        "occurred_at": _moment(entry.occurred_at),
        "recorded_at": _moment(entry.recorded_at),
        "recorded_by": _person(entry.author),
        "participants": entry.participants,
        "summary": entry.summary,
        "text": entry.text,
        "reasons": entry.reasons,
        "corrects": entry.corrects.sequence if entry.corrects else None,
        "corrected_by": [item.sequence for item in entry.corrections.all()],
        "evidence": [item.sha256 for item in entry.evidence.all()],
        "previous_hash": entry.previous_hash,
        "entry_hash": entry.entry_hash,
        # Exactly what the hash covers, so that anyone can recompute it.
        "hashed_content": entry_content(entry, list(entry.evidence.all())),
    }


def _incident(incident: Incident) -> dict[str, object]:
    return {
        "reference": incident.reference,
        "kind": incident.kind,
        "status": incident.status,
        "personal_data": incident.personal_data,
        "discovered_at": _moment(incident.discovered_at),
        "reported_at": _moment(incident.reported_at),
        "handler": _person(incident.handler),
        "resolution": incident.resolution,
        "solved_at": _moment(incident.solved_at),
        "closed_at": _moment(incident.closed_at),
    }


def dossier_data(dossier: Dossier) -> dict[str, object]:
    chain = dossier.chain
    return {
        "format": FORMAT,
        "generated_at": _moment(dossier.generated_at),
        "incident": _incident(dossier.incident),
        "reports": [
            {
                "received_at": _moment(report.received_at),
                "channel": report.channel,
                "reporter": None if report.anonymous else _person(report.reporter),
                "anonymous": report.anonymous,
                "description": report.description,
            }
            for report in dossier.reports
        ],
        "entries": [_entry(entry) for entry in dossier.entries],
        "evidence": [
            {
                "entry": item.entry.sequence if item.entry else None,
                "name": item.original_name,
                "type": item.content_type,
                "size": item.size,
                "sha256": item.sha256,
                "uploaded_at": _moment(item.uploaded_at),
            }
            for item in dossier.evidence
        ],
        "verification": {
            "intact": chain.intact,
            "entries": chain.length,
            "head_hash": chain.head_hash,
            "broken_at": chain.problem.sequence if chain.problem else None,
            "reason": chain.problem.reason if chain.problem else None,
        },
    }


def dossier_json(dossier: Dossier) -> bytes:
    text = json.dumps(dossier_data(dossier), ensure_ascii=False, indent=2)
    return text.encode("utf-8") + b"\n"


def dossier_html(dossier: Dossier) -> str:
    return render_to_string("logbook/dossier.html", {"dossier": dossier})


def dossier_pdf(dossier: Dossier) -> bytes:
    # Imported here: WeasyPrint takes about a second to load, and only the
    # dossier needs it.
    from weasyprint import HTML

    from .pdf import OfflineFetcher

    document = HTML(string=dossier_html(dossier), url_fetcher=OfflineFetcher())
    return document.write_pdf()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DossierNotSent(Exception):
    """The mail server did not take the dossier; nothing was recorded."""


def send_dossier(*, incident: Incident, actor: AbstractBaseUser | None) -> LogbookEntry:
    """Mail the dossier to the security mailbox, then record that it went.

    The mail is the act being recorded, so it goes first: an entry saying
    "sent" must never stand for a mail that did not leave.
    """
    dossier = build_dossier(incident)
    pdf, data = dossier_pdf(dossier), dossier_json(dossier)
    mailbox = mailbox_address("security")
    with translation.override(settings.LANGUAGE_CODE):
        message = _dossier_message(dossier, mailbox, pdf, data)
    try:
        message.send(fail_silently=False)
    except (OSError, smtplib.SMTPException) as error:
        logger.exception("dossier_not_sent", extra={"incident_id": incident.pk})
        raise DossierNotSent from error

    try:
        entry = append_entry(
            incident=incident,
            actor=actor,
            kind=EntryKind.COMMUNICATION,
            channel=Channel.EMAIL,
            direction=Direction.OUTGOING,
            participants=mailbox,
            summary=_("Dossier sent to the security mailbox"),
            text=_sent_account(dossier, pdf, data),
        )
    except Exception:
        logger.exception(
            "dossier_sent_not_recorded", extra={"incident_id": incident.pk}
        )
        raise
    logger.info("dossier_sent", extra={"incident_id": incident.pk})
    return entry


def _dossier_message(
    dossier: Dossier, mailbox: str, pdf: bytes, data: bytes
) -> EmailMessage:
    reference = dossier.incident.reference
    body = render_to_string("logbook/email_dossier.txt", {"dossier": dossier})
    message = EmailMessage(
        subject=_("Dossier %(reference)s") % {"reference": reference},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mailbox],
    )
    message.attach(f"{reference}-dossier.pdf", pdf, "application/pdf")
    message.attach(f"{reference}-dossier.json", data, "application/json")
    return message


def _sent_account(dossier: Dossier, pdf: bytes, data: bytes) -> str:
    return _(
        "The dossier covers entries 1 to %(length)d (last hash %(head)s).\n"
        "PDF SHA-256: %(pdf)s\nJSON SHA-256: %(json)s"
    ) % {
        "length": dossier.chain.length,
        "head": dossier.chain.head_hash,
        "pdf": sha256_hex(pdf),
        "json": sha256_hex(data),
    }
