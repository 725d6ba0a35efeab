# SPDX-License-Identifier: EUPL-1.2
"""Breach facts in, `meldpunt.assessment/1` advice out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from meldpunt.core.assessment.facts import (
    KNOWN_FIELDS,
    BreachFacts,
    validate_facts,
    validate_facts_list,
)
from meldpunt.core.assessment.reasons import (
    AP,
    GDPR_33,
    GDPR_34,
    GDPR_34_3C,
    Reason,
    check_language,
    reason,
)
from meldpunt.core.assessment.rules import Outcome, Policy, decide
from meldpunt.core.assessment.scenario import best_case, worst_case
from meldpunt.core.assessment.severity import Severity
from meldpunt.core.deadlines import LOCAL_ZONE, authority_deadline

ASSESSMENT_FORMAT = "meldpunt.assessment/1"
#: Facts that shape the deadline or the channel, never the risk itself.
NOT_RISK_FACTS = frozenset({"aware_at", "contact_details_known"})


@dataclass(frozen=True)
class Assessment:
    """The advice on one breach, with its reasons in both languages."""

    severity: Severity
    notify_authority: str
    notify_subjects: str
    subjects_channel: str | None
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]
    authority_deadline: datetime | None

    def as_dict(self, language: str = "nl") -> dict[str, Any]:
        """The `meldpunt.assessment/1` JSON object, reasons in `language`."""
        check_language(language)
        deadlines = {}
        if self.authority_deadline is not None:
            deadlines["authority"] = self.authority_deadline.isoformat()
        return {
            "format": ASSESSMENT_FORMAT,
            "severity": self.severity.as_dict(),
            "notify_authority": self.notify_authority,
            "notify_subjects": self.notify_subjects,
            "subjects_channel": self.subjects_channel,
            "reasons": [item.text(language) for item in self.reasons],
            "missing": list(self.missing),
            "deadlines": deadlines,
        }


def assess(
    facts: Mapping[str, object],
    *,
    language: str = "nl",
    policy: Policy | None = None,
    zone: ZoneInfo = LOCAL_ZONE,
) -> dict[str, Any]:
    """Validate `facts` and return the `meldpunt.assessment/1` advice as JSON data.

    Raises `FactsError` naming every problem when the facts are not valid.
    """
    check_language(language)
    return explain(validate_facts(facts), policy=policy, zone=zone).as_dict(language)


def assess_all(
    items: object,
    *,
    language: str = "nl",
    policy: Policy | None = None,
    zone: ZoneInfo = LOCAL_ZONE,
) -> list[dict[str, Any]]:
    """Assess one facts object or a list of them; problems name the list index."""
    check_language(language)
    facts = validate_facts_list(items)
    return [explain(item, policy=policy, zone=zone).as_dict(language) for item in facts]


def explain(
    facts: BreachFacts, *, policy: Policy | None = None, zone: ZoneInfo = LOCAL_ZONE
) -> Assessment:
    """The advice on validated facts, with reasons in both languages."""
    policy = policy or Policy()
    worst = decide(worst_case(facts, many_subjects=policy.many_subjects), policy)
    best = decide(best_case(facts), policy)
    missing = missing_facts(facts, worst)

    authority = _combine_authority(worst.authority, best.authority)
    subjects = _combine(worst.subjects, best.subjects)
    reasons = list(worst.reasons)
    reasons += _doubt_reasons(worst, best, missing)
    channel, channel_reasons = subjects_channel(facts, subjects)
    reasons += channel_reasons
    deadline = _deadline(facts, zone)
    if deadline is not None:
        reasons.append(_deadline_reason(deadline))

    return Assessment(
        severity=worst.severity,
        notify_authority=authority,
        notify_subjects=subjects,
        subjects_channel=channel,
        reasons=_unique(reasons),
        missing=missing,
        authority_deadline=deadline,
    )


def missing_facts(facts: BreachFacts, worst: Outcome) -> tuple[str, ...]:
    """Unknown facts whose absence weakens the advice, in format order."""
    types = set(facts.breach_types)
    damaged = bool(types & {"integrity", "availability"})
    readable = "confidentiality" in types or facts.malicious is not False
    informing = worst.subjects != "no"
    unknown = {
        "aware_at": facts.aware_at is None,
        "personal_data": facts.personal_data is None,
        "data_categories": not facts.data_categories,
        "special_categories": facts.special_categories is None
        and "special" in (facts.data_categories or ()),
        "subjects": facts.subjects is None,
        "vulnerable_subjects": facts.vulnerable_subjects is None,
        "unintelligible": facts.unintelligible is None and readable,
        "backup": facts.backup is None and damaged,
        "exposure": facts.exposure is None and readable,
        "recipient_confirmed_deletion": facts.recipient_confirmed_deletion is None
        and facts.exposure in ("trusted_recipient", "untrusted_recipient")
        and facts.malicious is not True,
        "exfiltration": facts.exfiltration is None and facts.malicious is not False,
        "malicious": facts.malicious is None,
        "contact_details_known": facts.contact_details_known is None and informing,
    }
    return tuple(name for name in KNOWN_FIELDS if unknown.get(name, False))


def subjects_channel(
    facts: BreachFacts, subjects: str
) -> tuple[str | None, list[Reason]]:
    """How to inform the people concerned when that is (possibly) due."""
    if subjects == "no":
        return None, []
    known = facts.contact_details_known
    if known == "all":
        return "individual", [_channel_individual()]
    if known in ("some", "none"):
        return "public_notice", [_channel_public(known)]
    return "individual", [_channel_unknown()]


def _combine_authority(worst: str, best: str) -> str:
    """If in doubt, notify: the unfavourable reading decides a "yes"."""
    if worst == "yes":
        return "yes"
    return _combine(worst, best)


def _combine(worst: str, best: str) -> str:
    return worst if worst == best else "judgement"


def _doubt_reasons(
    worst: Outcome, best: Outcome, missing: tuple[str, ...]
) -> list[Reason]:
    deciding = [name for name in missing if name not in NOT_RISK_FACTS]
    fields = ", ".join(deciding) or "-"
    reasons: list[Reason] = []
    if worst.authority == "yes" and best.authority != "yes":
        reasons.append(
            reason(
                "authority_doubt",
                f"Nog onbekend: {fields}. In het ongunstigste geval is er een "
                "risico; bij twijfel melden en later aanvullen",
                f"Not yet known: {fields}. At worst there is a risk; if in doubt, "
                "notify and complete the notification later",
                GDPR_33,
                AP,
            )
        )
    if worst.subjects != best.subjects:
        reasons.append(
            reason(
                "subjects_open",
                f"Open vraag: of de betrokkenen moeten worden geïnformeerd, hangt af "
                f"van wat nog onbekend is: {fields}",
                f"Open question: whether to inform the people concerned depends on "
                f"what is not yet known: {fields}",
                GDPR_34,
            )
        )
    return reasons


def _deadline(facts: BreachFacts, zone: ZoneInfo) -> datetime | None:
    if facts.aware_at is None:
        return None
    return authority_deadline(facts.aware_at, zone=zone)


def _deadline_reason(deadline: datetime) -> Reason:
    moment = deadline.isoformat(sep=" ", timespec="minutes")
    return reason(
        "authority_deadline",
        f"aware_at: een melding bij de AP moet uiterlijk {moment} binnen zijn, 72 "
        "uur na ontdekking; wie later meldt, geeft de redenen voor de vertraging",
        f"aware_at: a notification must reach the AP by {moment}, 72 hours after "
        "awareness; a later notification must give the reasons for the delay",
        GDPR_33,
    )


def _channel_individual() -> Reason:
    return reason(
        "channel_individual",
        "contact_details_known=all: informeer iedere betrokkene persoonlijk, met "
        "wat hij of zij zelf kan doen om de gevolgen te beperken",
        "contact_details_known=all: inform each person individually, with what "
        "they can do themselves to limit the consequences",
        GDPR_34,
    )


def _channel_public(known: str) -> Reason:
    return reason(
        "channel_public_notice",
        f"contact_details_known={known}: niet iedereen is persoonlijk te bereiken; "
        "plaats een goed zichtbare mededeling op de website en informeer wie wel "
        "bereikbaar is persoonlijk",
        f"contact_details_known={known}: not everyone can be reached individually; "
        "publish a clearly visible notice on the website and inform those who can "
        "be reached individually",
        GDPR_34_3C,
    )


def _channel_unknown() -> Reason:
    return reason(
        "channel_unknown",
        "contact_details_known onbekend: uitgegaan van persoonlijke berichten; is "
        "niet iedereen bereikbaar, plaats dan een publieke mededeling",
        "contact_details_known unknown: individual messages assumed; if not "
        "everyone can be reached, publish a public notice",
        GDPR_34,
        GDPR_34_3C,
    )


def _unique(reasons: list[Reason]) -> tuple[Reason, ...]:
    seen: set[Reason] = set()
    kept: list[Reason] = []
    for item in reasons:
        if item not in seen:
            seen.add(item)
            kept.append(item)
    return tuple(kept)
