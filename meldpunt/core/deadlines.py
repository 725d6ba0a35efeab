# SPDX-License-Identifier: EUPL-1.2
"""Deadlines of the incident procedure, counted in exact elapsed hours.

Hours are added on the UTC time line and the result is shown in local time
with its offset, so a deadline across a clock change is neither an hour early
nor an hour late. Calendar months (the NIS2 final report) are counted on the
local calendar instead, as the law counts them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")

#: GDPR Art. 33(1): notify the authority within 72 hours of becoming aware.
AUTHORITY_HOURS = 72
#: The procedure's threshold after which an absent CISO counts as unreachable.
CISO_UNREACHABLE_HOURS = 24
#: NIS2 Art. 23(4) / Cyberbeveiligingswet: early warning, incident notification.
EARLY_WARNING_HOURS = 24
INCIDENT_NOTIFICATION_HOURS = 72
FINAL_REPORT_MONTHS = 1
#: Reminder points, in hours before a deadline.
REMINDER_HOURS = (48, 24, 6)


def _aware(moment: datetime, name: str) -> None:
    if moment.utcoffset() is None:
        raise ValueError(f"{name} must carry a UTC offset")


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Exact time from `start` to `end`.

    Python subtracts two times of the same zone by their wall clocks, which is
    an hour off across a clock change; on the UTC time line it is exact.
    """
    _aware(start, "start")
    _aware(end, "end")
    return end.astimezone(UTC) - start.astimezone(UTC)


def add_hours(
    start: datetime, hours: float, *, zone: ZoneInfo = LOCAL_ZONE
) -> datetime:
    """`start` plus exactly `hours` elapsed hours, in `zone` local time."""
    _aware(start, "start")
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(zone)


def add_months(
    start: datetime, months: int, *, zone: ZoneInfo = LOCAL_ZONE
) -> datetime:
    """The same local clock time `months` calendar months on (31 Jan -> 28/29 Feb).

    A local time that does not exist that day (the spring clock change) moves
    forward by the gap; an ambiguous one takes the earlier (summer) offset.
    """
    _aware(start, "start")
    local = start.astimezone(zone)
    month_index = local.month - 1 + months
    year, month = local.year + month_index // 12, month_index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    wall = local.replace(year=year, month=month, day=day, fold=0)
    return wall.astimezone(UTC).astimezone(zone)


@dataclass(frozen=True)
class Deadline:
    """A moment by which something must be done."""

    name: str
    due_at: datetime

    def is_overdue(self, now: datetime) -> bool:
        """True once the deadline has passed (then the delay must be explained)."""
        return self.time_left(now) < timedelta(0)

    def time_left(self, now: datetime) -> timedelta:
        """Exact time until the deadline; negative once it has passed."""
        return elapsed(now, self.due_at)

    def describe(self, now: datetime, language: str = "nl") -> str:
        """The time left (or overdue) in words, e.g. "nog 2 dagen en 3 uur"."""
        return describe_time_left(self.time_left(now), language)

    def reminders_due(
        self, now: datetime, hours_before: Iterable[float] = REMINDER_HOURS
    ) -> tuple[float, ...]:
        """The reminder points (hours before the deadline) that have been reached."""
        return reminders_due(self.due_at, now, hours_before)


@dataclass(frozen=True)
class Nis2Deadlines:
    """The three NIS2 reporting moments for a significant incident."""

    early_warning: Deadline
    incident_notification: Deadline
    final_report: Deadline


def authority_deadline(
    aware_at: datetime, *, hours: float = AUTHORITY_HOURS, zone: ZoneInfo = LOCAL_ZONE
) -> datetime:
    """When the notification to the data protection authority is due."""
    return add_hours(aware_at, hours, zone=zone)


def authority_notification(
    aware_at: datetime, *, hours: float = AUTHORITY_HOURS, zone: ZoneInfo = LOCAL_ZONE
) -> Deadline:
    """The GDPR Art. 33 deadline as a `Deadline`."""
    return Deadline("authority", authority_deadline(aware_at, hours=hours, zone=zone))


