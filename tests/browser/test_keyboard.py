# SPDX-License-Identifier: EUPL-1.2
"""The report form and the handling of a case work with the keyboard alone,
and the report form works without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meldpunt.incidents.models import Incident
from meldpunt.incidents.workflow import Kind, Status

from .pages import log_in, make_accounts, report, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = "Ik kreeg een mail met een link naar een vreemde inlogpagina."


def _focused(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def test_report_form_can_be_filled_in_and_corrected_with_the_keyboard_alone(
    page, live_server
) -> None:
    make_accounts()
    page.goto(live_server.url + "/melden/")

    page.keyboard.press("Tab")
    assert _focused(page, "a.utrecht-skip-link")
    page.keyboard.press("Enter")
    assert _focused(page, "main")

    tab_to(page, page.get_by_role("button", name="Melding versturen"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Verbeter het volgende").wait_for()
    assert _focused(page, "[data-error-summary]")

    page.keyboard.press("Tab")
    assert _focused(page, "[data-error-summary] a[href='#id_description']")
    page.keyboard.press("Enter")
    assert _focused(page, "#id_description")
    page.keyboard.type(DESCRIPTION)

    tab_to(page, page.get_by_label("Weet ik niet"))
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Ja, mogelijk").is_checked()
    tab_to(page, page.get_by_role("button", name="Melding versturen"))
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Dank u wel: uw melding is ontvangen").wait_for()
    incident = Incident.objects.get()
    assert incident.reports.get().description == DESCRIPTION
    assert incident.personal_data == "yes"


def test_case_can_be_triaged_classified_and_noted_with_the_keyboard_alone(
    page, live_server
) -> None:
    users = make_accounts()
    incident = report()
    log_in(page, live_server.url, users["ciso"])
    page.goto(live_server.url + incident.get_absolute_url())

    tab_to(page, "#id_status")
    page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_role("button", name="Status wijzigen"))
    page.keyboard.press("Enter")
    page.get_by_text("De status is gewijzigd.").wait_for()

    tab_to(page, "#id_kind")
    page.keyboard.press("End")
    tab_to(page, page.get_by_role("button", name="Soort opslaan"))
    page.keyboard.press("Enter")
    page.get_by_text("De soort incident is vastgelegd.").wait_for()

    tab_to(page, "#id_text")
    page.keyboard.type("Melder gebeld; de link is niet aangeklikt.")
    tab_to(page, page.get_by_role("button", name="Notitie toevoegen"))
    page.keyboard.press("Enter")
    page.get_by_text("De notitie is aan het logboek toegevoegd.").wait_for()

    incident.refresh_from_db()
    assert incident.status == Status.TRIAGE
    assert incident.kind != Kind.UNKNOWN
    logbook = page.get_by_test_id("logbook").inner_text()
    assert "Melder gebeld; de link is niet aangeklikt." in logbook


def test_report_form_works_without_javascript_and_keeps_what_was_typed(
    browser, live_server
) -> None:
    make_accounts()
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    page.goto(live_server.url + "/melden/")

    page.get_by_label("Wat is er gebeurd?").fill(DESCRIPTION)
    page.get_by_label("Wanneer heeft u het ontdekt?").fill(future)
    page.get_by_role("button", name="Melding versturen").click()

    summary = page.locator("[data-error-summary]")
    assert "Het tijdstip van ontdekken kan niet in de toekomst liggen" in (
        summary.inner_text()
    )
    assert page.get_by_label("Wat is er gebeurd?").input_value() == DESCRIPTION
    assert page.locator("#id_discovered_at_error").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")

    page.get_by_label("Wanneer heeft u het ontdekt?").fill("")
    page.get_by_role("button", name="Melding versturen").click()
    page.get_by_role("heading", name="Dank u wel: uw melding is ontvangen").wait_for()
    assert Incident.objects.get().reports.get().description == DESCRIPTION
    context.close()


def test_the_guided_procedure_can_be_followed_with_the_keyboard_alone(
    page, live_server
) -> None:
    from meldpunt.guidance.models import ProcedureRun

    # Nobody handles cases yet, so the CISO counts as unreachable.
    page.goto(live_server.url + "/melden/")
    tab_to(page, "#id_description")
    page.keyboard.type(DESCRIPTION)
    tab_to(page, page.get_by_role("button", name="Melding versturen"))
    page.keyboard.press("Enter")

    continue_link = page.get_by_role("link", name="Verder met de procedure")
    tab_to(page, continue_link)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Stap 2").wait_for()

    # Step 2: choose "(possibly) a data breach" with the arrow keys.
    tab_to(page, "#id_answer_0")
    while not page.locator("input[name=answer][value='data_breach']").is_checked():
        page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_role("button", name="Volgende"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Stap 3").wait_for()

    # Step 3: "yes, personal data" is the first answer.
    tab_to(page, "#id_answer_0")
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Volgende"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Stap 4").wait_for()

    run = ProcedureRun.objects.get()
    assert [a.answer_id for a in run.answers.order_by("position")][-2:] == [
        "data_breach",
        "yes",
    ]
    assert run.decision_due_at is not None
