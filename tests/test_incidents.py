# SPDX-License-Identifier: EUPL-1.2
import itertools
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meldpunt.incidents import services
from meldpunt.incidents.workflow import TRANSITIONS, Kind, Status, can_transition
from meldpunt.logbook.models import EntryKind
from meldpunt.logbook.services import append_entry
from meldpunt.logbook.verification import verify_incident

pytestmark = pytest.mark.django_db
ALLOWED = {
    (Status.NEW, Status.TRIAGE),
    (Status.TRIAGE, Status.IN_PROGRESS),
    (Status.TRIAGE, Status.CLOSED),
    (Status.IN_PROGRESS, Status.CLOSED),
    (Status.CLOSED, Status.IN_PROGRESS),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(Status, Status)))
def test_workflow_allows_exactly_the_listed_transitions(current, target) -> None:
    assert can_transition(current, target) == ((current, target) in ALLOWED)


def test_every_status_has_a_row_in_the_transition_table() -> None:
    assert set(TRANSITIONS) == set(Status)


def test_references_count_up_per_year(make_report) -> None:
    year = timezone.localtime().year

    first, second = make_report().incident, make_report().incident

    assert first.reference == f"MP-{year}-0001"
    assert second.reference == f"MP-{year}-0002"


def test_every_change_writes_a_logbook_entry_that_chains(make_report, ciso) -> None:
    incident = make_report().incident

    services.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)
    services.classify_incident(incident=incident, kind=Kind.POSSIBLE_BREACH, actor=ciso)
    services.assign_handler(incident=incident, handler=ciso, actor=ciso)
    services.add_note(incident=incident, text="Ontvanger gebeld", actor=ciso)
    services.close_incident(
        incident=incident,
        resolution="Ontvanger heeft verwijderd.",
        solved_at=timezone.now() - timedelta(minutes=5),
        actor=ciso,
    )

    kinds = list(incident.logbook_entries.values_list("kind", flat=True))
    assert kinds == [
        EntryKind.COMMUNICATION,
        EntryKind.STATUS_CHANGE,
        EntryKind.DECISION,
        EntryKind.DECISION,
        EntryKind.NOTE,
        EntryKind.STATUS_CHANGE,
    ]
    assert set(incident.logbook_entries.values_list("author", flat=True)[1:]) == {
        ciso.pk
    }
    assert verify_incident(incident) is None


def test_a_forbidden_transition_is_refused_and_nothing_logged(
    make_report, ciso
) -> None:
    incident = make_report().incident

    with pytest.raises(ValidationError):
        services.change_status(incident=incident, status=Status.IN_PROGRESS, actor=ciso)

    incident.refresh_from_db()
    assert incident.status == Status.NEW
    assert incident.logbook_entries.count() == 1


def test_closing_in_the_future_is_refused(make_report, ciso) -> None:
    incident = make_report().incident
    services.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)

    with pytest.raises(ValidationError):
        services.close_incident(
            incident=incident,
            resolution="Opgelost",
            solved_at=timezone.now() + timedelta(hours=1),
            actor=ciso,
        )


def test_a_closed_case_can_be_reopened(make_report, ciso) -> None:
    incident = make_report().incident
    services.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)
    services.close_incident(
        incident=incident,
        resolution="Geen incident",
        solved_at=timezone.now(),
        actor=ciso,
    )

    services.change_status(incident=incident, status=Status.IN_PROGRESS, actor=ciso)

    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
    assert incident.closed_at is None


def test_tampering_with_an_entry_is_detected(make_report, ciso) -> None:
    incident = make_report().incident
    services.add_note(incident=incident, text="Origineel", actor=ciso)

    incident.logbook_entries.filter(sequence=2).update(text="Gewijzigd")

    broken = verify_incident(incident)
    assert broken is not None
    assert broken.sequence == 2


def test_a_correction_points_at_the_entry_it_corrects(make_report, ciso) -> None:
    incident = make_report().incident
    wrong = append_entry(
        incident=incident, actor=ciso, kind=EntryKind.NOTE, summary="Om 9:00"
    )

    correction = append_entry(
        incident=incident,
        actor=ciso,
        kind=EntryKind.NOTE,
        summary="Om 10:00",
        corrects=wrong,
    )

    assert correction.corrects == wrong
    assert list(wrong.corrections.all()) == [correction]


# The work list and the case page, through the browser's eyes.


