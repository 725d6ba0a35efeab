# SPDX-License-Identifier: EUPL-1.2
"""Reminders before each deadline, and escalation once one has passed.

`send_due_reminders` is safe to call as often as anyone likes, from as many
workers as there are: a unique row per (case, clock, deadline, moment) is
inserted in the same transaction as the logbook entry, so a second worker's
insert fails and it sends nothing; the mail goes out only after the commit.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from meldpunt.accounts.roles import Role
from meldpunt.core.deadlines import reminders_due
from meldpunt.guidance.mail import send_case_mail_on_commit
from meldpunt.incidents.models import Incident, PersonalData
from meldpunt.incidents.workflow import Kind, Status
from meldpunt.logbook.models import Channel, Direction, EntryKind
from meldpunt.logbook.services import append_entry

from .clocks import CaseClock, case_clocks
from .models import SentReminder

logger = logging.getLogger(__name__)

OVERDUE = "overdue"


def send_due_reminders(now: datetime | None = None) -> int:
    """Send every reminder and escalation due at `now`; return how many went out."""
    now = now or timezone.now()
    sent = 0
    for incident in _cases_with_clocks():
        for clock in case_clocks(incident):
            point = due_point(clock, now)
            if point is not None and _send_once(incident, clock, point, now):
                sent += 1
    return sent


def due_point(clock: CaseClock, now: datetime) -> str | None:
    """The latest reminder moment reached, or the escalation once overdue.

    A worker that was down sends only the latest moment, not a burst of the
    ones it missed.
    """
    if clock.done:
        return None
    if clock.urgency(now) == "overdue":
        return OVERDUE
    reached = reminders_due(clock.due_at, now, settings.MELDPUNT_REMINDER_HOURS)
    return f"{reached[-1]:g}" if reached else None


def _cases_with_clocks() -> QuerySet[Incident]:
    breach = (
        Q(kind=Kind.POSSIBLE_BREACH)
        | Q(personal_data=PersonalData.YES)
        | Q(facts_versions__isnull=False)
    )
    return (
        Incident.objects.exclude(status=Status.CLOSED)
        .filter(breach)
        .select_related("handler")
        .prefetch_related("facts_versions", "breach_decisions")
        .distinct()
        .order_by("pk")
    )


def _send_once(incident: Incident, clock: CaseClock, point: str, now: datetime) -> bool:
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                incident=incident,
                clock=clock.key,
                point=point,
                due_at=clock.due_at,
                sent_at=now,
            )
            recipients = _recipients(incident, escalate=point == OVERDUE)
            _record(incident, clock, point, recipients, now)
    except IntegrityError:
        # Another worker sent this one first.
        return False
    logger.info(
        "deadline_reminder_sent",
        extra={"incident_id": incident.pk, "clock": clock.key, "point": point},
    )
    return True


def _recipients(incident: Incident, *, escalate: bool) -> list[str]:
    """Handler, directors and FGs before the deadline; deputies after it."""
    if escalate:
        people = _in_roles(Role.DEPUTY_CISO) or _in_roles(Role.CISO)
    else:
        people = _in_roles(Role.DIRECTOR, Role.FG)
        if incident.handler is not None and incident.handler.is_active:
            people.insert(0, incident.handler)
    addresses = [getattr(person, "email", "") for person in people]
    return list(dict.fromkeys(address for address in addresses if address))


def _in_roles(*roles: Role) -> list[AbstractBaseUser]:
    users = get_user_model().objects.filter(
        is_active=True, groups__name__in=[str(role) for role in roles]
    )
    return list(users.distinct().order_by("pk"))


def _record(
    incident: Incident,
    clock: CaseClock,
    point: str,
    recipients: list[str],
    now: datetime,
) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "reference": incident.reference,
            "clock": clock.label,
            "due_at": formats.date_format(
                timezone.localtime(clock.due_at), "DATETIME_FORMAT"
            ),
            "time_left": clock.words(now),
            "overdue": point == OVERDUE,
        }
        if point == OVERDUE:
            summary = _("Deadline passed without a decision: %(clock)s; escalated")
        else:
            summary = _("Reminder sent: %(clock)s, %(time_left)s")
        summary = summary % context
    append_entry(
        incident=incident,
        actor=None,
        kind=EntryKind.COMMUNICATION,
        channel=Channel.EMAIL,
        direction=Direction.OUTGOING,
        participants=", ".join(recipients),
        summary=summary[:300],
        occurred_at=now,
    )
    for address in recipients:
        send_case_mail_on_commit(
            to=address, template="assessments/email_reminder", context=context
        )
