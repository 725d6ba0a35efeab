# SPDX-License-Identifier: EUPL-1.2
"""The notification rules, applied to one fully known scenario.

The order of the questions follows the GDPR: is there a personal data breach
at all, does it likely result in a risk (Art. 33: notify the authority), and
in a high risk (Art. 34: inform the people concerned).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from meldpunt.core.assessment import wording
from meldpunt.core.assessment.reasons import (
    AP,
    EDPB_01_2021,
    EDPB_9_2022,
    ENISA,
    GDPR_34_3A,
    LEVEL_NAMES,
    Reason,
    reason,
)
from meldpunt.core.assessment.scenario import Scenario
from meldpunt.core.assessment.severity import Severity, score

#: Categories the AP names as sensitive: they raise the risk of a breach.
SENSITIVE_CATEGORIES = frozenset(
    {"bsn", "id_document", "financial", "credentials", "special", "criminal"}
)
WIDE_EXPOSURE = frozenset({"unknown_recipients", "public"})
KNOWN_RECIPIENTS = frozenset({"trusted_recipient", "untrusted_recipient"})
HIGH_LEVELS = frozenset({"high", "very_high"})


@dataclass(frozen=True)
class Policy:
    """Thresholds of the rules; an organisation may set its own."""

    #: From this many people on, a medium severity with real exposure is a high risk.
    many_subjects: int = 1000


@dataclass(frozen=True)
class Outcome:
    """The advice for one scenario."""

    severity: Severity
    authority: str
    subjects: str
    reasons: tuple[Reason, ...] = field(default=())


@dataclass(frozen=True)
class Losses:
    """Which losses of security really happened, with the reasons why (not)."""

    confidentiality: bool
    integrity: bool
    availability: bool
    only_trusted_recipient: bool
    reasons: tuple[Reason, ...]

    @property
    def any(self) -> bool:
        return self.confidentiality or self.integrity or self.availability


def decide(scenario: Scenario, policy: Policy) -> Outcome:
    """Advise on notifying the authority and the people concerned."""
    severity = score(scenario)
    reasons = [severity_reason(severity), *context_reasons(scenario)]
    if not scenario.personal_data:
        return Outcome(severity, "no", "no", (*reasons, wording.not_personal_data()))

    losses = effective_losses(scenario)
    reasons += losses.reasons
    authority, authority_reasons = _authority(scenario, severity, losses)
    reasons += authority_reasons
    if authority == "no":
        return Outcome(severity, "no", "no", tuple(reasons))

    subjects, subject_reasons = _subjects(scenario, severity, losses, policy)
    return Outcome(severity, authority, subjects, (*reasons, *subject_reasons))


def is_sensitive(scenario: Scenario) -> bool:
    """Sensitive data, vulnerable people, or data that reveal more than usual."""
    sensitive_data = bool(scenario.categories & SENSITIVE_CATEGORIES)
    if scenario.sensitivity == "lower":
        sensitive_data = False
    return sensitive_data or scenario.sensitivity == "higher" or scenario.vulnerable


def severity_reason(severity: Severity) -> Reason:
    nl_level, en_level = LEVEL_NAMES[severity.level]
    numbers = (severity.score, severity.dpc, severity.ei, severity.cb)
    nl_score, nl_dpc, nl_ei, nl_cb = (f"{n:g}".replace(".", ",") for n in numbers)
    en_score, en_dpc, en_ei, en_cb = (f"{n:g}" for n in numbers)
    return reason(
        "severity",
        f"Ernst {nl_score} ({nl_level}): gegevenscontext (DPC) {nl_dpc} × "
        f"identificeerbaarheid (EI) {nl_ei} + omstandigheden (CB) {nl_cb}",
        f"Severity {en_score} ({en_level}): data processing context (DPC) {en_dpc} "
        f"× ease of identification (EI) {en_ei} + circumstances (CB) {en_cb}",
        ENISA,
    )


def context_reasons(scenario: Scenario) -> list[Reason]:
    """Reasons for the context adjustments of the data processing context."""
    reasons: list[Reason] = []
    if scenario.assumed:
        reasons.append(wording.assumed(scenario))
    sensitive = sorted(scenario.categories & SENSITIVE_CATEGORIES)
    if sensitive and scenario.sensitivity != "lower":
        names = ", ".join(sensitive)
        reasons.append(
            reason(
                "sensitive_data",
                f"data_categories: gevoelige gegevens ({names}) verhogen het risico",
                f"data_categories: sensitive data ({names}) raise the risk",
                AP,
                EDPB_9_2022,
            )
        )
    if scenario.sensitivity == "lower":
        reasons.append(
            reason(
                "sensitivity_lower",
                "sensitivity=lower: de gegevens zeggen minder dan hun categorie "
                "doet vermoeden; de gegevenscontext telt één punt lager",
                "sensitivity=lower: the data reveal less than their category "
                "suggests; the data processing context counts one point lower",
                ENISA,
            )
        )
    if scenario.sensitivity == "higher":
        reasons.append(
            reason(
                "sensitivity_higher",
                "sensitivity=higher: de gegevens zeggen meer dan hun categorie "
                "doet vermoeden; de gegevenscontext telt één punt hoger",
                "sensitivity=higher: the data reveal more than their category "
                "suggests; the data processing context counts one point higher",
                ENISA,
            )
        )
    if scenario.vulnerable:
        reasons.append(
            reason(
                "vulnerable_subjects",
                "vulnerable_subjects: kinderen of andere kwetsbare mensen zijn "
                "betrokken; dat verhoogt het risico",
                "vulnerable_subjects: children or other vulnerable people are "
                "concerned; this raises the risk",
                ENISA,
                EDPB_9_2022,
            )
        )
    return reasons


def effective_losses(scenario: Scenario) -> Losses:
    """Decide per kind of loss whether it really happened."""
    confidentiality, only_trusted, reasons = _confidentiality(scenario)
    integrity = "integrity" in scenario.breach_types and scenario.backup != "restored"
    availability = (
        "availability" in scenario.breach_types and scenario.backup != "restored"
    )
    if "integrity" in scenario.breach_types or "availability" in scenario.breach_types:
        reasons += _recovery_reasons(scenario)
    return Losses(
        confidentiality=confidentiality,
        integrity=integrity,
        availability=availability,
        only_trusted_recipient=only_trusted and not (integrity or availability),
        reasons=tuple(reasons),
    )


def _confidentiality(scenario: Scenario) -> tuple[bool, bool, list[Reason]]:
    """Whether confidentiality was really lost, whether only to a trusted recipient."""
    if not scenario.confidentiality_at_stake:
        ruled_out = scenario.malicious and scenario.exfiltration == "ruled_out"
        return False, False, [wording.exfiltration_ruled_out()] if ruled_out else []

    reasons: list[Reason] = []
    if "confidentiality" not in scenario.breach_types:
        reasons.append(wording.attacker_may_have_read(scenario))
    if scenario.unintelligible:
        return False, False, [*reasons, *_unintelligible(scenario)]
    if scenario.exfiltration == "ruled_out":
        return False, False, [*reasons, wording.exfiltration_ruled_out()]
    if scenario.exposure == "none":
        return False, False, [*reasons, wording.nobody_saw_it()]
    if scenario.already_public:
        return False, False, [*reasons, wording.already_public()]

    contained, recipient_reasons = _recipient(scenario)
    trusted = scenario.exposure == "trusted_recipient" and not scenario.malicious
    return not contained, trusted, [*reasons, *recipient_reasons]


def _recipient(scenario: Scenario) -> tuple[bool, list[Reason]]:
    """Whether a known recipient's confirmed deletion contains the exposure."""
    if scenario.exposure not in KNOWN_RECIPIENTS or scenario.malicious:
        return False, [wording.exposed(scenario)]
    if not scenario.deletion_confirmed:
        return False, [wording.exposed(scenario)]
    if scenario.exposure == "trusted_recipient":
        return True, [wording.trusted_deleted()]
    if not is_sensitive(scenario):
        return True, [wording.mistake_deleted()]
    return False, [wording.deleted_but_sensitive()]


