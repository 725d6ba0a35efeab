# SPDX-License-Identifier: EUPL-1.2
"""Whether the CISO can be reached, and so which path of the procedure applies.

The CISO counts as unreachable when every case handler (the CISO and the
deputies) is in an absence marked unreachable, or when a new report has had no
reaction from any of them for a configured time. Past a second threshold
(24 hours in the Kiesraad procedure) the reporter is guided through the
procedure instead of waiting.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Path(StrEnum):
    WAIT_FOR_CISO = "wait_for_ciso"
    GUIDED = "guided"


@dataclass(frozen=True)
class Absence:
    person: str
    starts_at: datetime
    ends_at: datetime | None
    reachable: bool

    def covers(self, moment: datetime) -> bool:
        return self.starts_at <= moment and (
            self.ends_at is None or moment < self.ends_at
        )


@dataclass(frozen=True)
class Availability:
    path: Path
    unreachable_since: datetime | None
    reason: str | None

    @property
    def reachable(self) -> bool:
        return self.unreachable_since is None


def _unreachable_since(
    person: str, absences: Sequence[Absence], now: datetime
) -> datetime | None:
    """Start of the unbroken run of unreachable absences that covers ``now``."""
    mine = sorted(
        (a for a in absences if a.person == person and not a.reachable),
        key=lambda a: a.starts_at,
    )
    current = [a for a in mine if a.covers(now)]
    if not current:
        return None

    since = min(a.starts_at for a in current)
    # Walk back over absences that end where (or after) the current run starts.
    for absence in reversed(mine):
        if absence.starts_at < since and (
            absence.ends_at is None or absence.ends_at >= since
        ):
            since = absence.starts_at
    return since


def assess_availability(
    *,
    handlers: Iterable[str],
    absences: Sequence[Absence],
    oldest_unanswered_report: datetime | None,
    now: datetime,
    no_reaction_after: timedelta,
    guide_after: timedelta,
) -> Availability:
    """Decide which path applies at ``now``, with the reason."""
    handler_list = list(handlers)
    signals: list[tuple[datetime, str]] = []

    starts = [_unreachable_since(person, absences, now) for person in handler_list]
    if not handler_list:
        signals.append((datetime.min.replace(tzinfo=now.tzinfo), "no_handlers"))
    elif all(start is not None for start in starts):
        signals.append((max(s for s in starts if s is not None), "all_absent"))

    waiting = oldest_unanswered_report
    if waiting is not None and now - waiting >= no_reaction_after:
        signals.append((waiting, "no_reaction"))

    if not signals:
        return Availability(Path.WAIT_FOR_CISO, None, None)
    since, reason = min(signals)
    path = Path.GUIDED if now - since > guide_after else Path.WAIT_FOR_CISO
    return Availability(path, since, reason)
