# SPDX-License-Identifier: EUPL-1.2
"""The assessment's write API: facts versions and decisions, each logged."""

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.core.assessment import explain, validate_facts
from meldpunt.core.deadlines import authority_deadline
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import EntryKind
from meldpunt.logbook.services import append_entry, record_language

from .clocks import awareness_time
from .models import Decision, FactsVersion
from .wording import advice_summary, channel_word, yes_no

logger = logging.getLogger(__name__)


@transaction.atomic
def record_facts(
    *,
    incident: Incident,
    facts: Mapping[str, Any],
    actor: AbstractBaseUser | None,
) -> FactsVersion:
    """Store `facts` as the case's next version with its advice.

    Raises `FactsError` naming every problem. Facts equal to the latest
    version are not stored again.
    """
    advice = explain(validate_facts(facts))
    Incident.objects.select_for_update().only("id").get(pk=incident.pk)
    latest = incident.facts_versions.order_by("-number").first()
    if latest is not None and latest.facts == dict(facts):
        return latest

    version = FactsVersion.objects.create(
        incident=incident,
        number=(latest.number + 1) if latest else 1,
        facts=dict(facts),
        assessment=advice.as_dict("nl"),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    with record_language():
        append_entry(
            incident=incident,
            actor=actor,
            kind=EntryKind.DECISION,
            summary=_("Breach facts recorded (version %(number)s). Advice: %(advice)s")
            % {"number": version.number, "advice": advice_summary(version.assessment)},
            text="\n".join(f"- {reason}" for reason in version.assessment["reasons"]),
        )
    logger.info(
        "breach_facts_recorded",
        extra={"incident_id": incident.pk, "version": version.number},
    )
    return version


def is_against(
    assessment: Mapping[str, Any],
    *,
    notify_authority: bool,
    notify_subjects: bool,
    subjects_channel: str,
) -> bool:
    """Whether a decision departs from a clear (yes/no) recommendation."""
    authority = assessment["notify_authority"]
    subjects = assessment["notify_subjects"]
    if authority != "judgement" and (authority == "yes") != notify_authority:
        return True
    if subjects != "judgement" and (subjects == "yes") != notify_subjects:
        return True
    recommended = assessment.get("subjects_channel")
    return bool(notify_subjects and recommended and subjects_channel != recommended)


@transaction.atomic
def record_decision(
    *,
    incident: Incident,
    notify_authority: bool,
    notify_subjects: bool,
    subjects_channel: str,
    reasons: str,
    consulted: str,
    delay_reasons: str,
    actor: AbstractBaseUser | None,
    now: datetime | None = None,
) -> Decision:
    """Record who decided what on which advice, and why."""
    Incident.objects.select_for_update().only("id").get(pk=incident.pk)
    now = now or timezone.now()
    version = incident.facts_versions.order_by("-number").first()
    if version is None:
        raise ValidationError(_("Record the facts first: the decision needs them."))
    subjects_channel = subjects_channel if notify_subjects else ""
    against = is_against(
        version.assessment,
        notify_authority=notify_authority,
        notify_subjects=notify_subjects,
        subjects_channel=subjects_channel,
    )
    _check_decision(
        version=version,
        incident=incident,
        notify_authority=notify_authority,
        notify_subjects=notify_subjects,
        subjects_channel=subjects_channel,
        reasons=reasons.strip(),
        delay_reasons=delay_reasons.strip(),
        against=against,
        now=now,
    )

    decision = Decision.objects.create(
        incident=incident,
        facts_version=version,
        notify_authority=notify_authority,
        notify_subjects=notify_subjects,
        subjects_channel=subjects_channel,
        reasons=reasons.strip(),
        consulted=consulted.strip(),
        delay_reasons=delay_reasons.strip(),
        against_recommendation=against,
        decided_by=actor,
        decided_at=now,
    )
    _log_decision(decision, version, actor)
    return decision


def _check_decision(
    *,
    version: FactsVersion,
    incident: Incident,
    notify_authority: bool,
    notify_subjects: bool,
    subjects_channel: str,
    reasons: str,
    delay_reasons: str,
    against: bool,
    now: datetime,
) -> None:
    errors: dict[str, str] = {}
    open_question = "judgement" in (
        version.assessment["notify_authority"],
        version.assessment["notify_subjects"],
    )
    if against and not reasons:
        errors["reasons"] = _(
            "The decision departs from the recommendation: give the reasons."
        )
    elif open_question and not reasons:
        errors["reasons"] = _(
            "The recommendation leaves a question open: give the reasons for "
            "your answer to it."
        )
    if notify_subjects and not subjects_channel:
        errors["subjects_channel"] = _("Choose how the people will be informed.")
    deadline = authority_deadline(awareness_time(incident, version))
    if notify_authority and now > deadline and not delay_reasons:
        errors["delay_reasons"] = _(
            "The 72-hour deadline has passed: give the reasons for the delay."
        )
    if errors:
        raise ValidationError(errors)


def _log_decision(
    decision: Decision, version: FactsVersion, actor: AbstractBaseUser | None
) -> None:
    with record_language():
        _append_decision(decision, version, actor)


def _append_decision(
    decision: Decision, version: FactsVersion, actor: AbstractBaseUser | None
) -> None:
    subjects = yes_no(decision.notify_subjects)
    if decision.subjects_channel:
        subjects += f" ({channel_word(decision.subjects_channel)})"
    summary = _(
        "Decided: notify the AP: %(authority)s; inform the people: %(subjects)s"
    ) % {
        "authority": yes_no(decision.notify_authority),
        "subjects": subjects,
    }
    if decision.against_recommendation:
        summary += " " + _("(against the recommendation)")
    text = _("Recommendation on facts version %(number)s: %(advice)s") % {
        "number": version.number,
        "advice": advice_summary(version.assessment),
    }
    if decision.delay_reasons:
        text += "\n" + _("Reasons for the delay: %(reasons)s") % {
            "reasons": decision.delay_reasons
        }
    append_entry(
        incident=decision.incident,
        actor=actor,
        kind=EntryKind.DECISION,
        summary=summary[:300],
        text=text,
        reasons=decision.reasons,
        participants=decision.consulted,
        occurred_at=decision.decided_at,
    )
    logger.info(
        "breach_decision_recorded",
        extra={
            "incident_id": decision.incident_id,
            "decision_id": decision.pk,
            "against_recommendation": decision.against_recommendation,
        },
    )