def ciso_unreachable_at(
    since: datetime,
    *,
    hours: float = CISO_UNREACHABLE_HOURS,
    zone: ZoneInfo = LOCAL_ZONE,
) -> datetime:
    """From when the CISO counts as unreachable, having been so since `since`."""
    return add_hours(since, hours, zone=zone)


def is_ciso_unreachable(
    since: datetime, now: datetime, *, hours: float = CISO_UNREACHABLE_HOURS
) -> bool:
    """True when the CISO has been unreachable for more than `hours`."""
    return elapsed(ciso_unreachable_at(since, hours=hours), now) > timedelta(0)


def nis2_deadlines(
    aware_at: datetime,
    *,
    notified_at: datetime | None = None,
    early_warning_hours: float = EARLY_WARNING_HOURS,
    notification_hours: float = INCIDENT_NOTIFICATION_HOURS,
    final_report_months: int = FINAL_REPORT_MONTHS,
    zone: ZoneInfo = LOCAL_ZONE,
) -> Nis2Deadlines:
    """NIS2 / Cyberbeveiligingswet: early warning, notification, final report.

    The final report is due a calendar month after the incident notification:
    after `notified_at` when it was sent, else after the notification deadline.
    """
    notification = add_hours(aware_at, notification_hours, zone=zone)
    report_base = notified_at if notified_at is not None else notification
    return Nis2Deadlines(
        early_warning=Deadline(
            "early_warning", add_hours(aware_at, early_warning_hours, zone=zone)
        ),
        incident_notification=Deadline("incident_notification", notification),
        final_report=Deadline(
            "final_report", add_months(report_base, final_report_months, zone=zone)
        ),
    )


def reminders_due(
    due_at: datetime, now: datetime, hours_before: Iterable[float] = REMINDER_HOURS
) -> tuple[float, ...]:
    """Reminder points (hours before `due_at`) reached at `now`, largest first.

    The caller remembers which reminders it sent; asking twice is harmless.
    """
    left = elapsed(now, due_at)
    reached = (h for h in hours_before if left <= timedelta(hours=h))
    return tuple(sorted(reached, reverse=True))


_UNITS = {
    "nl": {
        "day": ("dag", "dagen"),
        "hour": ("uur", "uur"),
        "minute": ("minuut", "minuten"),
    },
    "en": {
        "day": ("day", "days"),
        "hour": ("hour", "hours"),
        "minute": ("minute", "minutes"),
    },
}


_LESS_THAN_A_MINUTE = {"nl": "minder dan een minuut", "en": "less than a minute"}


def describe_time_left(left: timedelta, language: str = "nl") -> str:
    """Words for a time left: "nog 2 dagen en 3 uur" / "2 days 3 hours left".

    A negative time reads as overdue: "17 uur te laat" / "17 hours overdue".
    Whole minutes only, rounded down: the words never promise more time.
    """
    if language not in _UNITS:
        raise ValueError("language must be 'nl' or 'en'")

    overdue = left < timedelta(0)
    minutes = int(abs(left) // timedelta(minutes=1))
    amount = _amount(minutes, language) if minutes else _LESS_THAN_A_MINUTE[language]
    if language == "nl":
        return f"{amount} te laat" if overdue else f"nog {amount}"
    return f"{amount} overdue" if overdue else f"{amount} left"


def _amount(minutes: int, language: str) -> str:
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        parts = [_unit(days, "day", language), _unit(hours, "hour", language)]
    elif hours:
        parts = [_unit(hours, "hour", language), _unit(mins, "minute", language)]
    else:
        parts = [_unit(mins, "minute", language)]

    shown = [part for part in parts if part] or [
        _unit(0, "minute", language, keep=True)
    ]
    joiner = " en " if language == "nl" else " "
    return joiner.join(shown)


def _unit(count: int, unit: str, language: str, *, keep: bool = False) -> str:
    if count == 0 and not keep:
        return ""
    singular, plural = _UNITS[language][unit]
    return f"{count} {singular if count == 1 else plural}"
