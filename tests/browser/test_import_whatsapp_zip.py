# SPDX-License-Identifier: EUPL-1.2
"""A handler imports a Dutch WhatsApp export with media into a case."""

import pytest

from meldpunt.accounts.roles import Role
from meldpunt.logbook.models import LogbookEntry
from meldpunt.logbook.verification import verify_incident
from tests.browser.pages import log_in_with_code
from tests.core.evidence.conftest import shared_evidence_dir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAMPLE = "wa_nl_android_with_media.zip"


def test_handler_imports_a_whatsapp_zip_and_finds_it_in_the_logbook(
    page, live_server, make_user, make_report
) -> None:
    sample = shared_evidence_dir() / SAMPLE
    ciso = make_user("ciso", Role.CISO, password="ciso-wachtwoord-123")
    incident = make_report().incident

    log_in_with_code(page, live_server.url, ciso, "ciso-wachtwoord-123")
    page.goto(f"{live_server.url}/zaken/{incident.reference}/")
    page.get_by_role("link", name="Bewijs importeren").click()

    page.get_by_label("Bewijsbestand").set_input_files(str(sample))
    page.get_by_role("button", name="Bestand inlezen").click()
    summary = page.get_by_test_id("import-summary")
    summary.wait_for()
    assert page.get_by_test_id("participants").inner_text() == (
        "Sanne Voorbeeld, Pieter Testbeeld"
    )
    assert page.get_by_test_id("count").inner_text() == "4"

    # No date proves the order: the page asks instead of guessing.
    page.get_by_label("Dag eerst").check()
    page.get_by_role("button", name="Opnieuw inlezen in deze volgorde").click()
    # Nobody is ticked in advance as ours unless they bear the handler's name.
    pieter = page.get_by_role("checkbox", name="Pieter Testbeeld", exact=True)
    assert not pieter.is_checked()
    page.get_by_role("checkbox", name="Sanne Voorbeeld", exact=True).check()
    page.get_by_role("button", name="Importeren in het logboek").click()

    logbook = page.get_by_test_id("logbook")
    logbook.wait_for()
    assert "Het bestand is geïmporteerd" in page.content()
    text = logbook.inner_text()
    assert "Bewijs geïmporteerd: wa_nl_android_with_media.zip" in text
    assert "IMG-20240305-WA0003.jpg (bestand bijgevoegd)" in text
    assert "Schermafbeelding van de verzonden mail" in text
    assert "WhatsApp" in text
    assert page.get_by_role("link", name="IMG-20240305-WA0003.jpg").count() == 1

    entries = LogbookEntry.objects.filter(incident=incident, source_index__isnull=False)
    assert entries.count() == 4
    assert {entry.direction for entry in entries} == {"out", "in"}
    assert verify_incident(incident) is None
