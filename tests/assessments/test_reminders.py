# SPDX-License-Identifier: EUPL-1.2
"""Reminders before the deadline and escalation after it: each exactly once."""

import threading
import time
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction

from meldpunt.accounts.roles import Role
from meldpunt.assessments.models import SentReminder
from meldpunt.assessments.reminders import send_due_reminders
from meldpunt.assessments.services import record_decision, record_facts
from meldpunt.incidents.services import assign_handler
from meldpunt.logbook.models import EntryKind
from meldpunt.logbook.verification import verify_incident

DISCOVERED = datetime.fromisoformat("2026-03-28T22:30:00+01:00")
DEADLINE = datetime.fromisoformat("2026-03-31T23:30:00+02:00")


@pytest.fixture
def people(db, make_user):
    made = {
        "handler": make_user("ciso", Role.CISO),
        "director": make_user("directeur", Role.DIRECTOR),
        "fg": make_user("fg", Role.FG),
        "deputy": make_user("plaatsvervanger", Role.DEPUTY_CISO),
    }
    for name, user in made.items():
        user.email = f"{name}@kiesraad.example"
        user.save()
    return made


@pytest.fixture
def case(make_incident, people):
    incident = make_incident(discovered_at=DISCOVERED)
    assign_handler(
        incident=incident, handler=people["handler"], actor=people["handler"]
    )
    return incident


def _run_at(moment: datetime, capture) -> int:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return send_due_reminders()


def _reminder_entries(incident):
    return incident.logbook_entries.filter(kind=EntryKind.COMMUNICATION)


@pytest.mark.django_db
def test_nothing_is_sent_more_than_48_hours_before_the_deadline(
    case, django_capture_on_commit_callbacks
) -> None:
    sent = _run_at(
        DEADLINE - timedelta(hours=48, minutes=1), django_capture_on_commit_callbacks
    )

    assert sent == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_48_hour_reminder_goes_to_handler_director_and_fg_once(
    case, django_capture_on_commit_callbacks
) -> None:
    moment = DEADLINE - timedelta(hours=47)

    first = _run_at(moment, django_capture_on_commit_callbacks)
    second = _run_at(moment + timedelta(minutes=5), django_capture_on_commit_callbacks)

    assert (first, second) == (1, 0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "director@kiesraad.example",
        "fg@kiesraad.example",
        "handler@kiesraad.example",
    ]
    assert case.reference in mail.outbox[0].subject
    assert "nog 1 dag en 23 uur" in mail.outbox[0].subject
    entry = _reminder_entries(case).get()
    assert entry.summary.startswith("Herinnering verstuurd")
    assert "fg@kiesraad.example" in entry.participants
    assert verify_incident(case) is None


@pytest.mark.django_db
def test_each_reminder_point_is_sent_once_as_the_deadline_nears(
    case, django_capture_on_commit_callbacks
) -> None:
    for hours_left in (47, 40, 23, 20, 5, 1):
        _run_at(
            DEADLINE - timedelta(hours=hours_left), django_capture_on_commit_callbacks
        )

    points = SentReminder.objects.filter(incident=case).values_list("point", flat=True)
    assert sorted(points) == ["24", "48", "6"]
    assert len(mail.outbox) == 9


@pytest.mark.django_db
def test_a_worker_that_was_down_sends_only_the_latest_reminder(
    case, django_capture_on_commit_callbacks
) -> None:
    _run_at(DEADLINE - timedelta(hours=5), django_capture_on_commit_callbacks)

    assert list(SentReminder.objects.values_list("point", flat=True)) == ["6"]
    assert _reminder_entries(case).count() == 1


@pytest.mark.django_db
def test_a_passed_deadline_without_decision_escalates_to_the_deputies(
    case, django_capture_on_commit_callbacks
) -> None:
    _run_at(DEADLINE + timedelta(minutes=1), django_capture_on_commit_callbacks)
    _run_at(DEADLINE + timedelta(hours=3), django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["deputy@kiesraad.example"]]
    assert "Termijn verstreken" in mail.outbox[0].subject
    entry = _reminder_entries(case).get()
    assert entry.summary.startswith("Termijn verstreken zonder besluit")


