# SPDX-License-Identifier: EUPL-1.2
"""The main job, end to end: a member of staff reports, the CISO handles it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.roles import Role
from meldpunt.incidents.models import Incident
from meldpunt.logbook.verification import verify_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCENARIO = (
    "Vrijdagmiddag heb ik de lijst met de 40 kandidaten van een partij, met "
    "woonadressen en BSN, per ongeluk naar een journalist gemaild in plaats van "
    "naar de gemeente. De journalist heeft nog niet bevestigd dat hij de mail "
    "heeft verwijderd."
)


def _log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_staff_report_is_triaged_classified_noted_and_closed_by_the_ciso(
    page, live_server, make_user
) -> None:
    make_user("medewerker", password="medewerker-wachtwoord")
    ciso = make_user("ciso", Role.CISO, password="ciso-wachtwoord-123")
    authenticator = TOTPDevice.objects.create(user=ciso, name="app", confirmed=True)
    discovered = timezone.localtime() - timedelta(hours=3)

    # The reporter: start page, one click to the form, report, confirmation.
    _log_in(page, live_server.url, "medewerker", "medewerker-wachtwoord")
    page.goto(live_server.url)
    page.get_by_role("link", name="Incident melden").first.click()
    page.get_by_label("Wat is er gebeurd?").fill(SCENARIO)
    page.get_by_label("Wanneer heeft u het ontdekt?").fill(
        discovered.strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Ja, mogelijk").check()
    page.get_by_role("button", name="Melding versturen").click()

    page.get_by_role("heading", name="Dank u wel: uw melding is ontvangen").wait_for()
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"MP-\d{4}-\d{4}", reference)
    assert "Wacht op instructies" in page.content()
    page.get_by_role("button", name="Uitloggen").click()

    # The reporter cannot see the case list.
    page.goto(f"{live_server.url}/zaken/")
    assert "/inloggen/" in page.url

    # The CISO: the work list shows the new case; open it.
    _log_in(page, live_server.url, "ciso", "ciso-wachtwoord-123")
    page.get_by_role("heading", name="Tweede stap van het inloggen").wait_for()
    page.get_by_label("Code").fill(f"{totp(authenticator.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.goto(f"{live_server.url}/zaken/")
    row = page.get_by_role("row").filter(has_text=reference)
    assert "Nieuw" in row.inner_text()
    assert "Nog onbekend" in row.inner_text()
    row.get_by_role("link", name=reference).click()
    assert SCENARIO in page.inner_text("main")
    assert page.get_by_test_id("status").inner_text() == "Nieuw"

    # Triage, classify as a possible breach, note, close.
    page.get_by_label("Nieuwe status").select_option(label="Triage")
    page.get_by_role("button", name="Status wijzigen").click()
    assert page.get_by_test_id("status").inner_text() == "Triage"

    page.get_by_label("Soort incident").select_option(label="Mogelijk datalek")
    page.get_by_role("button", name="Soort opslaan").click()
    assert page.get_by_test_id("kind").inner_text() == "Mogelijk datalek"

    note = (
        "Journalist gebeld: gevraagd de mail te verwijderen en dat schriftelijk "
        "te bevestigen."
    )
    page.get_by_label("Notitie", exact=True).fill(note)
    page.get_by_role("button", name="Notitie toevoegen").click()
    assert note in page.get_by_test_id("logbook").inner_text()

    solved = timezone.localtime() - timedelta(minutes=30)
    page.get_by_label("Afhandeling").fill("Journalist heeft schriftelijk bevestigd.")
    page.get_by_label("Opgelost op").fill(solved.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Zaak afsluiten").click()

    assert page.get_by_test_id("status").inner_text() == "Gesloten"
    logbook = page.get_by_test_id("logbook").inner_text()
    for expected in (
        "Melding ontvangen",
        "Status gewijzigd van Nieuw naar Triage",
        "Geclassificeerd als: Mogelijk datalek",
        note,
        "Zaak gesloten",
    ):
        assert expected in logbook

    # The closed case leaves the open work list, and its chain holds.
    page.goto(f"{live_server.url}/zaken/")
    assert reference not in page.inner_text("main")
    incident = Incident.objects.get(reference=reference)
    assert incident.solved_at == solved.replace(second=0, microsecond=0)
    assert verify_incident(incident) is None
