# SPDX-License-Identifier: EUPL-1.2
"""A handler in a hurry records a step with a shortcut and gets the dossier."""

import pytest

from meldpunt.accounts.roles import Role
from meldpunt.logbook.verification import check_incident
from tests.browser.pages import log_in_with_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shortcut_entry_with_evidence_then_dossier_download(
    page, live_server, make_user, make_report, tmp_path
) -> None:
    ciso = make_user("ciso", Role.CISO, password="ciso-wachtwoord-123")
    incident = make_report(description="Lijst met BSN naar een journalist").incident
    log_in_with_code(page, live_server.url, ciso, "ciso-wachtwoord-123")

    page.goto(f"{live_server.url}{incident.get_absolute_url()}")
    assert "Hashketen intact" in page.get_by_test_id("chain-state").inner_text()
    page.get_by_role("link", name="Ontvanger gevraagd te verwijderen").first.click()
    assert (
        "verwijdering schriftelijk" in page.get_by_label("Samenvatting").input_value()
    )
    evidence = tmp_path / "verzoek.eml"
    evidence.write_bytes(b"Subject: verzoek tot verwijdering\n")
    page.get_by_label("Bewijsstukken").set_input_files(str(evidence))
    page.get_by_role("button", name="Aan het logboek toevoegen").click()

    logbook = page.get_by_test_id("logbook").inner_text()
    assert "Ontvanger gevraagd de gegevens te verwijderen" in logbook
    assert "verzoek.eml" in logbook
    with page.expect_download() as download:
        page.get_by_role("link", name="Dossier downloaden (PDF)").click()
    assert download.value.suggested_filename == f"{incident.reference}-dossier.pdf"
    assert check_incident(incident).intact
