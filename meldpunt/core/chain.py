# SPDX-License-Identifier: EUPL-1.2
"""The hash chain of an incident's logbook, as plain data.

Each entry's hash covers its canonical content and the previous entry's hash,
so changing, removing or reordering any entry breaks every hash after it.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64


def canonical_bytes(content: Mapping[str, object]) -> bytes:
    """Serialise ``content`` the same way on every machine and every run."""
    return json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def entry_hash(content: Mapping[str, object], previous_hash: str) -> str:
    """Return the hex SHA-256 of ``content`` chained to ``previous_hash``."""
    digest = hashlib.sha256()
    digest.update(previous_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical_bytes(content))
    return digest.hexdigest()


@dataclass(frozen=True)
class ChainLink:
    sequence: int
    content: Mapping[str, object]
    previous_hash: str
    stored_hash: str


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def link_problem(
    link: ChainLink, expected_sequence: int, expected_previous: str
) -> str | None:
    """Why ``link`` does not continue the chain where it should, or ``None``."""
    if link.sequence != expected_sequence:
        return "sequence_gap"
    if link.previous_hash != expected_previous:
        return "previous_hash_mismatch"
    if entry_hash(link.content, link.previous_hash) != link.stored_hash:
        return "content_hash_mismatch"
    return None


def verify_chain(links: Iterable[ChainLink]) -> ChainBreak | None:
    """Return the first link that does not match, or ``None`` when all do."""
    expected_previous = GENESIS
    expected_sequence = 1
    for link in links:
        problem = link_problem(link, expected_sequence, expected_previous)
        if problem is not None:
            return ChainBreak(link.sequence, problem)
        expected_previous = link.stored_hash
        expected_sequence += 1
    return None


@dataclass(frozen=True)
class Anchor:
    """A chain head written down outside the database."""

    reference: str
    sequence: int
    entry_hash: str


def format_anchor(anchor: Anchor) -> str:
    return f"{anchor.reference}\t{anchor.sequence}\t{anchor.entry_hash}"


def parse_anchors(text: str) -> list[Anchor]:
    """Read the lines ``format_anchor`` wrote; ``#`` starts a comment line."""
    anchors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].isdigit() or len(parts[2]) != 64:
            raise ValueError(f"line {number} is not an anchor: {line[:80]!r}")
        anchors.append(Anchor(parts[0], int(parts[1]), parts[2]))
    return anchors


def anchors_digest(anchors: Iterable[Anchor]) -> str:
    """One hash over a set of anchors, short enough to read out or print."""
    lines = "\n".join(format_anchor(anchor) for anchor in anchors)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()
