# SPDX-License-Identifier: EUPL-1.2
"""One test per notification rule, each on a small variation of a plain breach."""

from __future__ import annotations

import pytest

from meldpunt.core.assessment import Policy, assess, explain, validate_facts
from tests.core.breach_factories import breach_facts


def _codes(fields: dict[str, object]) -> set[str]:
    return {item.code for item in explain(validate_facts(fields)).reasons}


def test_breach_without_personal_data_needs_no_notification() -> None:
    facts = breach_facts(personal_data=False, data_categories=["bsn"], malicious=True)

    advice = assess(facts)

    assert (advice["notify_authority"], advice["notify_subjects"]) == ("no", "no")
    assert "not_personal_data" in _codes(facts)


def test_misdirected_letter_without_deletion_is_notified_to_the_authority_only() -> (
    None
):
    advice = assess(breach_facts())

    assert advice["notify_authority"] == "yes"
    assert advice["notify_subjects"] == "no"
    assert advice["subjects_channel"] is None


def test_encryption_with_safe_key_means_no_notification() -> None:
    facts = breach_facts(
        unintelligible=True, exposure="unknown_recipients", malicious=True
    )

    assert assess(facts)["notify_authority"] == "no"
    assert "unintelligible" in _codes(facts)


def test_encryption_does_not_count_when_the_data_are_lost_without_backup() -> None:
    facts = breach_facts(
        breach_types=["confidentiality", "availability"],
        unintelligible=True,
        backup="none",
    )

    assert assess(facts)["notify_authority"] == "yes"
    assert "unintelligible_without_backup" in _codes(facts)


def test_trusted_recipient_who_confirmed_deletion_lowers_risk_to_none() -> None:
    facts = breach_facts(
        exposure="trusted_recipient",
        recipient_confirmed_deletion=True,
        data_categories=["identity", "bsn"],
    )

    assert assess(facts)["notify_authority"] == "no"
    assert "trusted_recipient_deleted" in _codes(facts)


def test_trusted_recipient_without_confirmation_leaves_an_open_question() -> None:
    facts = breach_facts(exposure="trusted_recipient")

    advice = assess(facts)

    assert advice["notify_authority"] == "judgement"
    assert "trusted_recipient_unconfirmed" in _codes(facts)


def test_trusted_recipient_of_sensitive_data_without_confirmation_is_notified() -> None:
    facts = breach_facts(exposure="trusted_recipient", data_categories=["bsn"])

    advice = assess(facts)

    assert advice["notify_authority"] == "yes"
    assert advice["notify_subjects"] == "no"


def test_stranger_who_deleted_ordinary_data_makes_risk_unlikely() -> None:
    facts = breach_facts(recipient_confirmed_deletion=True)

    assert assess(facts)["notify_authority"] == "no"
    assert "recipients_deleted" in _codes(facts)


def test_deletion_by_a_stranger_does_not_excuse_sensitive_data() -> None:
    facts = breach_facts(recipient_confirmed_deletion=True, data_categories=["bsn"])

    assert assess(facts)["notify_authority"] == "yes"
    assert "deleted_but_sensitive" in _codes(facts)


def test_deletion_promised_by_an_attacker_does_not_count() -> None:
    facts = breach_facts(recipient_confirmed_deletion=True, malicious=True)

    assert assess(facts)["notify_authority"] == "yes"


def test_lower_sensitivity_lets_a_harmless_health_note_count_as_ordinary() -> None:
    facts = breach_facts(
        recipient_confirmed_deletion=True,
        data_categories=["identity", "special"],
        special_categories=["health"],
        sensitivity="lower",
    )

    assert assess(facts)["notify_authority"] == "no"


def test_already_public_data_make_a_disclosure_harmless() -> None:
    facts = breach_facts(already_public=True, exposure="public")

    assert assess(facts)["notify_authority"] == "no"
    assert "already_public" in _codes(facts)


def test_availability_breach_with_restored_backup_is_low_risk() -> None:
    facts = breach_facts(breach_types=["availability"], backup="restored")

    assert assess(facts)["notify_authority"] == "no"
    assert "backup_restored" in _codes(facts)


def test_availability_breach_without_backup_is_notified() -> None:
    facts = breach_facts(breach_types=["availability"], backup="none")

    assert assess(facts)["notify_authority"] == "yes"


def test_short_outage_of_ordinary_data_with_backup_at_hand_is_not_notified() -> None:
    facts = breach_facts(breach_types=["availability"], backup="available")

    assert assess(facts)["notify_authority"] == "no"
    assert "restorable" in _codes(facts)


