# SPDX-License-Identifier: EUPL-1.2
"""A fully known version of the facts, for the rules to reason about.

Facts that are not known yet are filled in twice: once as unfavourably as they
could turn out (the basis of the advice: "if in doubt, notify") and once as
favourably. Where the two lead to different advice, the missing facts decide
and the advice says so.

Facts that would lower the risk (encryption, a restored backup, a confirmed
deletion, earlier publication, mitigation, exfiltration ruled out) count only
when stated: the organisation has to be able to show them (GDPR Art. 5(2)).
"""

from __future__ import annotations

from dataclasses import dataclass

from meldpunt.core.assessment.facts import BreachFacts

#: Assumed when the data categories are unknown: directly identifying and sensitive.
WORST_CATEGORIES = frozenset({"identity", "special"})
#: Assumed as the favourable completion of unknown data categories.
BEST_CATEGORIES = frozenset({"other"})


@dataclass(frozen=True)
class Scenario:
    """Breach facts with every field decided."""

    personal_data: bool
    breach_types: frozenset[str]
    categories: frozenset[str]
    subjects_max: int
    vulnerable: bool
    sensitivity: str
    unintelligible: bool
    backup: str
    exposure: str
    deletion_confirmed: bool
    exfiltration: str
    malicious: bool
    already_public: bool
    mitigated: bool
    #: Fields that were unknown and filled in by the completion.
    assumed: frozenset[str] = frozenset()

    @property
    def attacker_may_have_read(self) -> bool:
        """An attacker reached the data and copying them out is not ruled out."""
        return self.malicious and self.exfiltration != "ruled_out"

    @property
    def confidentiality_at_stake(self) -> bool:
        """Confidentiality counts: named as breached, or an attacker may have read."""
        named = "confidentiality" in self.breach_types
        return named or self.attacker_may_have_read


def worst_case(facts: BreachFacts, *, many_subjects: int) -> Scenario:
    """Fill every unknown fact as unfavourably as it could turn out."""
    return _complete(
        facts,
        categories=WORST_CATEGORIES,
        subjects_max=max(many_subjects, 1) * 1000,
        vulnerable=True,
        exposure="unknown_recipients",
        malicious=True,
    )


def best_case(facts: BreachFacts) -> Scenario:
    """Fill every unknown fact as favourably as it could turn out."""
    return _complete(
        facts,
        categories=BEST_CATEGORIES,
        subjects_max=1,
        vulnerable=False,
        exposure="none",
        malicious=False,
    )


def _complete(
    facts: BreachFacts,
    *,
    categories: frozenset[str],
    subjects_max: int,
    vulnerable: bool,
    exposure: str,
    malicious: bool,
) -> Scenario:
    known_categories = facts.data_categories
    unknown = {
        "personal_data": facts.personal_data is None,
        "data_categories": not known_categories,
        "subjects": facts.subjects is None,
        "vulnerable_subjects": facts.vulnerable_subjects is None,
        "exposure": facts.exposure is None,
        "malicious": facts.malicious is None,
    }
    return Scenario(
        personal_data=facts.personal_data is not False,
        breach_types=frozenset(facts.breach_types),
        categories=frozenset(known_categories) if known_categories else categories,
        subjects_max=facts.subjects.max if facts.subjects else subjects_max,
        vulnerable=_or(facts.vulnerable_subjects, vulnerable),
        sensitivity=facts.sensitivity,
        unintelligible=facts.unintelligible is True,
        backup=facts.backup or "none",
        exposure=facts.exposure or exposure,
        deletion_confirmed=facts.recipient_confirmed_deletion is True,
        exfiltration=facts.exfiltration or "unknown",
        malicious=_or(facts.malicious, malicious),
        already_public=facts.already_public is True,
        mitigated=facts.mitigated is True,
        assumed=frozenset(name for name, missing in unknown.items() if missing),
    )


def _or(value: bool | None, default: bool) -> bool:
    return default if value is None else value
