# SPDX-License-Identifier: EUPL-1.2
"""The closed set of actions an answer can trigger, and their parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from meldpunt.core.procedure.model import Action, ActionType, Settings


class ParamKind(Enum):
    ROLE = "a role from settings.roles"
    MAILBOX = "a mailbox from settings.mailboxes"
    THRESHOLD = "a threshold from settings.thresholds"
    NAME = "a snake_case name"
    CHOICE = "one of a fixed list"


@dataclass(frozen=True)
class ParamSpec:
    kind: ParamKind
    choices: tuple[str, ...] = ()


RECORD_ITEMS = (
    "consultations",
    "solution_and_solved_at",
    "containment_measures",
    "communication_logbook",
    "impact_assessment",
    "assessment_and_reasons",
    "considerations_and_decisions",
)
NOTIFICATION_KINDS = ("ap", "data_subjects_individual", "public_notice")
MAILBOX_CONTENTS = ("report", "dossier")
CLOCK_STARTS = ("discovery", "now")

_ROLE = ParamSpec(ParamKind.ROLE)

ACTION_PARAMS: Mapping[ActionType, Mapping[str, ParamSpec]] = {
    ActionType.NOTIFY_ROLE: {"role": _ROLE},
    ActionType.SEND_TO_MAILBOX: {
        "mailbox": ParamSpec(ParamKind.MAILBOX),
        "content": ParamSpec(ParamKind.CHOICE, MAILBOX_CONTENTS),
    },
    ActionType.CONSULT: {"role": _ROLE},
    ActionType.REFER_TO_ROLE: {"role": _ROLE},
    ActionType.BECOME_HANDLER: {},
    ActionType.PRESERVE_EVIDENCE: {},
    ActionType.RECORD: {"item": ParamSpec(ParamKind.CHOICE, RECORD_ITEMS)},
    ActionType.OPEN_ASSESSMENT: {},
    ActionType.START_CLOCK: {
        "clock": ParamSpec(ParamKind.NAME),
        "hours": ParamSpec(ParamKind.THRESHOLD),
        "from": ParamSpec(ParamKind.CHOICE, CLOCK_STARTS),
    },
    ActionType.DRAFT_NOTIFICATION: {
        "kind": ParamSpec(ParamKind.CHOICE, NOTIFICATION_KINDS)
    },
    ActionType.REQUIRE_APPROVAL: {
        "role": _ROLE,
        "of": ParamSpec(ParamKind.CHOICE, ("ap_notification",)),
    },
}


def param_problem(spec: ParamSpec, value: str, settings: Settings) -> str | None:
    """Say what is wrong with one parameter value, or None if it is fine."""
    known: Mapping[str, object] | None = {
        ParamKind.ROLE: settings.roles,
        ParamKind.MAILBOX: settings.mailboxes,
        ParamKind.THRESHOLD: settings.thresholds,
    }.get(spec.kind)
    if known is not None and value not in known:
        return f"'{value}' is not {spec.kind.value}"
    if spec.kind is ParamKind.CHOICE and value not in spec.choices:
        return f"'{value}' is not one of: {', '.join(spec.choices)}"
    if spec.kind is ParamKind.NAME and not value.isidentifier():
        return f"'{value}' is not {spec.kind.value}"
    return None


def resolve_action(action: Action, settings: Settings) -> dict[str, str | int]:
    """The action's parameters with settings filled in (addresses, hours)."""
    resolved: dict[str, str | int] = dict(action.params)
    for name, spec in ACTION_PARAMS[action.type].items():
        value = action.params[name]
        if spec.kind is ParamKind.THRESHOLD:
            resolved[name] = settings.thresholds[value]
        elif spec.kind is ParamKind.MAILBOX:
            resolved["address"] = settings.mailboxes[value].address
        elif spec.kind is ParamKind.ROLE:
            mailbox = settings.roles[value].mailbox
            if mailbox is not None:
                resolved["address"] = settings.mailboxes[mailbox].address
    return resolved
