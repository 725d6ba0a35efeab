# SPDX-License-Identifier: EUPL-1.2
"""The assessment page: all questions at once, one at a time, and the decision."""

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meldpunt.assessments.models import Decision, FactsVersion
from meldpunt.assessments.services import record_facts
from meldpunt.guidance.access import SESSION_CASES

pytestmark = pytest.mark.django_db

DISCOVERED = datetime.fromisoformat("2026-03-28T22:30:00+01:00")
SCENARIO_ANSWERS = {
    "aware_at": "2026-03-28T22:30",
    "breach_types": ["confidentiality"],
    "personal_data": "true",
    "data_categories": ["identity", "contact", "bsn"],
    "subjects_min": "40",
    "subjects_max": "40",
    "vulnerable_subjects": "not_known_yet",
    "sensitivity": "typical",
    "unintelligible": "false",
    "backup": "not_known_yet",
    "exposure": "untrusted_recipient",
    "recipient_confirmed_deletion": "false",
    "malicious": "false",
    "exfiltration": "not_known_yet",
    "already_public": "not_known_yet",
    "mitigated": "not_known_yet",
    "contact_details_known": "all",
    "context": "",
}


def _url(incident, name: str = "assessment") -> str:
    return reverse(f"assessments:{name}", args=[incident.reference])


def test_a_handler_sees_all_questions_prefilled_from_the_case(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)

    response = ciso_client.get(_url(incident))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Wanneer hebben we het ontdekt?" in page
    assert "Kunnen we de betrokkenen bereiken?" in page
    assert 'value="2026-03-28T22:30"' in page
    assert 'value="true" id="id_personal_data_0" checked' in page


def test_saving_all_answers_records_the_facts_and_shows_the_advice(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)

    response = ciso_client.post(_url(incident), SCENARIO_ANSWERS, follow=True)

    version = FactsVersion.objects.get(incident=incident)
    assert version.facts["subjects"] == {"min": 40, "max": 40}
    assert version.facts["aware_at"] == "2026-03-28T22:30:00+01:00"
    assert "vulnerable_subjects" not in version.facts
    page = response.content.decode()
    assert 'data-testid="advice-authority">ja<' in page
    assert "persoonlijk, aan ieder afzonderlijk" in page
    assert "bsn" in page


def test_saving_unchanged_answers_keeps_the_facts_as_they_were_given(
    ciso_client: Client, make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)
    scenario_facts["aware_at"] = "2026-03-28T21:30:00+00:00"
    scenario_facts["data_categories"] = ["bsn", "contact", "identity"]
    record_facts(incident=incident, facts=scenario_facts, actor=ciso)
    answers = {**SCENARIO_ANSWERS, "unintelligible": "not_known_yet"}

    ciso_client.post(_url(incident), answers)

    assert FactsVersion.objects.filter(incident=incident).count() == 1


def test_changing_one_answer_shows_what_changed_in_the_advice(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)
    ciso_client.post(_url(incident), SCENARIO_ANSWERS)

    response = ciso_client.post(
        _url(incident),
        {**SCENARIO_ANSWERS, "contact_details_known": "none"},
        follow=True,
    )

    changes = response.content.decode().split('data-testid="changes"')[1]
    assert "Wat is er veranderd in versie 2" in changes
    assert (
        "persoonlijk, aan ieder afzonderlijk → met een openbare mededeling" in changes
    )
    assert "Ja, allemaal → Nee" in changes


