# SPDX-License-Identifier: EUPL-1.2
"""Severity of a breach after ENISA's methodology (2013): SE = DPC x EI + CB.

ENISA, "Recommendations for a methodology of the assessment of severity of
personal data breaches", working document v1.0, December 2013.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from meldpunt.core.assessment.scenario import Scenario

#: DPC base score per data category: ENISA's simple (1), behavioural (2),
#: financial (3) and sensitive (4) data. Identity numbers, ID copies and
#: credentials are scored with financial data because they open the door to
#: identity fraud and account takeover (AP guidance on sensitive data).
DPC_BASE: Mapping[str, int] = {
    "identity": 1,
    "contact": 1,
    "employment": 1,
    "education": 1,
    "other": 1,
    "location": 2,
    "communications": 2,
    "bsn": 3,
    "id_document": 3,
    "financial": 3,
    "credentials": 3,
    "special": 4,
    "criminal": 4,
}
SENSITIVITY_ADJUSTMENT: Mapping[str, int] = {"lower": -1, "typical": 0, "higher": 1}
DPC_MIN, DPC_MAX = 1, 4

#: EI: directly identifying data (maximum), contact details (significant),
#: anything else needs other data to single a person out (limited).
DIRECT_IDENTIFIERS = frozenset({"identity", "bsn", "id_document"})
EI_MAXIMUM, EI_SIGNIFICANT, EI_LIMITED = 1.0, 0.75, 0.5

#: CB, loss of confidentiality by exposure: ENISA's "no evidence of unlawful
#: processing" (0), "known recipients" (0.25), "unknown number" (0.5).
CONFIDENTIALITY_LOSS: Mapping[str, float] = {
    "none": 0.0,
    "trusted_recipient": 0.0,
    "untrusted_recipient": 0.25,
    "unknown_recipients": 0.5,
    "public": 0.5,
}
#: CB, loss of integrity or availability by backup: recovered (0), recoverable
#: or temporary (0.25), not recoverable (0.5).
RECOVERY_LOSS: Mapping[str, float] = {"restored": 0.0, "available": 0.25, "none": 0.5}
MALICIOUS_INTENT = 0.5

#: Lower bounds of the severity levels.
LEVELS = (("very_high", 4.0), ("high", 3.0), ("medium", 2.0), ("low", 0.0))
SCORE_MIN = DPC_MIN * EI_LIMITED
SCORE_MAX = DPC_MAX * EI_MAXIMUM + 0.5 * 3 + MALICIOUS_INTENT


@dataclass(frozen=True)
class Severity:
    """The ENISA severity with its parts."""

    dpc: float
    ei: float
    confidentiality: float
    integrity: float
    availability: float
    malicious: float

    @property
    def cb(self) -> float:
        return (
            self.confidentiality + self.integrity + self.availability + self.malicious
        )

    @property
    def score(self) -> float:
        return self.dpc * self.ei + self.cb

    @property
    def level(self) -> str:
        return next(name for name, floor in LEVELS if self.score >= floor)

    def as_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "level": self.level,
            "dpc": self.dpc,
            "ei": self.ei,
            "cb": self.cb,
        }


def score(scenario: Scenario) -> Severity:
    """The severity of the breach the scenario describes."""
    return Severity(
        dpc=float(data_processing_context(scenario)),
        ei=ease_of_identification(scenario.categories),
        confidentiality=confidentiality_loss(scenario),
        integrity=_recovery_loss(scenario, "integrity"),
        availability=_recovery_loss(scenario, "availability"),
        malicious=MALICIOUS_INTENT if scenario.malicious else 0.0,
    )


def data_processing_context(scenario: Scenario) -> int:
    """DPC: the highest base score, adjusted for context, within 1..4."""
    base = base_score(scenario.categories)
    adjusted = (
        base
        + SENSITIVITY_ADJUSTMENT[scenario.sensitivity]
        + (1 if scenario.vulnerable else 0)
        - (1 if scenario.already_public else 0)
    )
    return min(DPC_MAX, max(DPC_MIN, adjusted))


def base_score(categories: frozenset[str]) -> int:
    return max((DPC_BASE[category] for category in categories), default=DPC_MIN)


def ease_of_identification(categories: frozenset[str]) -> float:
    if categories & DIRECT_IDENTIFIERS:
        return EI_MAXIMUM
    if "contact" in categories:
        return EI_SIGNIFICANT
    return EI_LIMITED


def confidentiality_loss(scenario: Scenario) -> float:
    """Unreadable data or data proven not to have left count as no loss."""
    if not scenario.confidentiality_at_stake:
        return 0.0
    if scenario.unintelligible or scenario.exfiltration == "ruled_out":
        return 0.0
    return CONFIDENTIALITY_LOSS[scenario.exposure]


def _recovery_loss(scenario: Scenario, breach_type: str) -> float:
    if breach_type not in scenario.breach_types:
        return 0.0
    return RECOVERY_LOSS[scenario.backup]