@pytest.mark.django_db
def test_a_recorded_decision_stops_reminders_and_escalation(
    case, people, scenario_facts, django_capture_on_commit_callbacks
) -> None:
    record_facts(incident=case, facts=scenario_facts, actor=people["handler"])
    record_decision(
        incident=case,
        notify_authority=True,
        notify_subjects=True,
        subjects_channel="individual",
        reasons="",
        consulted="FG",
        delay_reasons="",
        actor=people["handler"],
        now=DEADLINE - timedelta(hours=50),
    )

    _run_at(DEADLINE - timedelta(hours=5), django_capture_on_commit_callbacks)
    _run_at(DEADLINE + timedelta(hours=1), django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not SentReminder.objects.exists()


@pytest.mark.django_db
def test_new_facts_that_move_the_deadline_get_their_own_reminders(
    case, people, scenario_facts, django_capture_on_commit_callbacks
) -> None:
    _run_at(DEADLINE - timedelta(hours=47), django_capture_on_commit_callbacks)
    earlier = {**scenario_facts, "aware_at": "2026-03-28T12:30:00+01:00"}
    record_facts(incident=case, facts=earlier, actor=people["handler"])

    _run_at(DEADLINE - timedelta(hours=46), django_capture_on_commit_callbacks)

    due = SentReminder.objects.order_by("sent_at").values_list("due_at", "point")
    assert [(d.isoformat(), p) for d, p in due] == [
        ("2026-03-31T21:30:00+00:00", "48"),
        ("2026-03-31T11:30:00+00:00", "48"),
    ]


@pytest.mark.django_db
def test_nis2_clocks_get_reminders_when_the_regime_applies(
    case, settings, django_capture_on_commit_callbacks
) -> None:
    settings.MELDPUNT_NIS2 = True

    _run_at(DISCOVERED + timedelta(hours=19), django_capture_on_commit_callbacks)

    clocks = set(SentReminder.objects.values_list("clock", "point"))
    assert clocks == {("nis2_early_warning", "6")}


@pytest.mark.django_db
def test_reminder_hours_are_configurable(
    case, settings, django_capture_on_commit_callbacks
) -> None:
    settings.MELDPUNT_REMINDER_HOURS = [12.5]

    early = _run_at(DEADLINE - timedelta(hours=13), django_capture_on_commit_callbacks)
    late = _run_at(DEADLINE - timedelta(hours=12), django_capture_on_commit_callbacks)

    assert (early, late) == (0, 1)
    assert SentReminder.objects.get().point == "12.5"


@pytest.mark.django_db
def test_the_reminders_command_sends_what_is_due(case, capsys) -> None:
    with time_machine.travel(DEADLINE - timedelta(hours=20), tick=False):
        call_command("reminders")

    assert capsys.readouterr().out.strip() == "1 reminders sent"
    assert SentReminder.objects.get().point == "24"


@pytest.mark.django_db
def test_the_worker_sends_what_is_due_without_being_asked(case) -> None:
    with time_machine.travel(DEADLINE - timedelta(hours=20), tick=False):
        call_command("worker", "--once")

    assert SentReminder.objects.get().point == "24"


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_send_each_reminder_once(
    case,
) -> None:
    """Runs on SQLite and on PostgreSQL (DATABASE_URL): the constraint decides."""
    moment = DEADLINE - timedelta(hours=23)
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            results.append(send_due_reminders(moment))
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == [0, 1]
    assert SentReminder.objects.count() == 1
    assert len(mail.outbox) == 3
    assert _reminder_entries(case).count() == 1
    assert verify_incident(case) is None


@pytest.mark.django_db(transaction=True)
def test_a_second_worker_waits_for_the_first_and_then_sends_nothing(case) -> None:
    """The first worker holds its transaction open while the second one runs."""
    moment = DEADLINE - timedelta(hours=23)
    first_inside = threading.Event()
    results: dict[str, int] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                results["first"] = send_due_reminders(moment)
                first_inside.set()
                time.sleep(0.5)
        finally:
            first_inside.set()
            connection.close()

    def second() -> None:
        try:
            first_inside.wait()
            results["second"] = send_due_reminders(moment)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == {"first": 1, "second": 0}
    assert SentReminder.objects.count() == 1
    assert len(mail.outbox) == 3
