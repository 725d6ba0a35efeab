# SPDX-License-Identifier: EUPL-1.2
"""Check an incident's logbook against its hash chain and its evidence files."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from meldpunt.core.chain import (
    GENESIS,
    Anchor,
    ChainBreak,
    ChainLink,
    link_problem,
)
from meldpunt.incidents.models import Incident

from .models import ChainHead, Evidence, LogbookEntry
from .services import entry_content
from .storage import read_decrypted

REASONS = {
    "sequence_gap": _("an entry is missing or out of order before this one"),
    "previous_hash_mismatch": _("it does not point at the entry before it"),
    "content_hash_mismatch": _("its content was changed after it was recorded"),
    "evidence_missing": _("an evidence file is missing"),
    "evidence_unreadable": _("an evidence file cannot be decrypted"),
    "evidence_changed": _("an evidence file was changed after it was recorded"),
    "head_missing": _("the record of the last entry is missing"),
    "entries_missing_at_end": _("entries after this one were removed"),
    "head_mismatch": _("the last entry differs from the one recorded as last"),
    "anchor_missing": _("the anchored entry no longer exists"),
    "anchor_mismatch": _("the anchored entry was rewritten"),
}


@dataclass(frozen=True)
class ChainState:
    """The outcome of checking one incident's chain."""

    reference: str
    length: int
    head_hash: str
    problem: ChainBreak | None
    checked: int = 0  # entries checked: all of them, or the last ones

    @property
    def partial(self) -> bool:
        return self.checked < self.length

    @property
    def intact(self) -> bool:
        return self.problem is None

    @property
    def explanation(self) -> str:
        return str(REASONS[self.problem.reason]) if self.problem else ""


def _entries(incident: Incident, first: int = 1) -> list[LogbookEntry]:
    return list(
        LogbookEntry.objects.filter(incident=incident, sequence__gte=first)
        .select_related("incident", "corrects", "source_evidence")
        .prefetch_related("evidence")
        .order_by("sequence")
    )


def _link(entry: LogbookEntry) -> ChainLink:
    return ChainLink(
        sequence=entry.sequence,
        content=entry_content(entry, list(entry.evidence.all())),
        previous_hash=entry.previous_hash,
        stored_hash=entry.entry_hash,
    )


def chain_links(incident: Incident) -> list[ChainLink]:
    return [_link(entry) for entry in _entries(incident)]


def evidence_problem(item: Evidence) -> str | None:
    """Compare the stored file, decrypted, with the hash its entry covers."""
    try:
        data = read_decrypted(item.stored_name)
    except FileNotFoundError:
        return "evidence_missing"
    except ValueError:
        return "evidence_unreadable"
    if hashlib.sha256(data).hexdigest() != item.sha256 or len(data) != item.size:
        return "evidence_changed"
    return None


def _entry_problem(entry: LogbookEntry, sequence: int, previous: str) -> str | None:
    problem = link_problem(_link(entry), sequence, previous)
    if problem is not None:
        return problem
    for item in entry.evidence.all():
        problem = evidence_problem(item)
        if problem is not None:
            return problem
    return None


def _head_problem(incident: Incident, entries: list[LogbookEntry]) -> ChainBreak | None:
    head = ChainHead.objects.filter(incident=incident).first()
    last = entries[-1] if entries else None
    if head is None:
        return ChainBreak(last.sequence, "head_missing") if last else None
    if last is None or head.sequence > last.sequence:
        return ChainBreak(last.sequence if last else 0, "entries_missing_at_end")
    if (head.sequence, head.entry_hash) != (last.sequence, last.entry_hash):
        return ChainBreak(last.sequence, "head_mismatch")
    return None


def check_incident(incident: Incident, *, last: int | None = None) -> ChainState:
    """Check every entry (or the last ``last``), their evidence and the head.

    A page checks only the latest entries of a long logbook, each against the
    one before it; ``meldpunt logbook verify`` and the dossier check them all.
    """
    first = 1
    if last is not None:
        entries_of_case = LogbookEntry.objects.filter(incident=incident)
        length = entries_of_case.aggregate(Max("sequence"))["sequence__max"] or 0
        first = max(1, length - last + 1)
    entries = _entries(incident, first)
    previous = GENESIS
    if first > 1:
        before = LogbookEntry.objects.filter(incident=incident, sequence=first - 1)
        previous = before.values_list("entry_hash", flat=True).first() or ""
    problem: ChainBreak | None = None
    for expected, entry in enumerate(entries, start=first):
        reason = _entry_problem(entry, expected, previous)
        if reason is not None:
            problem = ChainBreak(entry.sequence, reason)
            break
        previous = entry.entry_hash

    problem = problem or _head_problem(incident, entries)
    return ChainState(
        reference=incident.reference,
        length=first - 1 + len(entries),
        head_hash=entries[-1].entry_hash if entries else GENESIS,
        problem=problem,
        checked=len(entries),
    )


def verify_incident(incident: Incident) -> ChainBreak | None:
    return check_incident(incident).problem


def check_anchors(anchors: Iterable[Anchor]) -> list[tuple[Anchor, str]]:
    """The anchors the database no longer agrees with, each with its reason."""
    failures = []
    for anchor in anchors:
        stored = (
            LogbookEntry.objects.filter(
                incident__reference=anchor.reference, sequence=anchor.sequence
            )
            .values_list("entry_hash", flat=True)
            .first()
        )
        if stored is None:
            failures.append((anchor, "anchor_missing"))
        elif stored != anchor.entry_hash:
            failures.append((anchor, "anchor_mismatch"))
    return failures
