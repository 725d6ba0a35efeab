# SPDX-License-Identifier: EUPL-1.2
"""The procedure's write API: answers, the actions they trigger, absences."""

import logging
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.roles import CASE_HANDLER_ROLES
from meldpunt.core.availability import Absence as AbsenceFact
from meldpunt.core.availability import Availability, Path, assess_availability
from meldpunt.core.procedure import (
    ActionType,
    GivenAnswer,
    InvalidAnswerError,
    StepResult,
    TriggeredAction,
    check_answer_data,
    next_step,
)
from meldpunt.incidents.models import Incident
from meldpunt.incidents.workflow import Status
from meldpunt.logbook.dossier import DossierNotSent, send_dossier
from meldpunt.logbook.models import Channel, Direction, EntryKind, LogbookEntry
from meldpunt.logbook.services import append_entry, record_language

from .definitions import (
    active_definition,
    snapshot_active_definition,
    snapshot_definition,
)
from .mail import mailbox_address, send_case_mail_on_commit
from .models import Absence, EmergencyNumberDisclosure, ProcedureAnswer, ProcedureRun
from .presenting import describe_answer

logger = logging.getLogger(__name__)

# The time Meldpunt records for what it does on its own at an anonymous
# report: the report's coarse time, never a precise one that could single
# the reporter out (see meldpunt.reports.services).
_RECORDED_AT: ContextVar[datetime | None] = ContextVar("recorded_at", default=None)


def _now() -> datetime:
    return _RECORDED_AT.get() or timezone.now()


def _append(**fields: Any) -> LogbookEntry:
    return append_entry(recorded_at=_RECORDED_AT.get(), **fields)


def current_availability(now: datetime | None = None) -> Availability:
    """Which path applies now, from absences and unanswered reports."""
    now = now or timezone.now()
    handlers = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=CASE_HANDLER_ROLES)
        .values_list("pk", flat=True)
        .distinct()
    )
    absences = [
        AbsenceFact(str(a.person_id), a.starts_at, a.ends_at, a.reachable)
        for a in Absence.objects.filter(person_id__in=handlers, starts_at__lte=now)
    ]
    unanswered = (
        Incident.objects.filter(status=Status.NEW)
        .exclude(logbook_entries__author__groups__name__in=CASE_HANDLER_ROLES)
        .order_by("reported_at")
        .values_list("reported_at", flat=True)
        .first()
    )
    hours = active_definition().settings.thresholds["ciso_unreachable_hours"]
    return assess_availability(
        handlers=[str(pk) for pk in handlers],
        absences=absences,
        oldest_unanswered_report=unanswered,
        now=now,
        no_reaction_after=timedelta(hours=settings.MELDPUNT_NO_REACTION_HOURS),
        guide_after=timedelta(hours=hours),
    )


def run_state(run: ProcedureRun) -> StepResult:
    """Replay the run's answers on the definition it started with."""
    answers = [
        GivenAnswer(a.step_id, a.answer_id, a.data)
        for a in run.answers.order_by("position")
    ]
    return next_step(snapshot_definition(run.definition), answers)


@transaction.atomic
def start_procedure(
    *,
    incident: Incident,
    actor: AbstractBaseUser | None,
    availability: Availability,
    first_answer: str = "incident",
) -> ProcedureRun:
    """Start the procedure for a new report; a second call returns the first run."""
    Incident.objects.select_for_update().get(pk=incident.pk)
    existing = ProcedureRun.objects.filter(incident=incident).first()
    if existing is not None:
        return existing

    # Path C (a supplier, or someone stuck) is never walked through the steps.
    guided = availability.path is Path.GUIDED and first_answer == "incident"
    anonymous = incident.reports.filter(anonymous=True).exists()
    token = _RECORDED_AT.set(incident.reported_at if anonymous else None)
    try:
        return _start(incident, actor, availability, first_answer, guided)
    finally:
        _RECORDED_AT.reset(token)


def _start(
    incident: Incident,
    actor: AbstractBaseUser | None,
    availability: Availability,
    first_answer: str,
    guided: bool,
) -> ProcedureRun:
    run = ProcedureRun.objects.create(
        incident=incident,
        definition=snapshot_active_definition(),
        guided=guided,
        started_at=_now(),
    )
    _answer(run=run, step_id="start", answer_id=first_answer, data={}, actor=actor)
    if first_answer == "incident":
        choice = "unreachable" if guided else "reachable"
        _answer(
            run=run,
            step_id="ciso_availability",
            answer_id=choice,
            data={},
            actor=actor,
            reasons=_availability_reason(availability),
        )
    return run


