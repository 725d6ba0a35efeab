# SPDX-License-Identifier: EUPL-1.2
"""Decode mail header values the way senders meant them, not only per RFC.

Mail programs split one name over several RFC 2047 encoded words, cut a
multi-byte character in two across them, or put raw UTF-8 or windows-1252
bytes in a header. The standard library's decoder handles some of this; this
module handles all of it in one place so every header is read alike.
"""

from __future__ import annotations

import binascii
import codecs
import re
from datetime import datetime
from email.utils import getaddresses, parsedate_to_datetime

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])")


def unfold(raw: str) -> str:
    return _FOLD.sub("", raw)


def restore_8bit(value: str) -> str:
    """Undo the surrogate escapes the parser uses for raw 8-bit header bytes."""
    if not any("\udc80" <= char <= "\udcff" for char in value):
        return value
    data = value.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1252", "replace")


def decode_words(raw: str) -> str:
    """Decode RFC 2047 words; adjacent words are joined before decoding."""
    value = restore_8bit(unfold(raw))
    if "=?" not in value:
        return value.strip()

    pieces: list[str] = []
    pending: tuple[str, bytes] | None = None
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        if pending is None or between.strip():
            pieces.append(_flush(pending) + between)
            pending = None
        payload = _word_bytes(match[2], match[3])
        if payload is None:
            pieces.append(_flush(pending) + match[0])
            pending = None
        elif pending is not None and pending[0] == match[1].lower():
            pending = (pending[0], pending[1] + payload)
        else:
            pieces.append(_flush(pending))
            pending = (match[1].lower(), payload)
        position = match.end()
    pieces.append(_flush(pending) + value[position:])
    return "".join(pieces).strip()


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    try:
        if encoding in "Qq":
            return binascii.a2b_qp(payload.encode("ascii", "replace"), header=True)
        padded = payload + "=" * (-len(payload) % 4)
        return binascii.a2b_base64(padded.encode("ascii", "replace"))
    except (binascii.Error, ValueError):
        return None


def _flush(pending: tuple[str, bytes] | None) -> str:
    if pending is None:
        return ""
    charset, data = pending
    charset = charset.split("*", 1)[0]
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        return data.decode("windows-1252", "replace")


def addresses(raw_values: list[str]) -> list[tuple[str, str]]:
    """(display name, address) pairs with display names decoded."""
    unfolded = [restore_8bit(unfold(raw)) for raw in raw_values]
    return [
        (decode_words(name), address)
        for name, address in getaddresses(unfolded)
        if name or address
    ]


def shown(name: str, address: str) -> str:
    if name and address:
        return f"{name} <{address}>"
    return name or address


def parse_date(raw: str) -> datetime | None:
    try:
        return parsedate_to_datetime(restore_8bit(unfold(raw)).strip())
    except (TypeError, ValueError, IndexError):
        return None
