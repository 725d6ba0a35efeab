# SPDX-License-Identifier: EUPL-1.2
"""Every branch of the procedure, followed in the browser as people would."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from meldpunt.accounts.roles import Role
from meldpunt.guidance.models import Absence, ProcedureRun
from meldpunt.incidents.models import Incident
from meldpunt.logbook.verification import verify_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECURITY = "meldpunt@kiesraad.example"
BVC = "bvc@kiesraad.example"


@pytest.fixture
def ciso(make_user):
    return make_user("ciso", Role.CISO)


@pytest.fixture
def ciso_away(ciso):
    """The CISO (the only handler) has been unreachable for two days."""
    Absence.objects.create(
        person=ciso, starts_at=timezone.now() - timedelta(days=2), reachable=False
    )
    return ciso


def _report(page, base_url: str, text: str = "Er is iets misgegaan.") -> str:
    page.goto(f"{base_url}/melden/")
    page.get_by_label("Wat is er gebeurd?").fill(text)
    page.get_by_role("button", name="Melding versturen").click()
    return page.get_by_test_id("reference").inner_text()


def _answer(page, answer: str, **inputs: object) -> None:
    page.check(f"input[name=answer][value='{answer}']")
    for name, value in inputs.items():
        selector = f"[name=input_{name}]"
        if value is True:
            page.check(selector)
        elif isinstance(value, list):
            for item in value:
                page.check(f"{selector}[value='{item}']")
        else:
            page.fill(selector, str(value))
    page.get_by_role("button", name="Volgende").click()


def _guided(page, live_server) -> str:
    reference = _report(page, live_server.url)
    page.get_by_role("link", name="Verder met de procedure").click()
    return reference


def _outcome(page) -> str:
    return page.get_by_test_id("outcome").inner_text()


def _logbook(reference: str) -> str:
    incident = Incident.objects.get(reference=reference)
    assert verify_incident(incident) is None
    return "\n".join(
        f"{e.summary}\n{e.text}\n{e.reasons}" for e in incident.logbook_entries.all()
    )


def _mail_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_1b_ciso_at_work_means_report_and_wait(page, live_server, ciso) -> None:
    page.goto(f"{live_server.url}/melden/")
    assert "Wacht op instructies" in page.get_by_test_id("path").inner_text()

    reference = _report(page, live_server.url)

    assert "Wacht op instructies" in page.content()
    assert page.get_by_role("link", name="Verder met de procedure").count() == 0
    run = ProcedureRun.objects.get(incident__reference=reference)
    assert (run.guided, run.outcome) == (False, "wait_for_ciso")
    assert "de CISO of een plaatsvervanger is beschikbaar" in _logbook(reference)
    assert len(_mail_to(SECURITY)) == 1


def test_1b_ciso_away_less_than_a_day_still_waits(page, live_server, ciso) -> None:
    Absence.objects.create(
        person=ciso, starts_at=timezone.now() - timedelta(hours=5), reachable=False
    )

    reference = _report(page, live_server.url)

    run = ProcedureRun.objects.get(incident__reference=reference)
    assert (run.guided, run.outcome) == (False, "wait_for_ciso")
    assert "afwezig en onbereikbaar" in _logbook(reference)


def test_1a_ciso_away_over_a_day_guides_the_reporter(
    page, live_server, ciso_away
) -> None:
    page.goto(f"{live_server.url}/melden/")
    assert "niet bereikbaar" in page.get_by_test_id("path").inner_text()

    _guided(page, live_server)

    assert "Stap 2: Wat is er aan de hand?" in page.inner_text("main")


def test_2a_malfunction_is_reported_with_solution_and_time(
    page, live_server, ciso_away
) -> None:
    reference = _guided(page, live_server)
    solved = timezone.localtime() - timedelta(hours=1)

    _answer(
        page,
        "can_wait",
        consultations="Met de servicedesk gebeld om 10:00 over de printer.",
        solved=True,
        solution="Printer opnieuw gestart.",
        solved_at=solved.strftime("%Y-%m-%dT%H:%M"),
    )

    assert f"Gemeld bij de meldpunt-mailbox ({SECURITY})" in _outcome(page)
    logbook = _logbook(reference)
    assert "Met de servicedesk gebeld om 10:00" in logbook
    assert "Printer opnieuw gestart." in logbook
    assert "Wanneer precies was het opgelost?" in logbook
    assert _mail_to(BVC) == []


def test_2b_physical_incident_mails_the_building_security_desk(
    page, live_server, ciso_away
) -> None:
    reference = _guided(page, live_server)

    _answer(page, "physical")

    assert "BVC" in _outcome(page)
    [bvc_mail] = _mail_to(BVC)
    assert reference in bvc_mail.subject
    assert "Meldpunt heeft BVC (beveiliging) over deze zaak gemaild" in _logbook(
        reference
    )


def _to_personal_data(page, live_server) -> str:
    reference = _guided(page, live_server)
    _answer(page, "data_breach")
    assert "Stap 3: Gaat het om persoonsgegevens?" in page.inner_text("main")
    return reference


def test_2c_possible_breach_leads_to_the_personal_data_question(
    page, live_server, ciso_away
) -> None:
    _to_personal_data(page, live_server)

    assert "schoenmaat" in page.inner_text("main")


def test_3a_personal_data_starts_the_72_hour_clock_and_records_measures(
    page, live_server, ciso_away
) -> None:
    reference = _to_personal_data(page, live_server)

    _answer(
        page,
        "yes",
        measures="Ontvanger gebeld.",
        misdirected_mail=["asked_recipient_to_delete"],
    )

    assert "Stap 4" in page.inner_text("main")
    assert page.get_by_test_id("deadline").is_visible()
    run = ProcedureRun.objects.get(incident__reference=reference)
    assert run.decision_due_at == run.incident.reported_at + timedelta(hours=72)
    assert "Ontvanger gevraagd de e-mail te verwijderen" in _logbook(reference)


def test_3b_no_personal_data_with_impact_consults_the_director(
    page, live_server, ciso_away
) -> None:
    reference = _to_personal_data(page, live_server)
    _answer(page, "no")

    _answer(page, "impact_expected")

    assert "Volledig verslag" in _outcome(page)
    assert len(_mail_to(SECURITY)) == 2  # the new report, then the account
    assert "Dossier naar de meldpunt-mailbox gestuurd" in _logbook(reference)


def _to_rights(page, live_server) -> str:
    reference = _to_personal_data(page, live_server)
    _answer(page, "yes")
    return reference


def test_4b_no_noteworthy_harm_needs_reasons(page, live_server, ciso_away) -> None:
    reference = _to_rights(page, live_server)

    _answer(page, "no_noteworthy_harm")
    assert "Dit is nodig bij het antwoord dat u koos." in page.inner_text("main")
    _answer(page, "no_noteworthy_harm", reasons="Alleen zakelijke adressen.")

    assert "Volledig verslag" in _outcome(page)
    assert "Alleen zakelijke adressen." in _logbook(reference)


def _to_decision(page, live_server) -> str:
    reference = _to_rights(page, live_server)
    _answer(page, "may_be_harmed")
    assert "Stap 5" in page.inner_text("main")
    return reference


DONE = ["director_informed", "fg_advice_requested", "considerations_recorded"]


def test_4a_and_5_harm_requires_consulting_director_and_fg(
    page, live_server, ciso_away
) -> None:
    reference = _to_decision(page, live_server)
    page.fill("[name=consulted]", "Dienstdoend directielid")
    page.select_option("[name=channel]", "phone")
    page.fill("[name=occurred_at]", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=advice]", "Melden bij de AP lijkt nodig.")
    page.get_by_role("button", name="Overleg vastleggen").click()

    _answer(page, "no_notification")
    assert "Vink alles aan" in page.inner_text("main")
    _answer(page, "no_notification", done=DONE)

    assert "Besloten niet te melden" in _outcome(page)
    logbook = _logbook(reference)
    assert "Overlegd met Dienstdoend directielid" in logbook
    assert "Melden bij de AP lijkt nodig." in logbook


def test_6_notify_the_ap_prepares_the_draft_for_approval(
    page, live_server, ciso_away
) -> None:
    reference = _to_decision(page, live_server)
    _answer(page, "notify_ap", done=DONE)
    assert "Stap 6" in page.inner_text("main")

    _answer(page, "ap_only")

    assert "Besloten: melden bij de Autoriteit Persoonsgegevens" in _outcome(page)
    logbook = _logbook(reference)
    assert "de melding aan de AP als concept voorbereiden" in logbook
    assert "goedkeuring van de melding aan de AP" in logbook


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        ("contacts_known", "Besloten: de betrokkenen persoonlijk informeren"),
        ("contacts_unknown", "Besloten: een bericht op de website plaatsen"),
    ],
)
def test_7_data_subjects_are_informed_individually_or_publicly(
    page, live_server, ciso_away, answer, outcome
) -> None:
    reference = _to_decision(page, live_server)
    _answer(page, "notify_ap", done=DONE)
    _answer(page, "inform_subjects")

    _answer(page, answer)

    assert outcome in _outcome(page)
    assert ProcedureRun.objects.get(incident__reference=reference).outcome in {
        "inform_subjects_individually",
        "public_notice",
    }


def test_path_c_supplier_reports_without_account(page, live_server, ciso) -> None:
    page.goto(f"{live_server.url}/hulp/")
    assert "privénummer" in page.inner_text("main")
    page.get_by_role("link", name="Melden als leverancier").click()
    page.get_by_label("Bedrijf").fill("Leverancier BV")
    page.get_by_label("Uw naam en telefoonnummer of e-mailadres").fill(
        "Contact 0612345678"
    )
    page.get_by_label("Wat is er gebeurd?").fill(
        "Onze back-up van uw systeem is gestolen."
    )
    page.get_by_role("button", name="Melding versturen").click()

    reference = page.get_by_test_id("reference").inner_text()
    assert "Office Management" in page.inner_text("main")
    run = ProcedureRun.objects.get(incident__reference=reference)
    assert run.outcome == "contact_via_office_management"
    assert run.incident.reports.get().channel == "supplier"