@transaction.atomic
def answer_step(
    *,
    run: ProcedureRun,
    step_id: str,
    answer_id: str,
    data: Mapping[str, object],
    actor: AbstractBaseUser | None,
) -> StepResult:
    """Record one answer, carry out what it triggers, and log both."""
    Incident.objects.select_for_update().get(pk=run.incident_id)
    run.refresh_from_db()
    return _answer(
        run=run, step_id=step_id, answer_id=answer_id, data=data, actor=actor
    )


def _availability_reason(availability: Availability) -> str:
    """Why Meldpunt answered step 1 itself, in words."""
    if availability.unreachable_since is None:
        return _("Determined by Meldpunt: the CISO or a deputy is available.")
    since = formats.date_format(
        timezone.localtime(availability.unreachable_since), "DATETIME_FORMAT"
    )
    reasons = {
        "all_absent": _("the CISO and all deputies are absent and unreachable"),
        "no_reaction": _("a report has had no reaction from the CISO or a deputy"),
        "no_handlers": _("no CISO or deputy has been set up"),
    }
    return _("Determined by Meldpunt: %(reason)s, since %(since)s.") % {
        "reason": reasons.get(availability.reason or "", availability.reason),
        "since": since,
    }


def _answer(
    *,
    run: ProcedureRun,
    step_id: str,
    answer_id: str,
    data: Mapping[str, object],
    actor: AbstractBaseUser | None,
    reasons: str = "",
) -> StepResult:
    before = run_state(run)
    if before.step is None or before.step.id != step_id:
        raise InvalidAnswerError("this step has already been answered")
    answer = before.step.question.answer(answer_id)
    if answer is None:
        raise InvalidAnswerError("choose one of the answers")
    check_answer_data(before.step, answer, data)

    position = run.answers.count() + 1
    ProcedureAnswer.objects.create(
        run=run,
        position=position,
        step_id=step_id,
        answer_id=answer_id,
        data=dict(data),
        answered_by=actor,
        answered_at=_now(),
    )
    after = run_state(run)
    with record_language():
        summary, text = describe_answer(before.step, answer, data)
        _append(
            incident=run.incident,
            actor=actor,
            kind=EntryKind.DECISION,
            summary=summary,
            text=text,
            reasons=str(data.get("reasons", reasons)),
        )
        for action in after.actions[len(before.actions) :]:
            _carry_out(run, action, actor)
        if after.outcome is not None:
            _finish(run, after, actor)
    return after


def _finish(
    run: ProcedureRun, state: StepResult, actor: AbstractBaseUser | None
) -> None:
    if state.outcome is None:
        return
    run.outcome = state.outcome.id
    run.save(update_fields=["outcome"])
    _append(
        incident=run.incident,
        actor=actor,
        kind=EntryKind.DECISION,
        summary=_("Outcome of the procedure: %(title)s")
        % {"title": state.outcome.title.nl},
        text=state.outcome.explanation.nl,
    )
    logger.info(
        "procedure_finished",
        extra={"incident_id": run.incident_id, "outcome": run.outcome},
    )


def _carry_out(
    run: ProcedureRun, action: TriggeredAction, actor: AbstractBaseUser | None
) -> None:
    incident = run.incident
    params = action.params
    if action.type is ActionType.NOTIFY_ROLE:
        _notify_role(run, str(params["role"]), actor)
    elif action.type is ActionType.SEND_TO_MAILBOX:
        _send_to_mailbox(run, str(params["mailbox"]), str(params["content"]), actor)
    elif action.type is ActionType.BECOME_HANDLER and actor is not None:
        incident.handler = actor
        incident.save(update_fields=["handler", "updated_at"])
        _append(
            incident=incident,
            actor=actor,
            kind=EntryKind.DECISION,
            summary=_("The reporter handles this case, as the CISO cannot be reached"),
        )
    elif action.type is ActionType.START_CLOCK:
        start = incident.discovered_at or incident.reported_at
        if params.get("from") == "now":
            start = timezone.now()
        run.decision_due_at = start + timedelta(hours=int(params["hours"]))
        run.save(update_fields=["decision_due_at"])
    elif action.type is ActionType.OPEN_ASSESSMENT:
        run.assessment_opened = True
        run.save(update_fields=["assessment_opened"])
    elif action.type in (ActionType.DRAFT_NOTIFICATION, ActionType.REQUIRE_APPROVAL):
        _append(
            incident=incident,
            actor=actor,
            kind=EntryKind.NOTE,
            summary=_action_note(run, action),
        )