def _authority(
    scenario: Scenario, severity: Severity, losses: Losses
) -> tuple[str, list[Reason]]:
    """Art. 33: notify unless the breach is unlikely to result in a risk."""
    if not losses.any:
        return "no", [wording.no_real_loss()]
    if not losses.confidentiality and scenario.backup == "available":
        if scenario.unintelligible and "confidentiality" in scenario.breach_types:
            return "no", [wording.encryption_exception()]
        return _restorable(severity)
    if losses.only_trusted_recipient and not is_sensitive(scenario):
        return "judgement", [wording.trusted_unconfirmed()]
    return "yes", [wording.risk_likely()]


def _subjects(
    scenario: Scenario, severity: Severity, losses: Losses, policy: Policy
) -> tuple[str, list[Reason]]:
    """Art. 34: inform the people concerned when the risk is high."""
    high, reasons = _high_risk(scenario, severity, losses, policy)
    if not high:
        return "no", reasons
    if scenario.mitigated:
        return "no", [*reasons, wording.mitigated()]
    return "yes", reasons


def _high_risk(
    scenario: Scenario, severity: Severity, losses: Losses, policy: Policy
) -> tuple[bool, list[Reason]]:
    if losses.only_trusted_recipient:
        return False, [wording.trusted_not_high()]
    if severity.level in HIGH_LEVELS:
        return True, [wording.high_by_severity(severity)]
    if severity.level != "medium" or not losses.confidentiality:
        return False, [wording.not_high(severity)]

    wide = scenario.exposure in WIDE_EXPOSURE
    if wide and (scenario.malicious or scenario.exposure == "public"):
        return True, [wording.high_by_wide_exposure(scenario)]
    if scenario.subjects_max >= policy.many_subjects:
        return True, [wording.high_by_volume(scenario, policy.many_subjects)]
    return False, [wording.not_high(severity)]


