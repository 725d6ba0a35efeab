# SPDX-License-Identifier: EUPL-1.2
"""The status workflow of an incident: one table of allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("New")
    TRIAGE = "triage", _("Triage")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class Kind(models.TextChoices):
    UNKNOWN = "unknown", _("Not yet known")
    MALFUNCTION = "malfunction", _("Malfunction or ICT problem")
    PHYSICAL = "physical", _("Physical incident")
    POSSIBLE_BREACH = "possible_breach", _("Possible data breach")
    OTHER = "other", _("Other security incident")


TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.TRIAGE}),
    Status.TRIAGE: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.CLOSED}),
    # Reopening: a closed case goes back to work, never straight to "new".
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
}


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def next_statuses(current: str) -> list[Status]:
    """The statuses reachable from ``current``, in workflow order."""
    return [status for status in Status if can_transition(current, status)]