def test_staff_without_a_handling_role_cannot_see_cases(client: Client, staff) -> None:
    client.force_login(staff)

    assert client.get(reverse("incidents:worklist")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(reverse("incidents:worklist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_worklist_shows_open_cases_newest_first(
    ciso_client: Client, make_report, ciso
) -> None:
    older, newer = make_report().incident, make_report().incident
    closed = make_report().incident
    services.change_status(incident=closed, status=Status.TRIAGE, actor=ciso)
    services.close_incident(
        incident=closed, resolution="Klaar", solved_at=timezone.now(), actor=ciso
    )

    page = ciso_client.get(reverse("incidents:worklist")).content.decode()

    assert page.index(newer.reference) < page.index(older.reference)
    assert closed.reference not in page


def test_unknown_case_reference_gives_a_clear_dutch_message(
    ciso_client: Client,
) -> None:
    response = ciso_client.get(reverse("incidents:detail", args=["MP-1999-9999"]))

    assert response.status_code == 404
    assert "Er is geen zaak met kenmerk MP-1999-9999." in response.content.decode()


def test_case_page_actions_change_the_case_and_its_logbook(
    ciso_client: Client, make_report, ciso
) -> None:
    incident = make_report().incident
    ref = incident.reference

    ciso_client.post(reverse("incidents:status", args=[ref]), {"status": Status.TRIAGE})
    ciso_client.post(reverse("incidents:classify", args=[ref]), {"kind": Kind.PHYSICAL})
    ciso_client.post(reverse("incidents:assign", args=[ref]), {"handler": ciso.pk})
    ciso_client.post(reverse("incidents:note", args=[ref]), {"text": "BVC gebeld"})
    solved = timezone.localtime() - timedelta(hours=1)
    response = ciso_client.post(
        reverse("incidents:close", args=[ref]),
        {
            "resolution": "Pas geblokkeerd",
            "solved_at": solved.strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )

    incident.refresh_from_db()
    assert (incident.status, incident.kind, incident.handler) == (
        Status.CLOSED,
        Kind.PHYSICAL,
        ciso,
    )
    assert incident.solved_at == solved.replace(second=0, microsecond=0)
    assert "BVC gebeld" in response.content.decode()
    assert incident.logbook_entries.count() == 6


def test_closing_without_resolution_shows_the_error_and_changes_nothing(
    ciso_client: Client, make_report, ciso
) -> None:
    incident = make_report().incident
    services.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)

    response = ciso_client.post(
        reverse("incidents:close", args=[incident.reference]), {"resolution": ""}
    )

    assert response.status_code == 400
    assert "Beschrijf hoe het incident is opgelost." in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == Status.TRIAGE


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_worklist_runs_the_same_number_of_queries_for_many_cases(
    ciso_client: Client, make_report, ciso
) -> None:
    for _ in range(2):
        services.assign_handler(
            incident=make_report().incident, handler=ciso, actor=ciso
        )
    few = _queries(ciso_client, reverse("incidents:worklist"))

    for _ in range(20):
        services.assign_handler(
            incident=make_report().incident, handler=ciso, actor=ciso
        )

    assert _queries(ciso_client, reverse("incidents:worklist")) == few


def test_case_page_runs_the_same_number_of_queries_for_a_long_logbook(
    ciso_client: Client, make_report, ciso
) -> None:
    incident = make_report().incident
    url = reverse("incidents:detail", args=[incident.reference])
    services.add_note(incident=incident, text="Eerste", actor=ciso)
    few = _queries(ciso_client, url)

    for number in range(25):
        entry = append_entry(
            incident=incident,
            actor=ciso,
            kind=EntryKind.NOTE,
            summary=f"Notitie {number}",
        )
        append_entry(
            incident=incident,
            actor=ciso,
            kind=EntryKind.NOTE,
            summary="Correctie",
            corrects=entry,
        )

    assert _queries(ciso_client, url) == few


def test_a_case_cannot_be_solved_before_it_was_discovered(make_report, ciso) -> None:
    discovered = timezone.now() - timedelta(days=1)
    incident = make_report(discovered_at=discovered).incident
    services.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)

    with pytest.raises(ValidationError, match="vóór de ontdekking"):
        services.close_incident(
            incident=incident,
            resolution="Opgelost",
            solved_at=discovered - timedelta(days=3),
            actor=ciso,
        )


def test_english_pages_show_dates_day_first_on_a_24_hour_clock(
    ciso_client: Client, make_report
) -> None:
    incident = make_report().incident
    ciso_client.post(reverse("set_language"), {"language": "en"})

    page = ciso_client.get(reverse("incidents:worklist")).content.decode()

    assert timezone.localtime(incident.reported_at).strftime("%d-%m-%Y %H:%M") in page


@pytest.mark.parametrize(
    "name",
    [
        "incidents:detail",
        "logbook:new_entry",
        "imports:upload",
        "assessments:assessment",
        "accounts:consult",
    ],
)
def test_every_case_page_answers_an_unknown_reference_in_dutch(
    ciso_client: Client, name: str
) -> None:
    response = ciso_client.get(reverse(name, args=["MP-1999-9999"]))

    assert response.status_code == 404
    assert "Er is geen zaak met kenmerk MP-1999-9999." in response.content.decode()


def test_an_unknown_import_is_answered_in_dutch(
    ciso_client: Client, make_report
) -> None:
    reference = make_report().incident.reference

    response = ciso_client.get(reverse("imports:preview", args=[reference, 999]))

    assert response.status_code == 404
    assert "Deze zaak heeft geen import met dit nummer." in response.content.decode()
