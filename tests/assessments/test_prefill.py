# SPDX-License-Identifier: EUPL-1.2
"""What the report and the procedure already told is filled in beforehand."""

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meldpunt.assessments.prefill import prefilled_facts
from meldpunt.core.availability import Availability, Path
from meldpunt.guidance.services import answer_step, start_procedure
from meldpunt.incidents.models import PersonalData
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db

GUIDED = Availability(Path.GUIDED, timezone.now(), "all_absent")


def _guided_to_personal_data(incident, staff, ticked: list[str]):
    run = start_procedure(incident=incident, actor=staff, availability=GUIDED)
    answer_step(
        run=run, step_id="what_happened", answer_id="data_breach", data={}, actor=staff
    )
    answer_step(
        run=run,
        step_id="personal_data",
        answer_id="yes",
        data={"misdirected_mail": ticked},
        actor=staff,
    )
    run.refresh_from_db()
    return run


def test_discovery_time_and_personal_data_come_from_the_report(make_incident) -> None:
    discovered = datetime.fromisoformat("2026-10-25T02:30:00+01:00")
    incident = make_incident(discovered_at=discovered, personal_data=PersonalData.NO)

    facts = prefilled_facts(incident)

    assert facts["aware_at"] == "2026-10-25T02:30:00+01:00"
    assert facts["personal_data"] is False


def test_without_a_discovery_time_the_report_time_starts_the_clock(
    make_incident,
) -> None:
    incident = make_incident(personal_data=PersonalData.UNKNOWN)

    facts = prefilled_facts(incident)

    assert datetime.fromisoformat(facts["aware_at"]) == incident.reported_at
    assert "personal_data" not in facts


def test_procedure_answers_about_a_misdirected_mail_become_facts(
    make_incident, staff
) -> None:
    incident = make_incident(personal_data=PersonalData.UNKNOWN)
    _guided_to_personal_data(incident, staff, ["asked_recipient_to_delete"])

    facts = prefilled_facts(incident)

    assert facts["personal_data"] is True
    assert facts["breach_types"] == ["confidentiality"]
    assert facts["recipient_confirmed_deletion"] is False


def test_the_guided_procedure_links_the_assessment_once_it_is_opened(
    client: Client, make_incident, staff
) -> None:
    incident = make_incident()
    run = _guided_to_personal_data(incident, staff, [])
    log_in_verified(client, staff)

    page = client.get(reverse("guidance:guide", args=[incident.reference]))

    assert run.assessment_opened is True
    assert reverse("assessments:assessment", args=[incident.reference]) in (
        page.content.decode()
    )