def test_missing_required_answer_is_refused_with_the_field_named(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident()
    answers = {**SCENARIO_ANSWERS, "breach_types": [], "subjects_max": ""}

    response = ciso_client.post(_url(incident), answers)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Wat is er gebeurd? Kruis alles aan wat klopt." in page
    assert "Vul beide getallen in" in page
    assert not FactsVersion.objects.exists()


def test_one_question_at_a_time_carries_earlier_answers_along(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)
    first = ciso_client.get(_url(incident) + "?vraag=2")
    assert "Vraag 2 van" in first.content.decode()

    answers = {**SCENARIO_ANSWERS, "vraag": "2", "stap": "volgende"}
    second = ciso_client.post(_url(incident), answers)

    page = second.content.decode()
    assert second.status_code == 200
    assert "Vraag 3 van" in page
    assert "Gaat het om persoonsgegevens?" in page
    assert 'type="hidden" name="breach_types" value="confidentiality"' in page
    assert not FactsVersion.objects.exists()


def test_the_wizard_stays_on_a_question_that_needs_an_answer(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident()
    answers = {**SCENARIO_ANSWERS, "breach_types": [], "vraag": "2", "stap": "volgende"}

    response = ciso_client.post(_url(incident), answers)

    assert response.status_code == 400
    assert "Vraag 2 van" in response.content.decode()


def test_the_wizard_asks_about_special_categories_only_when_they_apply(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident()
    answers = {**SCENARIO_ANSWERS, "vraag": "4", "stap": "volgende"}

    plain = ciso_client.post(_url(incident), answers).content.decode()
    special = ciso_client.post(
        _url(incident), {**answers, "data_categories": ["special"]}
    ).content.decode()

    assert "Om welke bijzondere gegevens gaat het?" not in plain
    assert "Om welke bijzondere gegevens gaat het?" in special


def test_saving_from_the_wizard_records_one_version(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident()
    answers = {**SCENARIO_ANSWERS, "vraag": "3", "stap": "opslaan"}

    response = ciso_client.post(_url(incident), answers)

    assert response.status_code == 302
    assert FactsVersion.objects.filter(incident=incident).count() == 1


def test_a_guided_reporter_gets_the_wizard_for_their_own_case_only(
    client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)
    other = make_incident()
    session = client.session
    session[SESSION_CASES] = [incident.reference]
    session.save()

    own = client.get(_url(incident))
    foreign = client.get(_url(other))

    assert own.status_code == 200
    assert "Vraag 1 van" in own.content.decode()
    assert foreign.status_code == 302
    assert "/inloggen/" in foreign["Location"]


def test_staff_without_a_role_may_not_open_the_assessment(
    client: Client, staff, make_incident
) -> None:
    client.force_login(staff)

    response = client.get(_url(make_incident()))

    assert response.status_code == 403


def test_a_decision_against_the_advice_without_reasons_is_refused_on_the_page(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=timezone.now())
    ciso_client.post(_url(incident), SCENARIO_ANSWERS)
    decision = {"notify_authority": "false", "notify_subjects": "false"}

    refused = ciso_client.post(_url(incident, "decide"), decision)
    decision["reasons"] = "De journalist heeft de mail aantoonbaar niet geopend"
    accepted = ciso_client.post(_url(incident, "decide"), decision)

    assert refused.status_code == 400
    assert "Het besluit wijkt af van het advies" in refused.content.decode()
    assert accepted.status_code == 302
    assert Decision.objects.get().against_recommendation is True


def test_the_case_page_links_the_assessment_and_shows_the_clock(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=timezone.now())

    page = ciso_client.get(incident.get_absolute_url()).content.decode()

    assert _url(incident) in page
    assert 'data-testid="clock-authority"' in page
    assert "ruim op tijd" in page


def test_a_guided_reporter_records_the_decision_without_an_account(
    client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=timezone.now())
    session = client.session
    session[SESSION_CASES] = [incident.reference]
    session.save()
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    answers = {**SCENARIO_ANSWERS, "aware_at": now, "vraag": "1", "stap": "opslaan"}
    client.post(_url(incident), answers)
    decision = {
        "notify_authority": "true",
        "notify_subjects": "true",
        "subjects_channel": "individual",
        "consulted": "Dienstdoend directielid",
    }

    response = client.post(_url(incident, "decide"), decision)

    assert response.status_code == 302
    recorded = Decision.objects.get()
    assert recorded.decided_by is None
    assert recorded.against_recommendation is False


def test_after_the_deadline_the_page_asks_for_the_reasons_for_the_delay(
    ciso_client: Client, make_incident
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)
    ciso_client.post(_url(incident), SCENARIO_ANSWERS)

    page = ciso_client.get(_url(incident)).content.decode()
    refused = ciso_client.post(
        _url(incident, "decide"),
        {"notify_authority": "true", "notify_subjects": "false", "reasons": "Zie FG"},
    )

    assert "Redenen voor de vertraging" in page
    assert "verlopen" in page
    assert refused.status_code == 400
    assert "geef de redenen voor de vertraging" in refused.content.decode()


def test_cannot_be_determined_and_not_known_yet_are_different_answers() -> None:
    from meldpunt.assessments.forms import EXFILTRATION, UNKNOWN

    assert UNKNOWN not in {value for value, _label in EXFILTRATION}


def test_the_advice_names_facts_by_their_question_not_their_field_name(
    ciso_client: Client, make_incident
) -> None:
    import re

    incident = make_incident(discovered_at=DISCOVERED)

    response = ciso_client.post(_url(incident), SCENARIO_ANSWERS, follow=True)

    page = response.content.decode()
    listed = re.search(r'data-testid="advice-reasons">(.*?)</ul>', page, re.S)[1]
    reasons = re.sub(r"<[^>]+>", "\n", listed)
    assert re.search(r"\b[a-z]+_[a-z_]+\b|=", reasons) is None, reasons
    assert "“Wie kon de gegevens zien” (een bekende ontvanger" in reasons
    assert "ongunstig ingevuld: “Er zijn kinderen of andere kwetsbare" in reasons
    version = FactsVersion.objects.get(incident=incident)
    assert any(
        "exposure=untrusted_recipient" in r for r in version.assessment["reasons"]
    )
