# SPDX-License-Identifier: EUPL-1.2
"""The incident's write API: each function changes the case and logs it."""

import logging
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meldpunt.logbook.models import EntryKind
from meldpunt.logbook.services import append_entry, record_language

from .models import Incident, PersonalData, ReferenceCounter
from .workflow import Kind, Status, can_transition

logger = logging.getLogger(__name__)


def next_reference(year: int) -> str:
    """Hand out the next reference of ``year``; call inside a transaction."""
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
        year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{settings.MELDPUNT_REFERENCE_PREFIX}-{year}-{counter.last_number:04d}"


@transaction.atomic
def open_incident(
    *,
    discovered_at: datetime | None,
    personal_data: str = PersonalData.UNKNOWN,
    reported_at: datetime | None = None,
) -> Incident:
    """Create the case for a new report (the report records the logbook entry)."""
    now = reported_at or timezone.now()
    incident = Incident.objects.create(
        reference=next_reference(timezone.localtime(now).year),
        discovered_at=discovered_at,
        personal_data=personal_data,
        reported_at=now,
    )
    logger.info("incident_opened", extra={"incident_id": incident.pk})
    return incident


def _local(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


@transaction.atomic
def classify_incident(
    *, incident: Incident, kind: str, actor: AbstractBaseUser
) -> Incident:
    incident = _locked(incident)
    if incident.kind == kind:
        return incident

    old = incident.kind
    incident.kind = kind
    incident.save(update_fields=["kind", "updated_at"])
    with record_language():
        append_entry(
            incident=incident,
            actor=actor,
            kind=EntryKind.DECISION,
            summary=_("Classified as: %(kind)s (was: %(old)s)")
            % {"kind": Kind(kind).label, "old": Kind(old).label},
        )
    logger.info("incident_classified", extra={"incident_id": incident.pk, "kind": kind})
    return incident


@transaction.atomic
def assign_handler(
    *, incident: Incident, handler: AbstractBaseUser | None, actor: AbstractBaseUser
) -> Incident:
    incident = _locked(incident)
    if incident.handler_id == (handler.pk if handler else None):
        return incident

    incident.handler = handler
    incident.save(update_fields=["handler", "updated_at"])
    name = handler.get_full_name() or handler.get_username() if handler else "—"
    with record_language():
        append_entry(
            incident=incident,
            actor=actor,
            kind=EntryKind.DECISION,
            summary=_("Handler set to %(name)s") % {"name": name},
        )
    logger.info(
        "incident_assigned",
        extra={"incident_id": incident.pk, "handler_id": getattr(handler, "pk", None)},
    )
    return incident


@transaction.atomic
def change_status(
    *, incident: Incident, status: str, actor: AbstractBaseUser, note: str = ""
) -> Incident:
    """Move the case along the workflow; closing goes through ``close_incident``."""
    incident = _locked(incident)
    if status == Status.CLOSED:
        raise ValidationError(_("Use the close form to close a case."))
    _check_transition(incident, status)

    old = incident.status
    incident.status = status
    fields = ["status", "updated_at"]
    if incident.closed_at is not None:
        incident.closed_at = None
        fields.append("closed_at")
    incident.save(update_fields=fields)
    with record_language():
        append_entry(
            incident=incident,
            actor=actor,
            kind=EntryKind.STATUS_CHANGE,
            summary=_("Status changed from %(old)s to %(new)s")
            % {"old": Status(old).label, "new": Status(status).label},
            text=note,
        )
    logger.info(
        "incident_status_changed", extra={"incident_id": incident.pk, "status": status}
    )
    return incident


def _check_transition(incident: Incident, status: str) -> None:
    if not can_transition(incident.status, status):
        raise ValidationError(
            _("A case with status %(old)s cannot move to %(new)s.")
            % {"old": incident.get_status_display(), "new": Status(status).label}
        )


@transaction.atomic
def close_incident(
    *,
    incident: Incident,
    resolution: str,
    solved_at: datetime,
    actor: AbstractBaseUser,
) -> Incident:
    incident = _locked(incident)
    _check_transition(incident, Status.CLOSED)
    if solved_at > timezone.now():
        raise ValidationError(_("The time it was solved cannot be in the future."))
    if incident.discovered_at and solved_at < incident.discovered_at:
        raise ValidationError(
            _("The time it was solved cannot be before it was discovered (%(moment)s).")
            % {"moment": _local(incident.discovered_at)}
        )

    incident.status = Status.CLOSED
    incident.resolution = resolution
    incident.solved_at = solved_at
    incident.closed_at = timezone.now()
    incident.save(
        update_fields=["status", "resolution", "solved_at", "closed_at", "updated_at"]
    )
    with record_language():
        append_entry(
            incident=incident,
            actor=actor,
            kind=EntryKind.STATUS_CHANGE,
            summary=_("Case closed; solved at %(moment)s")
            % {
                "moment": formats.date_format(
                    timezone.localtime(solved_at), "DATETIME_FORMAT"
                )
            },
            text=resolution,
        )
    logger.info("incident_closed", extra={"incident_id": incident.pk})
    return incident


@transaction.atomic
def add_note(*, incident: Incident, text: str, actor: AbstractBaseUser) -> None:
    incident = _locked(incident)
    summary = text.strip().splitlines()[0][:200]
    append_entry(
        incident=incident,
        actor=actor,
        kind=EntryKind.NOTE,
        summary=summary,
        text=text.strip(),
    )
