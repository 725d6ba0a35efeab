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


def verify_chain(links: Iterable[ChainLink]) -> ChainBreak | None:
    """Return the first link that does not match, or ``None`` when all do."""
    expected_previous = GENESIS
    expected_sequence = 1
    for link in links:
        if link.sequence != expected_sequence:
            return ChainBreak(link.sequence, "sequence_gap")
        if link.previous_hash != expected_previous:
            return ChainBreak(link.sequence, "previous_hash_mismatch")
        if entry_hash(link.content, link.previous_hash) != link.stored_hash:
            return ChainBreak(link.sequence, "content_hash_mismatch")
        expected_previous = link.stored_hash
        expected_sequence += 1
    return None
