# SPDX-License-Identifier: EUPL-1.2
"""The clocks on the case list and the case page: words, colour and a label."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from meldpunt.assessments.clocks import case_clocks
from meldpunt.assessments.services import record_facts
from meldpunt.incidents.models import PersonalData

pytestmark = pytest.mark.django_db

DISCOVERED = datetime.fromisoformat("2026-03-28T22:30:00+01:00")


def _clock_row(page: str, key: str) -> str:
    return page.split(f'data-testid="clock-{key}"')[1].split("</li>")[0]


def test_the_gdpr_clock_runs_72_exact_hours_across_the_clock_change(
    make_incident,
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)

    (clock,) = case_clocks(incident)

    assert clock.due_at.isoformat() == "2026-03-31T23:30:00+02:00"


def test_the_assessments_awareness_time_wins_over_the_discovery_time(
    make_incident, ciso, scenario_facts
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)
    scenario_facts["aware_at"] = "2026-12-31T20:00:00+01:00"
    record_facts(incident=incident, facts=scenario_facts, actor=ciso)

    (clock,) = case_clocks(incident)

    assert clock.due_at.isoformat() == "2027-01-03T20:00:00+01:00"


def test_cases_without_personal_data_or_breach_have_no_clock(make_incident) -> None:
    incident = make_incident(personal_data=PersonalData.NO)

    assert case_clocks(incident) == []


@pytest.mark.parametrize(
    ("hours_after", "label", "words"),
    [
        (1, "ruim op tijd", "nog 2 dagen en 23 uur"),
        (60, "krap", "nog 12 uur"),
        (75, "verlopen", "3 uur te laat"),
    ],
)
def test_the_case_list_shows_time_left_in_words_and_a_label(
    ciso_client: Client, make_incident, hours_after, label, words
) -> None:
    incident = make_incident(discovered_at=DISCOVERED)

    with time_machine.travel(DISCOVERED + timedelta(hours=hours_after), tick=False):
        page = ciso_client.get(reverse("incidents:worklist")).content.decode()

    row = _clock_row(page, "authority")
    assert label in row
    assert words in row
    assert incident.reference in page


def test_the_nis2_clocks_appear_beside_the_gdpr_clock_when_switched_on(
    ciso_client: Client, make_incident, settings
) -> None:
    settings.MELDPUNT_NIS2 = True
    incident = make_incident(discovered_at=DISCOVERED)

    with time_machine.travel(DISCOVERED + timedelta(hours=30), tick=False):
        page = ciso_client.get(incident.get_absolute_url()).content.decode()

    assert "ruim op tijd" not in _clock_row(page, "nis2_early_warning")
    assert "verlopen" in _clock_row(page, "nis2_early_warning")
    assert "NIS2 incidentmelding" in _clock_row(page, "nis2_notification")
    final = _clock_row(page, "nis2_final_report")
    assert 'datetime="2026-04-30T23:30:00+02:00"' in final


def test_nis2_clocks_stay_hidden_by_default(ciso_client: Client, make_incident) -> None:
    incident = make_incident(discovered_at=DISCOVERED)

    page = ciso_client.get(incident.get_absolute_url()).content.decode()

    assert "clock-nis2" not in page