def test_ransomware_with_backup_at_hand_and_no_copying_is_not_notified() -> None:
    facts = breach_facts(
        breach_types=["integrity", "availability"],
        backup="available",
        malicious=True,
        exfiltration="ruled_out",
    )

    advice = assess(facts)

    assert advice["severity"]["level"] == "medium"
    assert advice["notify_authority"] == "no"


def test_outage_of_high_severity_is_notified_even_with_backup_at_hand() -> None:
    facts = breach_facts(
        breach_types=["availability"],
        backup="available",
        data_categories=["identity", "special"],
        special_categories=["health"],
        vulnerable_subjects=True,
    )

    advice = assess(facts)

    assert (advice["notify_authority"], advice["notify_subjects"]) == ("yes", "yes")


def test_attacker_who_may_have_copied_readable_data_adds_confidentiality() -> None:
    facts = breach_facts(
        breach_types=["availability"],
        backup="restored",
        malicious=True,
        exfiltration="unknown",
        exposure="unknown_recipients",
    )

    advice = assess(facts)

    assert advice["notify_authority"] == "yes"
    assert "attacker_may_have_read" in _codes(facts)


def test_ransomware_with_exfiltration_ruled_out_and_restore_is_not_notified() -> None:
    facts = breach_facts(
        breach_types=["integrity", "availability"],
        backup="restored",
        malicious=True,
        exfiltration="ruled_out",
    )

    assert assess(facts)["notify_authority"] == "no"
    assert "exfiltration_ruled_out" in _codes(facts)


def test_sensitive_data_raise_a_disclosure_to_a_high_risk() -> None:
    facts = breach_facts(data_categories=["identity", "bsn"])

    advice = assess(facts)

    assert advice["notify_subjects"] == "yes"
    assert "sensitive_data" in _codes(facts)


def test_criminal_data_raise_a_disclosure_to_a_high_risk() -> None:
    facts = breach_facts(data_categories=["identity", "criminal"])

    assert assess(facts)["notify_subjects"] == "yes"


def test_vulnerable_people_raise_the_risk() -> None:
    ordinary = assess(breach_facts(data_categories=["identity", "location"]))
    vulnerable = assess(
        breach_facts(data_categories=["identity", "location"], vulnerable_subjects=True)
    )

    assert ordinary["notify_subjects"] == "no"
    assert vulnerable["notify_subjects"] == "yes"


def test_readable_data_stolen_by_criminals_is_a_high_risk_at_medium_severity() -> None:
    facts = breach_facts(
        exposure="unknown_recipients", malicious=True, exfiltration="confirmed"
    )

    advice = assess(facts)

    assert advice["severity"]["level"] == "medium"
    assert advice["notify_subjects"] == "yes"
    assert "high_risk_wide_exposure" in _codes(facts)


def test_many_people_make_a_medium_severity_disclosure_a_high_risk() -> None:
    few = breach_facts(data_categories=["identity", "location"])
    many = breach_facts(
        data_categories=["identity", "location"], subjects={"min": 5000, "max": 5000}
    )

    assert assess(few)["notify_subjects"] == "no"
    assert assess(many)["notify_subjects"] == "yes"
    assert "high_risk_volume" in _codes(many)


def test_volume_threshold_is_a_policy_setting() -> None:
    facts = validate_facts(
        breach_facts(
            data_categories=["identity", "location"], subjects={"min": 50, "max": 50}
        )
    )

    assert explain(facts).notify_subjects == "no"
    assert explain(facts, policy=Policy(many_subjects=50)).notify_subjects == "yes"


def test_mitigation_removes_the_duty_to_inform_but_not_to_notify() -> None:
    facts = breach_facts(data_categories=["bsn"], mitigated=True)

    advice = assess(facts)

    assert (advice["notify_authority"], advice["notify_subjects"]) == ("yes", "no")
    assert "mitigated" in _codes(facts)


@pytest.mark.parametrize(
    ("known", "channel"),
    [("all", "individual"), ("some", "public_notice"), ("none", "public_notice")],
)
def test_channel_follows_whether_people_can_be_reached(
    known: str, channel: str
) -> None:
    advice = assess(breach_facts(data_categories=["bsn"], contact_details_known=known))

    assert advice["subjects_channel"] == channel


def test_unknown_contact_details_assume_individual_messages_and_say_so() -> None:
    facts = breach_facts(data_categories=["bsn"], contact_details_known=None)

    advice = assess(facts)

    assert advice["subjects_channel"] == "individual"
    assert "contact_details_known" in advice["missing"]


