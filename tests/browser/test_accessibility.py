# SPDX-License-Identifier: EUPL-1.2
"""Every page, in its main states and as every role that sees it, meets WCAG 2.1 AA.

VISITS maps each named URL pattern that renders HTML to the states to open.
A new URL pattern fails test_every_url_pattern_is_visited_or_declared until it
is added there, or to NOT_HTML with the reason it renders no page.
axe-core finds part of WCAG only: this is a regression gate, not an audit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.assessments.services import record_facts
from meldpunt.guidance.models import Absence
from meldpunt.incidents import services as incidents
from meldpunt.incidents.models import Incident
from meldpunt.incidents.workflow import Kind, Status
from meldpunt.logbook.services import UploadedEvidence

from .pages import axe_violations, log_in, make_accounts, report

NOT_HTML = {
    "logout": "POST only; redirects to the start page",
    "set_language": "POST only; redirects back to the page it came from",
    "incidents:classify": "POST only; redirects to the case, and the browser "
    "can only send a valid kind (a fixed list)",
    "incidents:assign": "POST only; redirects to the case, and every choice, "
    "including none, is valid",
    "incidents:status": "POST only; redirects to the case, and the browser "
    "can only send a permitted next status",
    "incidents:evidence": "a file download (attachment), never a page",
    "guidance:end_absence": "POST only; redirects to the absences page",
    "logbook:dossier_pdf": "a file download (PDF), never a page",
    "logbook:dossier_json": "a file download (JSON), never a page",
    "logbook:send_dossier": "POST only; redirects to the case with a message",
    "imports:date_order": "POST only; answers with the preview page (visited "
    "under imports:preview) or a redirect to it",
    "imports:confirm": "POST only; answers with the preview page (visited "
    "under imports:preview) or a redirect to the case or the progress page",
    "imports:cancel": "POST only; redirects to the case",
    "reports:answer": "POST only; answers with the thread page (visited under "
    "reports:follow_up) or the receipt-code form",
    "oidc_start": "redirects to the organisation's identity provider",
    "oidc_callback": "the identity provider's redirect back; ends in a redirect",
}
EXCLUDED_NAMESPACES = {
    "admin": "Django's own administration pages (/beheer/), for application "
    "administrators only; named as a known limitation in the statement",
}


@dataclass(frozen=True)
class Visit:
    state: str
    user: str | None
    open: Callable[..., None]
    language: str = "nl"


def _go(path: str) -> Callable[..., None]:
    return lambda page, base_url, users: page.goto(base_url + path)


def _submit_empty_report(page, base_url, users) -> None:
    page.goto(base_url + "/melden/")
    later = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.locator("#id_discovered_at").fill(later)
    page.get_by_role("button", name="Melding versturen").click()


def _submit_empty_report_in_english(page, base_url, users) -> None:
    page.goto(base_url + "/melden/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="Send report").click()


def _expired_report_form(page, base_url, users) -> None:
    page.goto(base_url + "/melden/")
    page.context.clear_cookies()
    page.get_by_label("Wat is er gebeurd?").fill("Vreemde mail ontvangen.")
    page.get_by_role("button", name="Melding versturen").click()


def _report_received(page, base_url, users) -> None:
    page.goto(base_url + "/melden/")
    page.get_by_label("Wat is er gebeurd?").fill("Vreemde mail ontvangen.")
    page.get_by_role("button", name="Melding versturen").click()
    page.get_by_test_id("reference").wait_for()


def _failed_login(page, base_url, users) -> None:
    page.goto(base_url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("ciso")
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()


def _many_cases(page, base_url, users) -> None:
    for number in range(52):
        incident = report(f"Melding nummer {number}: verdachte e-mail ontvangen.")
        if number % 3 == 0:
            incidents.assign_handler(
                incident=incident, handler=users["ciso"], actor=users["ciso"]
            )
    page.goto(base_url + "/zaken/")


def _many_cases_second_page_with_closed(page, base_url, users) -> None:
    ciso = users["ciso"]
    for number in range(52):
        incident = report(f"Storing {number}: printer drukt dubbel af.")
        if number % 8 == 0:
            incidents.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)
            incidents.close_incident(
                incident=incident,
                resolution="Storing verholpen.",
                solved_at=timezone.now() - timedelta(minutes=5),
                actor=ciso,
            )
    page.goto(base_url + "/zaken/?gesloten=1&pagina=2")


def _case_with_long_logbook(page, base_url, users) -> None:
    ciso = users["ciso"]
    incident = report(
        "Kandidatenlijst met adressen naar een verkeerd extern adres gemaild.\n\n"
        "De ontvanger heeft nog niet gereageerd.",
        reporter=users["medewerker"],
        files=[UploadedEvidence("verzonden-mail.eml", b"Subject: lijst\n\nBijlage")],
    )
    incidents.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)
    incidents.classify_incident(
        incident=incident, kind=Kind.POSSIBLE_BREACH, actor=ciso
    )
    incidents.assign_handler(incident=incident, handler=ciso, actor=ciso)
    for number in range(40):
        incidents.add_note(
            incident=incident,
            text=f"Notitie {number}: ontvanger gebeld.\nGeen gehoor; later opnieuw.",
            actor=ciso,
        )
    page.goto(base_url + incident.get_absolute_url())


def _case_note_without_text(page, base_url, users) -> None:
    incident = report()
    page.goto(base_url + incident.get_absolute_url())
    page.get_by_role("button", name="Notitie toevoegen").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _case_closed_without_answers(page, base_url, users) -> None:
    incident = report()
    incidents.change_status(
        incident=incident, status=Status.TRIAGE, actor=users["ciso"]
    )
    page.goto(base_url + incident.get_absolute_url())
    page.get_by_role("button", name="Zaak afsluiten").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _guided_reporter(page, base_url, users) -> None:
    """With the CISO away for two days, a reporter is guided; open step 2."""
    Absence.objects.create(
        person=users["ciso"],
        starts_at=timezone.now() - timedelta(days=2),
        reachable=False,
    )
    Absence.objects.create(
        person=users["plv-ciso"],
        starts_at=timezone.now() - timedelta(days=2),
        reachable=False,
    )
    _report_received(page, base_url, users)
    page.get_by_role("link", name="Verder met de procedure").click()


def _guided_step_with_errors(page, base_url, users) -> None:
    _guided_reporter(page, base_url, users)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _guided_outcome(page, base_url, users) -> None:
    _guided_reporter(page, base_url, users)
    page.check("input[name=answer][value='physical']")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_test_id("outcome").wait_for()


def _consultation_with_errors(page, base_url, users) -> None:
    _guided_reporter(page, base_url, users)
    page.get_by_role("button", name="Overleg vastleggen").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _absence_with_errors(page, base_url, users) -> None:
    Absence.objects.create(
        person=users["plv-ciso"], starts_at=timezone.now(), reachable=True
    )
    page.goto(base_url + "/afwezigheid/")
    page.get_by_role("button", name="Afwezigheid vastleggen").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _supplier_with_errors(page, base_url, users) -> None:
    page.goto(base_url + "/melden/leverancier/")
    page.get_by_role("button", name="Melding versturen").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _new_entry(page, base_url, users) -> None:
    page.goto(base_url + report().get_absolute_url() + "logboek/nieuw/")


def _new_entry_with_errors(page, base_url, users) -> None:
    _new_entry(page, base_url, users)
    page.get_by_role("button", name="Aan het logboek toevoegen").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _breach_case(users) -> Incident:
    ciso = users["ciso"]
    incident = report(
        "Kandidatenlijst met adressen en BSN naar een journalist gemaild.",
        reporter=users["medewerker"],
        personal_data="yes",
    )
    incidents.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)
    incidents.classify_incident(
        incident=incident, kind=Kind.POSSIBLE_BREACH, actor=ciso
    )
    return incident


def _assessment_all_at_once(page, base_url, users) -> None:
    page.goto(base_url + _breach_case(users).get_absolute_url() + "beoordeling/")


def _assessment_one_question(page, base_url, users) -> None:
    url = _breach_case(users).get_absolute_url() + "beoordeling/?vraag=2"
    page.goto(base_url + url)


def _decision_with_errors(page, base_url, users) -> None:
    incident = _breach_case(users)
    record_facts(
        incident=incident,
        actor=users["ciso"],
        facts={
            "format": "meldpunt.breach-facts/1",
            "breach_types": ["confidentiality"],
            "personal_data": True,
            "data_categories": ["identity", "contact", "bsn"],
            "subjects": {"min": 40, "max": 40},
            "exposure": "untrusted_recipient",
            "contact_details_known": "all",
        },
    )
    page.goto(base_url + incident.get_absolute_url() + "beoordeling/")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_role("heading", name="Verbeter het volgende").first.wait_for()


CHAT = (
    b"05-03-2024 09:12 - Sanne Voorbeeld: Ontvanger gebeld.\n"
    b"05-03-2024 09:15 - Pieter Testbeeld: Dank je, ik leg het vast.\n"
)


def _import_upload(page, base_url, users) -> None:
    page.goto(base_url + report().get_absolute_url() + "import/")


def _import_upload_without_file(page, base_url, users) -> None:
    _import_upload(page, base_url, users)
    page.get_by_role("button", name="Bestand inlezen").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _import_preview(page, base_url, users) -> None:
    _import_upload(page, base_url, users)
    page.get_by_label("Bewijsbestand").set_input_files(
        {"name": "chat.txt", "mimeType": "text/plain", "buffer": CHAT}
    )
    page.get_by_role("button", name="Bestand inlezen").click()
    page.get_by_test_id("import-summary").wait_for()


FORWARDED_MAIL = (
    b"From: Sanne Voorbeeld <s.voorbeeld@gemeente.example>\n"
    b"To: privacy@gemeente.example\n"
    b"Subject: FW: Deelnemerslijst\n"
    b"Date: Tue, 05 Mar 2024 08:31:12 +0100\n"
    b'Content-Type: multipart/mixed; boundary="b1"\n'
    b"\n"
    b"--b1\n"
    b"Content-Type: text/plain\n"
    b"\n"
    b"Deze ging naar de verkeerde ontvanger.\n"
    b"--b1\n"
    b"Content-Type: message/rfc822\n"
    b"\n"
    b"From: Bram Test <b.test@gemeente.example>\n"
    b"To: ontvanger@elders.example\n"
    b"Subject: Deelnemerslijst\n"
    b"Date: Mon, 04 Mar 2024 16:40:05 +0100\n"
    b"\n"
    b"Zie bijlage.\n"
    b"--b1--\n"
)


def _import_mail_preview(page, base_url, users) -> None:
    _import_upload(page, base_url, users)
    page.get_by_label("Bewijsbestand").set_input_files(
        {"name": "mail.eml", "mimeType": "message/rfc822", "buffer": FORWARDED_MAIL}
    )
    page.get_by_role("button", name="Bestand inlezen").click()
    page.get_by_test_id("attached-mails").wait_for()


def _import_progress(page, base_url, users) -> None:
    with override_settings(MELDPUNT_IMPORT_INLINE_MAX=0):
        _import_preview(page, base_url, users)
        if page.get_by_label("Dag eerst").count():
            page.get_by_label("Dag eerst").check()
            page.get_by_role("button", name="Opnieuw inlezen in deze volgorde").click()
        page.get_by_role("button", name="Importeren in het logboek").click()
        page.locator("progress").wait_for()


def _password_login(page, base_url, user) -> None:
    page.goto(base_url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.get_username())
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()


def _second_factor(page, base_url, users) -> None:
    TOTPDevice.objects.create(user=users["ciso"], name="app", confirmed=True)
    _password_login(page, base_url, users["ciso"])
    page.get_by_label("Code").wait_for()


def _second_factor_setup(page, base_url, users) -> None:
    _password_login(page, base_url, users["ciso"])
    page.get_by_label("Code").wait_for()


def _follow_up_wrong_code(page, base_url, users) -> None:
    page.goto(base_url + "/melden/opvolgen/")
    page.get_by_label("Ontvangstcode").fill("ABCD-EFGH-JKLM-NPQR")
    page.get_by_role("button", name="Vragen tonen").click()
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()


def _ask_the_reporter(page, base_url, users) -> None:
    page.goto(base_url + f"/melden/zaak/{report().reference}/vragen/")


def _consult(page, base_url, users) -> None:
    page.goto(base_url + f"/account/raadplegen/{report().reference}/")


VISITS: dict[str, list[Visit]] = {
    "accounts:second_factor": [Visit("code form", None, _second_factor)],
    "accounts:second_factor_setup": [
        Visit("authenticator set-up", None, _second_factor_setup)
    ],
    "accounts:recovery_codes": [
        Visit("replace recovery codes", "ciso", _go("/account/herstelcodes/"))
    ],
    "accounts:access_log": [Visit("access log", "ciso", _go("/account/toegangslog/"))],
    "accounts:consult": [Visit("consult form", "ciso", _consult)],
    "reports:follow_up": [
        Visit("receipt code form", None, _go("/melden/opvolgen/")),
        Visit("unknown receipt code", None, _follow_up_wrong_code),
    ],
    "reports:ask": [Visit("questions to the reporter", "ciso", _ask_the_reporter)],
    "imports:upload": [
        Visit("empty form", "ciso", _import_upload),
        Visit("form with errors", "ciso", _import_upload_without_file),
    ],
    "imports:preview": [
        Visit("preview", "ciso", _import_preview),
        Visit("preview of a mail with an attached mail", "ciso", _import_mail_preview),
    ],
    "imports:progress": [Visit("import in the background", "ciso", _import_progress)],
    "assessments:assessment": [
        Visit("all questions at once", "ciso", _assessment_all_at_once),
        Visit("one question at a time", "plv-ciso", _assessment_one_question),
    ],
    "assessments:decide": [
        Visit("decision with errors", "ciso", _decision_with_errors),
    ],
    "guidance:guide": [
        Visit("first guided step", None, _guided_reporter),
        Visit("step with errors", None, _guided_step_with_errors),
        Visit("outcome", None, _guided_outcome),
    ],
    "guidance:consultation": [
        Visit("consultation with errors", None, _consultation_with_errors),
    ],
    "guidance:contact": [Visit("contact", None, _go("/contact/"))],
    "guidance:tips": [Visit("tips", None, _go("/tips/"))],
    "guidance:stuck": [Visit("help", None, _go("/hulp/"))],
    "guidance:emergency": [Visit("number shown", "office", _go("/noodnummer/"))],
    "guidance:absences": [
        Visit("nobody absent", "ciso", _go("/afwezigheid/")),
        Visit("form with errors and an absence", "plv-ciso", _absence_with_errors),
    ],
    "reports:supplier": [
        Visit("empty form", None, _go("/melden/leverancier/")),
        Visit("form with errors", None, _supplier_with_errors),
    ],
    "logbook:new_entry": [
        Visit("empty form", "ciso", _new_entry),
        Visit("form with errors", "ciso", _new_entry_with_errors),
    ],
    "home": [
        Visit("start page", None, _go("/")),
        Visit("start page", "medewerker", _go("/")),
        Visit("start page with the link to the cases", "ciso", _go("/")),
        Visit("start page with the link to the cases", "plv-ciso", _go("/")),
    ],
    "accessibility": [
        Visit("statement", None, _go("/toegankelijkheid/")),
    ],
    "login": [
        Visit("empty form", None, _go("/inloggen/")),
        Visit("wrong password", None, _failed_login),
    ],
    "reports:report": [
        Visit("empty form", None, _go("/melden/")),
        Visit("empty form with the anonymous choice", "medewerker", _go("/melden/")),
        Visit("form with errors", None, _submit_empty_report),
        Visit("form with errors", "medewerker", _submit_empty_report_in_english, "en"),
        Visit("expired form (security check failed)", None, _expired_report_form),
    ],
    "reports:received": [
        Visit("confirmation", None, _report_received),
    ],
    "incidents:worklist": [
        Visit("no cases", "ciso", _go("/zaken/")),
        Visit("long list", "ciso", _many_cases),
        Visit(
            "second page, closed cases too",
            "plv-ciso",
            _many_cases_second_page_with_closed,
        ),
        Visit("no access", "medewerker", _go("/zaken/")),
    ],
    "incidents:detail": [
        Visit("long logbook", "ciso", _case_with_long_logbook),
        Visit("long logbook", "plv-ciso", _case_with_long_logbook),
        Visit("unknown case", "ciso", _go("/zaken/MP-1999-0001/")),
    ],
    "incidents:note": [
        Visit("note form with errors", "ciso", _case_note_without_text),
    ],
    "incidents:close": [
        Visit("close form with errors", "plv-ciso", _case_closed_without_answers),
    ],
}


def _pattern_names(patterns: list, namespace: str = "") -> set[str]:
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _pattern_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            names.add(namespace + (entry.name or f"<unnamed {entry.pattern}>"))
    return names


def test_every_url_pattern_is_visited_or_declared_not_html() -> None:
    names = _pattern_names(get_resolver().url_patterns)

    unchecked = names - VISITS.keys() - NOT_HTML.keys()
    stale = (VISITS.keys() | NOT_HTML.keys()) - names

    assert unchecked == set(), "add these URL patterns to VISITS or NOT_HTML"
    assert stale == set(), "these registry entries name no URL pattern"
    assert VISITS.keys().isdisjoint(NOT_HTML.keys())
    assert all(VISITS.values())


@pytest.mark.browser
def test_axe_check_finds_a_violation_when_there_is_one(page) -> None:
    page.set_content(
        '<html lang="nl"><head><title>Proef</title></head>'
        '<body><main><img src="data:,"></main></body></html>'
    )

    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}


@pytest.fixture(scope="module")
def warm_context(browser):
    """One browser context for all visits, so stylesheets and fonts are cached."""
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def visit_page(warm_context):
    warm_context.clear_cookies()
    page = warm_context.new_page()
    yield page
    page.close()


def _page_structure(page) -> dict[str, object]:
    return page.evaluate(
        """() => ({
            lang: document.documentElement.lang,
            title: document.title,
            h1: document.querySelectorAll("h1").length,
            main: document.querySelectorAll("main").length,
            banner: document.querySelectorAll("body > header").length,
            footer: document.querySelectorAll("body > footer").length,
            nav: document.querySelectorAll("nav[aria-label]").length >= 1,
        })"""
    )


def _page_width_at(page, width: int) -> int:
    page.set_viewport_size({"width": width, "height": 800})
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "visit"),
    [(name, visit) for name, visits in VISITS.items() for visit in visits],
    ids=lambda value: (
        value.state + "-" + str(value.user or "anonymous")
        if isinstance(value, Visit)
        else value
    ),
)
def test_page_meets_wcag_21_aa(
    visit_page, live_server, name: str, visit: Visit
) -> None:
    page = visit_page
    users = make_accounts()
    if visit.user:
        log_in(page, live_server.url, users[visit.user])

    visit.open(page, live_server.url, users)
    page.wait_for_load_state("load")

    assert axe_violations(page) == []
    structure = _page_structure(page)
    assert structure["lang"] == visit.language
    assert structure["title"].endswith(" — Meldpunt")
    assert not structure["title"].startswith(" ")
    assert (structure["h1"], structure["main"]) == (1, 1)
    assert (structure["banner"], structure["footer"], structure["nav"]) == (1, 1, True)
    assert _page_width_at(page, 360) <= 360
