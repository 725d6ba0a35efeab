# SPDX-License-Identifier: EUPL-1.2
"""Facts versions and decisions: stored losslessly, reasoned, logged."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from meldpunt.assessments.changes import latest_changes
from meldpunt.assessments.models import Decision, FactsVersion
from meldpunt.assessments.services import record_decision, record_facts
from meldpunt.core.assessment import FactsError
from meldpunt.logbook.models import EntryKind
from meldpunt.logbook.verification import verify_incident

pytestmark = pytest.mark.django_db

AFTER_DEADLINE = datetime.fromisoformat("2026-04-01T09:00:00+02:00")
BEFORE_DEADLINE = datetime.fromisoformat("2026-03-30T09:00:00+02:00")


def _decide(incident, ciso, **changes):
    arguments = {
        "notify_authority": True,
        "notify_subjects": True,
        "subjects_channel": "individual",
        "reasons": "",
        "consulted": "Dienstdoend directielid en FG, telefonisch",
        "delay_reasons": "",
        "now": BEFORE_DEADLINE,
        **changes,
    }
    return record_decision(incident=incident, actor=ciso, **arguments)


def test_facts_are_stored_exactly_as_given_with_their_advice(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()
    scenario_facts["context"] = "Lijst per ongeluk naar een journalist"

    version = record_facts(incident=incident, facts=scenario_facts, actor=ciso)

    version.refresh_from_db()
    assert version.facts == scenario_facts
    assert version.number == 1
    assert version.assessment["notify_authority"] == "yes"
    assert version.assessment["subjects_channel"] == "individual"


def test_recording_facts_writes_a_decision_entry_in_the_logbook(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()

    record_facts(incident=incident, facts=scenario_facts, actor=ciso)

    entry = incident.logbook_entries.get()
    assert entry.kind == EntryKind.DECISION
    assert "versie 1" in entry.summary
    assert "Melden bij de AP: ja" in entry.summary
    assert "BSN" in entry.text or "bsn" in entry.text
    assert verify_incident(incident) is None


def test_invalid_facts_are_refused_and_nothing_is_stored(make_incident, ciso) -> None:
    incident = make_incident()

    with pytest.raises(FactsError) as caught:
        record_facts(
            incident=incident,
            facts={"format": "meldpunt.breach-facts/1", "exposure": "everyone"},
            actor=ciso,
        )

    assert len(caught.value.problems) == 2
    assert not FactsVersion.objects.exists()
    assert not incident.logbook_entries.exists()


def test_saving_the_same_facts_twice_keeps_one_version(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()

    first = record_facts(incident=incident, facts=scenario_facts, actor=ciso)
    second = record_facts(incident=incident, facts=dict(scenario_facts), actor=ciso)

    assert first.pk == second.pk
    assert incident.logbook_entries.count() == 1


def test_changed_facts_show_what_changed_in_the_recommendation(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()
    record_facts(incident=incident, facts=scenario_facts, actor=ciso)
    later = {**scenario_facts, "contact_details_known": "none"}

    record_facts(incident=incident, facts=later, actor=ciso)

    changes = latest_changes(list(incident.facts_versions.order_by("number")))
    assert changes is not None
    assert [(c.field, c.before, c.after) for c in changes.facts] == [
        ("contact_details_known", "all", "none")
    ]
    assert [(c.field, c.before, c.after) for c in changes.advice] == [
        ("subjects_channel", "individual", "public_notice")
    ]


def test_a_decision_following_the_advice_is_logged_with_its_consultations(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()
    record_facts(incident=incident, facts=scenario_facts, actor=ciso)

    decision = _decide(incident, ciso)

    assert decision.against_recommendation is False
    entry = incident.logbook_entries.order_by("-sequence").first()
    assert entry.kind == EntryKind.DECISION
    assert entry.summary.startswith("Besloten: melden bij de AP: ja")
    assert entry.participants == "Dienstdoend directielid en FG, telefonisch"
    assert verify_incident(incident) is None


def test_a_decision_against_the_advice_needs_reasons(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()
    record_facts(incident=incident, facts=scenario_facts, actor=ciso)

    with pytest.raises(ValidationError) as caught:
        _decide(incident, ciso, notify_authority=False)

    assert "reasons" in caught.value.message_dict
    assert not Decision.objects.exists()


def test_a_decision_against_the_advice_with_reasons_is_flagged(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()
    record_facts(incident=incident, facts=scenario_facts, actor=ciso)

    decision = _decide(
        incident,
        ciso,
        notify_subjects=True,
        subjects_channel="public_notice",
        reasons="Het adresbestand is verouderd",
    )

    assert decision.against_recommendation is True
    entry = incident.logbook_entries.order_by("-sequence").first()
    assert "tegen het advies in" in entry.summary
    assert entry.reasons == "Het adresbestand is verouderd"


def test_notifying_after_the_deadline_needs_reasons_for_the_delay(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()
    record_facts(incident=incident, facts=scenario_facts, actor=ciso)

    with pytest.raises(ValidationError) as caught:
        _decide(incident, ciso, now=AFTER_DEADLINE)
    decision = _decide(
        incident, ciso, now=AFTER_DEADLINE, delay_reasons="De FG was onbereikbaar"
    )

    assert "delay_reasons" in caught.value.message_dict
    assert decision.delay_reasons == "De FG was onbereikbaar"
    entry = incident.logbook_entries.order_by("-sequence").first()
    assert "De FG was onbereikbaar" in entry.text


def test_one_minute_before_the_deadline_no_delay_reasons_are_asked(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident()
    record_facts(incident=incident, facts=scenario_facts, actor=ciso)
    deadline = datetime.fromisoformat("2026-03-31T23:30:00+02:00")

    decision = _decide(incident, ciso, now=deadline - timedelta(minutes=1))

    assert decision.delay_reasons == ""


def test_a_decision_needs_recorded_facts(make_incident, ciso) -> None:
    with pytest.raises(ValidationError, match="Leg eerst de feiten vast"):
        _decide(make_incident(), ciso)
