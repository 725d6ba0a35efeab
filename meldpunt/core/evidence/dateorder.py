# SPDX-License-Identifier: EUPL-1.2
"""Decide whether a chat's numeric dates are day-, month- or year-first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .errors import EvidenceError
from .phrase import Phrase, gettext_noop

ORDERS = ("DMY", "MDY", "YMD")

DateParts = tuple[str, str, str]


def _same(where: int) -> int:
    return where


@dataclass
class DateEvidence:
    """Every date triple of a file, in order of appearance, with where it is.

    ``where`` is what the caller finds cheapest to note (a line number, or a
    position in the text); ``line_of`` turns it into the line number that a
    decision's reason or an error names, which is rarely needed.
    """

    line_of: Callable[[int], int] = _same
    triples: list[tuple[DateParts, int]] = field(default_factory=list)
    seen: set[DateParts] = field(default_factory=set)

    def add(self, parts: DateParts, where: int) -> None:
        if parts not in self.seen:
            self.seen.add(parts)
            self.triples.append((parts, where))


@dataclass(frozen=True)
class Decision:
    order: str
    ambiguous: bool
    reason: Phrase  # why this order, to fit in "read as DMY because ..."


@lru_cache(maxsize=8192)
def to_date(parts: DateParts, order: str) -> date | None:
    """The calendar date the parts mean in the given order, or None."""
    first, second, third = (int(part) for part in parts)
    if order == "YMD":
        year, month, day = first, second, third
    elif order == "DMY":
        day, month, year = first, second, third
    else:
        month, day, year = first, second, third
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def check_order(order: str | None) -> str | None:
    if order is None:
        return None
    upper = order.upper()
    if upper not in ORDERS:
        raise EvidenceError(
            Phrase(
                gettext_noop("date order %(order)s is not one of DMY, MDY, YMD"),
                order=repr(order),
            )
        )
    return upper


def decide(
    evidence: DateEvidence,
    requested: str | None,
    hint: Callable[[], tuple[str, Phrase]],
) -> Decision:
    """Pick the order: proof from the numbers first, then the caller, then hints.

    ``hint`` gives an order and its reason from the file's language and
    layout; it is only asked when nothing else decides.
    """
    if evidence.triples and len(evidence.triples[0][0][0]) == 4:
        return _year_first(evidence, requested)

    proof = _proof(evidence)
    if requested is not None:
        _refuse_contradiction(evidence, requested, proof)
        return Decision(
            requested, proof is None, Phrase(gettext_noop("given by the caller"))
        )
    if proof is not None:
        reason = Phrase(gettext_noop("line %(line)s proves it"), line=proof[1])
        return Decision(proof[0], False, reason)
    return _best_guess(evidence, *hint())


def _year_first(evidence: DateEvidence, requested: str | None) -> Decision:
    if requested not in (None, "YMD"):
        line = evidence.line_of(evidence.triples[0][1])
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "line %(line)s: the date starts with a four-digit year, so the "
                    "date order cannot be %(order)s"
                ),
                line=line,
                order=str(requested),
            )
        )
    return Decision("YMD", False, Phrase(gettext_noop("the year comes first")))


def _proof(evidence: DateEvidence) -> tuple[str, int] | None:
    for parts, where in evidence.triples:
        if int(parts[0]) > 12:
            return "DMY", evidence.line_of(where)
        if int(parts[1]) > 12:
            return "MDY", evidence.line_of(where)
    return None


def _refuse_contradiction(
    evidence: DateEvidence, requested: str, proof: tuple[str, int] | None
) -> None:
    for parts, where in evidence.triples:
        if to_date(parts, requested) is None:
            line, written = evidence.line_of(where), "/".join(parts)
            if proof is None:
                raise EvidenceError(
                    Phrase(
                        gettext_noop(
                            "line %(line)s: %(date)s is not a valid date in the "
                            "requested order %(order)s"
                        ),
                        line=line,
                        date=written,
                        order=requested,
                    )
                )
            raise EvidenceError(
                Phrase(
                    gettext_noop(
                        "line %(line)s: %(date)s is not a valid date in the "
                        "requested order %(order)s; line %(proof_line)s shows the "
                        "order is %(proof_order)s"
                    ),
                    line=line,
                    date=written,
                    order=requested,
                    proof_line=proof[1],
                    proof_order=proof[0],
                )
            )


def _best_guess(evidence: DateEvidence, hint: str, hint_reason: Phrase) -> Decision:
    backwards = {order: _backward_steps(evidence, order) for order in ("DMY", "MDY")}
    if backwards["DMY"] != backwards["MDY"]:
        order = min(backwards, key=lambda key: backwards[key])
        reason = Phrase(gettext_noop("only that order keeps the dates in sequence"))
        return Decision(order, True, reason)
    return Decision(hint, True, hint_reason)


def _backward_steps(evidence: DateEvidence, order: str) -> int:
    steps = 0
    previous: date | None = None
    for parts, _line in evidence.triples:
        current = to_date(parts, order)
        if current is None:
            return len(evidence.triples) + 1
        if previous is not None and current < previous:
            steps += 1
        previous = current
    return steps
