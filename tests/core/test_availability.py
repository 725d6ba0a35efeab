# SPDX-License-Identifier: EUPL-1.2
from datetime import UTC, datetime, timedelta

from meldpunt.core.availability import Absence, Path, assess_availability

NOW = datetime(2026, 3, 6, 15, 0, tzinfo=UTC)
DAY = timedelta(hours=24)


def _assess(absences=(), handlers=("ciso", "deputy"), unanswered=None):
    return assess_availability(
        handlers=handlers,
        absences=list(absences),
        oldest_unanswered_report=unanswered,
        now=NOW,
        no_reaction_after=timedelta(hours=4),
        guide_after=DAY,
    )


def _away(person, hours_ago, hours_left=None, reachable=False):
    ends = None if hours_left is None else NOW + timedelta(hours=hours_left)
    return Absence(person, NOW - timedelta(hours=hours_ago), ends, reachable)


def test_ciso_at_work_means_wait_for_the_ciso() -> None:
    result = _assess()

    assert result.path is Path.WAIT_FOR_CISO
    assert result.reachable


def test_one_handler_present_keeps_the_ciso_reachable() -> None:
    assert _assess([_away("ciso", 48, 24)]).reachable


def test_all_handlers_away_less_than_a_day_still_waits() -> None:
    result = _assess([_away("ciso", 48, 24), _away("deputy", 10, 5)])

    assert result.path is Path.WAIT_FOR_CISO
    assert result.unreachable_since == NOW - timedelta(hours=10)
    assert result.reason == "all_absent"


def test_all_handlers_away_more_than_a_day_guides_the_reporter() -> None:
    result = _assess([_away("ciso", 48, 24), _away("deputy", 30)])

    assert result.path is Path.GUIDED


def test_an_absence_marked_reachable_does_not_count() -> None:
    result = _assess([_away("ciso", 48, reachable=True), _away("deputy", 48)])

    assert result.reachable


def test_back_to_back_absences_count_as_one_run() -> None:
    absences = [
        Absence("ciso", NOW - timedelta(hours=40), NOW - timedelta(hours=20), False),
        Absence("ciso", NOW - timedelta(hours=20), NOW + timedelta(hours=5), False),
    ]

    result = _assess(absences, handlers=["ciso"])

    assert result.unreachable_since == NOW - timedelta(hours=40)
    assert result.path is Path.GUIDED


def test_an_ended_absence_does_not_count() -> None:
    ended = Absence("ciso", NOW - timedelta(hours=50), NOW - timedelta(hours=1), False)

    assert _assess([ended], handlers=["ciso"]).reachable


def test_a_report_without_reaction_makes_the_ciso_unreachable() -> None:
    waiting = _assess(unanswered=NOW - timedelta(hours=5))
    guided = _assess(unanswered=NOW - timedelta(hours=25))

    assert (waiting.path, waiting.reason) == (Path.WAIT_FOR_CISO, "no_reaction")
    assert guided.path is Path.GUIDED


def test_a_recent_unanswered_report_is_not_yet_a_signal() -> None:
    assert _assess(unanswered=NOW - timedelta(hours=1)).reachable


def test_without_any_handler_the_reporter_is_guided() -> None:
    result = _assess(handlers=[])

    assert (result.path, result.reason) == (Path.GUIDED, "no_handlers")