def _restorable(severity: Severity) -> tuple[str, list[Reason]]:
    """A loss of integrity or availability that a backup can undo."""
    if severity.level in HIGH_LEVELS:
        return "yes", [wording.risk_likely()]
    return "no", [wording.restorable()]


def _recovery_reasons(scenario: Scenario) -> list[Reason]:
    if scenario.backup == "restored":
        return [
            reason(
                "backup_restored",
                "backup=restored: de gegevens zijn uit een back-up hersteld; een "
                "korte onderbreking geeft weinig risico",
                "backup=restored: the data were restored from a backup; a short "
                "outage carries little risk",
                AP,
                EDPB_01_2021,
            )
        ]
    if scenario.backup == "available":
        return [
            reason(
                "backup_available",
                "backup=available: de gegevens zijn te herstellen, maar zijn tot "
                "dan niet beschikbaar",
                "backup=available: the data can be restored but are unavailable "
                "until then",
                ENISA,
            )
        ]
    return [
        reason(
            "backup_none",
            "backup=none of onbekend: de gegevens zijn niet (aantoonbaar) te "
            "herstellen",
            "backup=none or unknown: the data cannot (demonstrably) be restored",
            ENISA,
            EDPB_01_2021,
        )
    ]


def _unintelligible(scenario: Scenario) -> list[Reason]:
    reasons = [
        reason(
            "unintelligible",
            "unintelligible: versleuteld of gehasht met een sleutel die geen gevaar "
            "liep; voor onbevoegden onbegrijpelijk, dus geen verlies van "
            "vertrouwelijkheid",
            "unintelligible: encrypted or hashed with a key that was not "
            "compromised; unintelligible to others, so no loss of confidentiality",
            AP,
            GDPR_34_3A,
        )
    ]
    damaged = scenario.breach_types & {"integrity", "availability"}
    if damaged and scenario.backup not in ("restored", "available"):
        reasons.append(
            reason(
                "unintelligible_without_backup",
                "Versleuteling telt alleen mee als de gegevens intact zijn en er "
                "een recente back-up is; die ontbreekt (backup), dus het verlies "
                "van de gegevens zelf blijft een risico",
                "Encryption only counts with intact data and a recent backup; "
                "there is none (backup), so losing the data remains a risk",
                AP,
            )
        )
    return reasons
