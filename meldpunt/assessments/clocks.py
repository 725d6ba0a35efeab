# SPDX-License-Identifier: EUPL-1.2
"""The legal clocks of a case: the GDPR 72 hours and, if it applies, NIS2.

The clocks start at the moment of awareness: the assessment's ``aware_at``,
else the incident's discovery time, else the time it was reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from meldpunt.core.deadlines import (
    authority_deadline,
    describe_time_left,
    elapsed,
    nis2_deadlines,
)
from meldpunt.incidents.models import Incident, PersonalData
from meldpunt.incidents.workflow import Kind, Status

from .models import FactsVersion

#: Less time left than this reads as "tight".
TIGHT = timedelta(hours=24)

CLOCK_LABELS: dict[str, Promise] = {
    "authority": _("Decide on notifying the AP (GDPR, 72 hours)"),
    "nis2_early_warning": _("NIS2 early warning (24 hours)"),
    "nis2_notification": _("NIS2 incident notification (72 hours)"),
    "nis2_final_report": _("NIS2 final report (one month)"),
}
URGENCY_LABELS: dict[str, Promise] = {
    "ample": _("ample time"),
    "tight": _("tight"),
    "overdue": _("overdue"),
    "done": _("done"),
}


@dataclass(frozen=True)
class CaseClock:
    """One deadline of one case, and whether it has been met."""

    key: str
    due_at: datetime
    done: bool

    @property
    def label(self) -> str:
        return str(CLOCK_LABELS[self.key])

    @property
    def regime(self) -> str:
        return "nis2" if self.key.startswith("nis2") else "gdpr"

    def urgency(self, now: datetime) -> str:
        if self.done:
            return "done"
        left = elapsed(now, self.due_at)
        if left < timedelta(0):
            return "overdue"
        return "tight" if left <= TIGHT else "ample"

    def words(self, now: datetime) -> str:
        language = "en" if (get_language() or "nl").startswith("en") else "nl"
        return describe_time_left(elapsed(now, self.due_at), language)


def latest_facts(incident: Incident) -> FactsVersion | None:
    """The latest facts; uses `prefetch_related("facts_versions")` when given."""
    versions = list(incident.facts_versions.all())
    return max(versions, key=lambda version: version.number, default=None)


def awareness_time(incident: Incident, facts: FactsVersion | None) -> datetime:
    """When the organisation became aware: this starts every clock."""
    aware_at = facts.facts.get("aware_at") if facts is not None else None
    if isinstance(aware_at, str):
        return datetime.fromisoformat(aware_at)
    return incident.discovered_at or incident.reported_at


def concerns_breach(incident: Incident, facts: FactsVersion | None) -> bool:
    """A (possible) breach or personal data: the clocks run for this case."""
    if facts is not None:
        return True
    return (
        incident.kind == Kind.POSSIBLE_BREACH
        or incident.personal_data == PersonalData.YES
    )


def case_clocks(incident: Incident) -> list[CaseClock]:
    """The case's clocks: the GDPR one, then NIS2's when that regime applies."""
    facts = latest_facts(incident)
    if not concerns_breach(incident, facts):
        return []

    aware_at = awareness_time(incident, facts)
    closed = incident.status == Status.CLOSED
    clocks: list[CaseClock] = []
    if facts is None or facts.facts.get("personal_data") is not False:
        decided = bool(incident.breach_decisions.all())
        due = authority_deadline(aware_at)
        clocks.append(CaseClock("authority", due, closed or decided))
    if settings.MELDPUNT_NIS2:
        nis2 = nis2_deadlines(aware_at)
        clocks += [
            CaseClock("nis2_early_warning", nis2.early_warning.due_at, closed),
            CaseClock("nis2_notification", nis2.incident_notification.due_at, closed),
            CaseClock("nis2_final_report", nis2.final_report.due_at, closed),
        ]
    return clocks


def present(clock: CaseClock, now: datetime) -> dict[str, object]:
    """A clock as a template needs it, read at `now`."""
    return {
        "key": clock.key,
        "label": clock.label,
        "regime": clock.regime,
        "due_at": clock.due_at,
        "urgency": clock.urgency(now),
        "words": clock.words(now),
    }
