# SPDX-License-Identifier: EUPL-1.2
"""The foundation's scenario through the breach assessment and the decision."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from meldpunt.accounts.roles import Role
from meldpunt.assessments.models import Decision
from meldpunt.incidents.models import PersonalData
from meldpunt.logbook.verification import verify_incident
from meldpunt.reports.services import submit_report
from tests.browser.pages import log_in_with_code

from .test_report_to_closed_case import SCENARIO

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_misdirected_candidate_list_is_assessed_as_notify_ap_and_all_40_people(
    page, live_server, make_user
) -> None:
    ciso = make_user("ciso", Role.CISO, password="ciso-wachtwoord-123")
    report = submit_report(
        description=SCENARIO,
        submission_token=uuid.uuid4(),
        reporter=None,
        anonymous=True,
        discovered_at=timezone.now() - timedelta(hours=3),
        personal_data=PersonalData.YES,
    )
    reference = report.incident.reference

    # The CISO opens the case and goes to the assessment.
    log_in_with_code(page, live_server.url, ciso, "ciso-wachtwoord-123")
    page.goto(f"{live_server.url}/zaken/{reference}/")
    assert "ruim op tijd" in page.get_by_test_id("clock-authority").inner_text()
    page.get_by_role("link", name="Beoordeling en besluit over het datalek").click()

    # The facts of the scenario, all questions at once.
    for selector in (
        "#id_breach_types_0",  # someone could see data they should not have
        "#id_data_categories_0",  # names
        "#id_data_categories_1",  # addresses
        "#id_data_categories_2",  # BSN
        "#id_unintelligible_1",  # readable
        "#id_exposure_2",  # a known recipient we cannot simply trust
        "#id_recipient_confirmed_deletion_1",  # not yet confirmed
        "#id_malicious_1",  # a mistake
        "#id_contact_details_known_0",  # all can be reached
    ):
        page.locator(selector).check()
    page.get_by_label("Minstens zoveel mensen").fill("40")
    page.get_by_label("Hooguit zoveel mensen").fill("40")
    page.get_by_role("button", name="Feiten opslaan").click()

    # The recommendation: notify the AP and each of the 40 people, with reasons.
    assert page.get_by_test_id("advice-authority").inner_text() == "ja"
    subjects = page.get_by_test_id("advice-subjects").inner_text()
    assert subjects == "ja: persoonlijk, aan ieder afzonderlijk (40 mensen)"
    reasons = page.get_by_test_id("advice-reasons").inner_text()
    assert "meld bij de AP" in reasons
    assert "informeer de betrokkenen" in reasons
    assert "bsn" in reasons
    assert "“Wie kon de gegevens zien” (een bekende ontvanger die we" in reasons
    assert (
        "“Kunnen we ieder van hen persoonlijk bereiken” (ja, allemaal): informeer "
        "iedere betrokkene persoonlijk" in reasons
    )

    # The decision follows the advice, with those consulted, into the logbook.
    page.locator("#id_notify_authority_0").check()
    page.locator("#id_notify_subjects_0").check()
    page.locator("#id_subjects_channel_0").check()
    page.get_by_label("Met wie is overlegd").fill("Dienstdoend directielid; FG")
    page.get_by_role("button", name="Besluit vastleggen").click()
    assert "Het besluit is vastgelegd." in page.inner_text("main")

    decision = Decision.objects.get()
    assert decision.against_recommendation is False
    page.goto(f"{live_server.url}/zaken/{reference}/")
    logbook = page.get_by_test_id("logbook").inner_text()
    assert "Feiten van het datalek vastgelegd (versie 1)" in logbook
    assert "Besloten: melden bij de AP: ja; betrokkenen informeren: ja" in logbook
    assert "afgehandeld" in page.get_by_test_id("clock-authority").inner_text()
    assert verify_incident(report.incident) is None
