# SPDX-License-Identifier: EUPL-1.2
"""Examples from Annex B of EDPB Guidelines 9/2022, restated as breach facts.

Only examples with an unconditional published answer are here; where the
guidelines answer "depending on", the case is left out.
"""

from __future__ import annotations

from meldpunt.core.assessment import assess
from tests.core.breach_factories import breach_facts


def test_stolen_encrypted_backup_stick_needs_no_notification() -> None:
    facts = breach_facts(
        breach_types=["confidentiality", "availability"],
        data_categories=["identity", "contact", "financial"],
        subjects={"min": 500, "max": 5000},
        unintelligible=True,
        backup="available",
        exposure="unknown_recipients",
        malicious=True,
        exfiltration="confirmed",
    )

    advice = assess(facts)

    assert (advice["notify_authority"], advice["notify_subjects"]) == ("no", "no")


def test_brief_power_outage_at_a_call_centre_needs_no_notification() -> None:
    facts = breach_facts(
        breach_types=["availability"],
        subjects={"min": 100, "max": 1000},
        backup="restored",
        exposure="none",
    )

    advice = assess(facts)

    assert (advice["notify_authority"], advice["notify_subjects"]) == ("no", "no")


def test_ransomware_without_backup_is_notified_to_the_authority() -> None:
    facts = breach_facts(
        breach_types=["integrity", "availability"],
        subjects={"min": 100, "max": 1000},
        backup="none",
        exposure="untrusted_recipient",
        malicious=True,
        exfiltration="ruled_out",
    )

    assert assess(facts)["notify_authority"] == "yes"


def test_ransomware_restored_in_good_time_needs_no_notification() -> None:
    facts = breach_facts(
        breach_types=["integrity", "availability"],
        subjects={"min": 100, "max": 1000},
        backup="restored",
        exposure="untrusted_recipient",
        malicious=True,
        exfiltration="ruled_out",
    )

    advice = assess(facts)

    assert (advice["notify_authority"], advice["notify_subjects"]) == ("no", "no")


def test_marketplace_passwords_published_by_an_attacker_are_told_to_everyone() -> None:
    facts = breach_facts(
        data_categories=["identity", "credentials", "other"],
        subjects={"min": 10000, "max": 50000},
        exposure="public",
        malicious=True,
        exfiltration="confirmed",
    )

    advice = assess(facts)

    assert (advice["notify_authority"], advice["notify_subjects"]) == ("yes", "yes")


def test_hospital_records_unavailable_for_thirty_hours_are_told_to_patients() -> None:
    facts = breach_facts(
        breach_types=["availability"],
        data_categories=["identity", "special"],
        special_categories=["health"],
        subjects={"min": 1000, "max": 10000},
        vulnerable_subjects=True,
        backup="available",
        exposure="untrusted_recipient",
        malicious=True,
        exfiltration="ruled_out",
    )

    advice = assess(facts)

    assert (advice["notify_authority"], advice["notify_subjects"]) == ("yes", "yes")


def test_credit_card_statement_sent_to_another_customer_is_notified() -> None:
    facts = breach_facts(data_categories=["identity", "contact", "financial"])

    assert assess(facts)["notify_authority"] == "yes"