def _action_note(run: ProcedureRun, action: TriggeredAction) -> str:
    if action.type is ActionType.DRAFT_NOTIFICATION:
        drafts = {
            "ap": _("the notification to the AP"),
            "data_subjects_individual": _("the message to each person concerned"),
            "public_notice": _("the public notice on the website"),
        }
        kind = str(action.params["kind"])
        return _("To do: prepare %(what)s as a draft") % {
            "what": drafts.get(kind, kind)
        }
    roles = snapshot_definition(run.definition).settings.roles
    role = roles[str(action.params["role"])].name.nl
    return _(
        "To do: approval of the AP notification before it is sent, by: %(role)s"
    ) % {"role": role}


def _notify_role(run: ProcedureRun, role: str, actor: AbstractBaseUser | None) -> None:
    definition = snapshot_definition(run.definition)
    mailbox = definition.settings.roles[role].mailbox
    if mailbox is None:
        return
    address = mailbox_address(mailbox)
    send_case_mail_on_commit(
        to=address,
        template="guidance/email_role",
        context={
            "reference": run.incident.reference,
            "role": definition.settings.roles[role].name.nl,
            # The procedure hands the incident over to this role: it needs
            # to know what happened to act (block a pass, check a door).
            "description": run.incident.reports.values_list(
                "description", flat=True
            ).first(),
        },
    )
    _append(
        incident=run.incident,
        actor=actor,
        kind=EntryKind.COMMUNICATION,
        channel=Channel.EMAIL,
        direction=Direction.OUTGOING,
        participants=address,
        summary=_("Meldpunt e-mailed %(role)s about this case")
        % {"role": definition.settings.roles[role].name.nl},
    )


def _send_to_mailbox(
    run: ProcedureRun, mailbox: str, content: str, actor: AbstractBaseUser | None
) -> None:
    address = mailbox_address(mailbox)
    if content == "report":
        # The new-report notice already went to this mailbox at reception.
        summary = _("The report was sent to the security mailbox on receipt")
    else:
        # The dossier records its own entry once the mail has really left.
        transaction.on_commit(lambda: _send_dossier_now(run.incident, actor))
        return
    _append(
        incident=run.incident,
        actor=actor,
        kind=EntryKind.COMMUNICATION,
        channel=Channel.EMAIL,
        direction=Direction.OUTGOING,
        participants=address,
        summary=summary,
    )


def _send_dossier_now(incident: Incident, actor: AbstractBaseUser | None) -> None:
    try:
        send_dossier(incident=incident, actor=actor)
    except DossierNotSent:
        # Logged by send_dossier; the handler resends it from the case page.
        return


@transaction.atomic
def record_consultation(
    *,
    incident: Incident,
    consulted: str,
    channel: str,
    occurred_at: datetime,
    advice: str,
    actor: AbstractBaseUser | None,
) -> None:
    """Who was consulted, when, by which channel, and what they advised."""
    Incident.objects.select_for_update().get(pk=incident.pk)
    with record_language():
        summary = _("Consulted %(who)s") % {"who": consulted}
    _append(
        incident=incident,
        actor=actor,
        kind=EntryKind.CONSULTATION,
        channel=channel,
        direction=Direction.OUTGOING,
        participants=consulted,
        occurred_at=occurred_at,
        summary=summary,
        text=advice,
    )


@transaction.atomic
def record_absence(
    *,
    person: AbstractBaseUser,
    starts_at: datetime,
    ends_at: datetime | None,
    reachable: bool,
) -> Absence:
    absence = Absence.objects.create(
        person=person, starts_at=starts_at, ends_at=ends_at, reachable=reachable
    )
    logger.info(
        "absence_recorded", extra={"absence_id": absence.pk, "person_id": person.pk}
    )
    return absence


@transaction.atomic
def end_absence(*, absence: Absence, now: datetime | None = None) -> None:
    absence.ends_at = now or timezone.now()
    absence.save(update_fields=["ends_at"])
    logger.info("absence_ended", extra={"absence_id": absence.pk})


@transaction.atomic
def disclose_emergency_number(*, user: AbstractBaseUser) -> str:
    """Return the CISO's emergency number and record that it was shown."""
    EmergencyNumberDisclosure.objects.create(shown_to=user)
    logger.info("emergency_number_disclosed", extra={"user_id": user.pk})
    return str(settings.MELDPUNT_CISO_EMERGENCY_PHONE)
