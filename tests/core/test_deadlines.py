# SPDX-License-Identifier: EUPL-1.2
"""Deadlines in exact hours across clock changes, and in calendar months."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from meldpunt.core.deadlines import (
    Deadline,
    add_hours,
    add_months,
    authority_deadline,
    authority_notification,
    ciso_unreachable_at,
    describe_time_left,
    elapsed,
    is_ciso_unreachable,
    nis2_deadlines,
    reminders_due,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def local(
    year: int, month: int, day: int, hour: int, minute: int, *, fold: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM, fold=fold)


@pytest.mark.parametrize(
    ("aware", "due"),
    [
        ("2026-03-28T22:30:00+01:00", "2026-03-31T23:30:00+02:00"),
        ("2026-10-24T12:00:00+02:00", "2026-10-27T11:00:00+01:00"),
        ("2026-12-30T15:00:00+01:00", "2027-01-02T15:00:00+01:00"),
        ("2026-03-29T01:59:00+01:00", "2026-04-01T02:59:00+02:00"),
        ("2026-10-25T02:30:00+02:00", "2026-10-28T01:30:00+01:00"),
        ("2026-06-01T08:00:00Z", "2026-06-04T10:00:00+02:00"),
    ],
)
def test_authority_deadline_is_exactly_72_hours_in_amsterdam_time(
    aware: str, due: str
) -> None:
    deadline = authority_deadline(at(aware))

    assert deadline.isoformat() == due
    assert elapsed(at(aware), deadline) == timedelta(hours=72)


def test_authority_deadline_hours_and_zone_are_parameters() -> None:
    deadline = authority_deadline(
        at("2026-03-28T22:30:00+01:00"), hours=48, zone=ZoneInfo("UTC")
    )

    assert deadline.isoformat() == "2026-03-30T21:30:00+00:00"


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        authority_deadline(datetime(2026, 3, 28, 22, 30))


def test_deadline_is_overdue_only_after_it_has_passed() -> None:
    deadline = authority_notification(at("2026-03-28T22:30:00+01:00"))

    assert not deadline.is_overdue(at("2026-03-31T23:30:00+02:00"))
    assert deadline.is_overdue(at("2026-03-31T23:30:01+02:00"))
    assert deadline.is_overdue(at("2026-03-31T21:30:01+00:00"))


def test_time_left_is_exact_across_the_autumn_clock_change() -> None:
    deadline = Deadline("authority", local(2026, 10, 25, 3, 30))

    assert deadline.time_left(local(2026, 10, 25, 1, 30)) == timedelta(hours=3)
    assert deadline.time_left(local(2026, 10, 25, 2, 30, fold=1)) == timedelta(hours=1)


def test_add_hours_counts_elapsed_time_not_wall_clock_time() -> None:
    assert add_hours(local(2026, 3, 29, 1, 0), 2).isoformat() == (
        "2026-03-29T04:00:00+02:00"
    )
    assert add_hours(local(2026, 10, 25, 1, 0), 2).isoformat() == (
        "2026-10-25T02:00:00+01:00"
    )


def test_ciso_counts_as_unreachable_after_24_hours() -> None:
    since = at("2026-03-28T20:00:00+01:00")

    assert ciso_unreachable_at(since).isoformat() == "2026-03-29T21:00:00+02:00"
    assert not is_ciso_unreachable(since, at("2026-03-29T21:00:00+02:00"))
    assert is_ciso_unreachable(since, at("2026-03-29T21:00:01+02:00"))


def test_ciso_threshold_is_configurable() -> None:
    since = at("2026-05-01T09:00:00+02:00")

    assert is_ciso_unreachable(since, at("2026-05-01T13:00:01+02:00"), hours=4)
    assert not is_ciso_unreachable(since, at("2026-05-01T13:00:01+02:00"))


def test_nis2_clocks_run_from_awareness() -> None:
    clocks = nis2_deadlines(at("2026-03-27T10:00:00+01:00"))

    assert clocks.early_warning.due_at.isoformat() == "2026-03-28T10:00:00+01:00"
    assert clocks.incident_notification.due_at.isoformat() == (
        "2026-03-30T11:00:00+02:00"
    )
    assert clocks.final_report.due_at.isoformat() == "2026-04-30T11:00:00+02:00"


@pytest.mark.parametrize(
    ("notified", "report"),
    [
        ("2026-01-31T10:00:00+01:00", "2026-02-28T10:00:00+01:00"),
        ("2028-01-31T10:00:00+01:00", "2028-02-29T10:00:00+01:00"),
        ("2026-03-31T09:00:00+02:00", "2026-04-30T09:00:00+02:00"),
        ("2026-12-15T16:00:00+01:00", "2027-01-15T16:00:00+01:00"),
        ("2026-09-30T12:00:00+02:00", "2026-10-30T12:00:00+01:00"),
        ("2027-02-28T02:30:00+01:00", "2027-03-28T03:30:00+02:00"),
    ],
)
def test_nis2_final_report_is_due_a_calendar_month_after_notification(
    notified: str, report: str
) -> None:
    clocks = nis2_deadlines(at("2026-01-01T00:00:00+01:00"), notified_at=at(notified))

    assert clocks.final_report.due_at.isoformat() == report


def test_nis2_thresholds_are_parameters() -> None:
    clocks = nis2_deadlines(
        at("2026-01-05T09:00:00+01:00"),
        early_warning_hours=12,
        notification_hours=48,
        final_report_months=2,
    )

    assert clocks.early_warning.due_at.isoformat() == "2026-01-05T21:00:00+01:00"
    assert clocks.incident_notification.due_at.isoformat() == (
        "2026-01-07T09:00:00+01:00"
    )
    assert clocks.final_report.due_at.isoformat() == "2026-03-07T09:00:00+01:00"


def test_add_months_keeps_the_ambiguous_autumn_hour_on_summer_time() -> None:
    moment = add_months(at("2026-09-25T02:30:00+02:00"), 1)

    assert moment.isoformat() == "2026-10-25T02:30:00+02:00"


@pytest.mark.parametrize(
    ("left", "dutch", "english"),
    [
        (timedelta(days=2, hours=3), "nog 2 dagen en 3 uur", "2 days 3 hours left"),
        (timedelta(days=1), "nog 1 dag", "1 day left"),
        (
            timedelta(hours=5, minutes=20),
            "nog 5 uur en 20 minuten",
            "5 hours 20 minutes left",
        ),
        (
            timedelta(hours=1, minutes=1),
            "nog 1 uur en 1 minuut",
            "1 hour 1 minute left",
        ),
        (timedelta(minutes=59, seconds=59), "nog 59 minuten", "59 minutes left"),
        (timedelta(seconds=30), "nog minder dan een minuut", "less than a minute left"),
        (timedelta(hours=-17), "17 uur te laat", "17 hours overdue"),
        (
            -timedelta(days=3, hours=1),
            "3 dagen en 1 uur te laat",
            "3 days 1 hour overdue",
        ),
    ],
)
def test_time_left_reads_as_words(left: timedelta, dutch: str, english: str) -> None:
    assert describe_time_left(left) == dutch
    assert describe_time_left(left, "en") == english


def test_time_left_in_words_rounds_down() -> None:
    left = timedelta(days=2, hours=2, minutes=59, seconds=59)

    assert describe_time_left(left) == "nog 2 dagen en 2 uur"


def test_deadline_describes_itself_across_the_spring_clock_change() -> None:
    deadline = authority_notification(at("2026-03-28T22:30:00+01:00"))

    assert deadline.describe(at("2026-03-28T22:30:00+01:00")) == "nog 3 dagen"
    assert deadline.describe(at("2026-04-01T16:30:00+02:00"), "en") == (
        "17 hours overdue"
    )


def test_unknown_language_for_time_left_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        describe_time_left(timedelta(hours=1), "fr")


@pytest.mark.parametrize(
    ("now", "due"),
    [
        ("2026-03-29T23:29:00+02:00", ()),
        ("2026-03-29T23:30:00+02:00", (48,)),
        ("2026-03-30T23:30:00+02:00", (48, 24)),
        ("2026-03-31T17:30:00+02:00", (48, 24, 6)),
        ("2026-04-02T00:00:00+02:00", (48, 24, 6)),
    ],
)
def test_reminders_fall_due_at_their_points_before_the_deadline(
    now: str, due: tuple[int, ...]
) -> None:
    deadline = at("2026-03-31T23:30:00+02:00")

    assert reminders_due(deadline, at(now)) == due


def test_reminder_points_count_exact_hours_across_the_clock_change() -> None:
    deadline = local(2026, 3, 30, 12, 0)

    assert reminders_due(deadline, local(2026, 3, 28, 11, 30)) == (48,)


def test_reminder_points_are_configurable() -> None:
    deadline = Deadline("authority", at("2026-05-04T12:00:00+02:00"))

    assert deadline.reminders_due(at("2026-05-04T10:00:00+02:00"), (72, 2, 1)) == (
        72,
        2,
    )