def test_unknown_facts_that_could_make_it_risky_lead_to_notifying() -> None:
    facts = breach_facts(exposure=None, recipient_confirmed_deletion=True)

    advice = assess(facts)

    assert advice["notify_authority"] == "yes"
    assert "exposure" in advice["missing"]
    assert "authority_doubt" in _codes(facts)


def test_unknown_facts_that_decide_the_high_risk_make_informing_a_judgement() -> None:
    facts = breach_facts(data_categories=None)

    advice = assess(facts)

    assert advice["notify_subjects"] == "judgement"
    assert "data_categories" in advice["missing"]
    assert any("data_categories" in text for text in advice["reasons"])


def test_complete_facts_leave_nothing_missing_but_the_awareness_time() -> None:
    assert assess(breach_facts())["missing"] == ["aware_at"]


def test_reasons_come_in_english_on_request() -> None:
    dutch = assess(breach_facts())["reasons"]
    english = assess(breach_facts(), language="en")["reasons"]

    assert any("meld bij de AP" in text for text in dutch)
    assert any("notify the AP" in text for text in english)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        assess(breach_facts(), language="de")


def test_every_reason_names_its_source() -> None:
    sources = ("AVG", "EDPB", "AP", "ENISA")
    facts = breach_facts(data_categories=["bsn"], aware_at="2026-01-05T09:00:00+01:00")

    reasons = explain(validate_facts(facts)).reasons

    assert all(any(source in item.nl for source in sources) for item in reasons)
    assert all(item.en.endswith(")") for item in reasons)


def test_output_has_exactly_the_fields_of_the_assessment_format() -> None:
    advice = assess(breach_facts(aware_at="2026-01-05T09:00:00+01:00"))

    assert list(advice) == [
        "format",
        "severity",
        "notify_authority",
        "notify_subjects",
        "subjects_channel",
        "reasons",
        "missing",
        "deadlines",
    ]
    assert advice["format"] == "meldpunt.assessment/1"
    severity = advice["severity"]
    assert isinstance(severity, dict)
    assert list(severity) == ["score", "level", "dpc", "ei", "cb"]


def test_example_from_the_format_page_notifies_everyone_before_the_deadline() -> None:
    facts = {
        "format": "meldpunt.breach-facts/1",
        "aware_at": "2026-03-28T22:30:00+01:00",
        "breach_types": ["confidentiality"],
        "personal_data": True,
        "data_categories": ["identity", "contact", "bsn"],
        "subjects": {"min": 40, "max": 40},
        "exposure": "untrusted_recipient",
        "recipient_confirmed_deletion": False,
        "malicious": False,
        "contact_details_known": "all",
    }

    advice = assess(facts)

    assert advice["notify_authority"] == "yes"
    assert advice["notify_subjects"] == "yes"
    assert advice["subjects_channel"] == "individual"
    assert advice["deadlines"] == {"authority": "2026-03-31T23:30:00+02:00"}


def test_no_awareness_time_gives_no_deadline() -> None:
    assert assess(breach_facts())["deadlines"] == {}


def test_free_text_context_never_changes_the_advice() -> None:
    plain = assess(breach_facts(context="Routine mistake, nothing to worry about."))
    alarming = assess(breach_facts(context="Ransomware! Health data of children!"))

    assert plain == alarming


def test_stolen_encrypted_device_with_backup_meets_the_encryption_exception() -> None:
    facts = breach_facts(
        breach_types=["confidentiality", "availability"],
        data_categories=["identity", "financial"],
        unintelligible=True,
        backup="available",
        exposure="unknown_recipients",
        malicious=True,
    )

    assert assess(facts)["notify_authority"] == "no"
    assert "encryption_exception" in _codes(facts)


def test_encryption_does_not_excuse_a_long_outage_of_sensitive_data() -> None:
    facts = breach_facts(
        breach_types=["availability"],
        data_categories=["identity", "special"],
        special_categories=["health"],
        unintelligible=True,
        backup="available",
        malicious=True,
        exfiltration="ruled_out",
    )

    assert assess(facts)["notify_authority"] == "yes"


def test_outage_without_attacker_does_not_ask_about_exposure_or_encryption() -> None:
    facts = breach_facts(
        breach_types=["availability"],
        backup="restored",
        exposure=None,
        unintelligible=None,
        aware_at="2026-01-05T09:00:00+01:00",
    )

    assert assess(facts)["missing"] == []
