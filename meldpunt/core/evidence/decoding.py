# SPDX-License-Identifier: EUPL-1.2
"""Turn the bytes of a text export into text, refusing what is not text."""

from __future__ import annotations

import codecs
from collections.abc import Iterator

from .errors import EvidenceError
from .phrase import Phrase, gettext_noop

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\x0c")
_CONTROLS = bytes(byte for byte in range(32) if byte not in _ALLOWED_CONTROLS)
_SNIFF_SIZE = 65536


def looks_binary(data: bytes) -> bool:
    """True when the start of the data holds NUL or many control bytes."""
    sample = data[:_SNIFF_SIZE]
    if any(sample.startswith(bom) for bom, _, _ in _BOMS[1:]):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > max(4, len(sample) // 100)


def split_lines(text: str, maxsplit: int) -> Iterator[str]:
    """What ``text.split("\n", maxsplit)`` holds, one at a time.

    For sniffing the start of a file: the rest of a long text is only copied
    when the caller reads that far.
    """
    start = 0
    for _ in range(maxsplit):
        end = text.find("\n", start)
        if end < 0:
            break
        yield text[start:end]
        start = end + 1
    yield text[start:]


def decode_text(data: bytes, filename: str) -> tuple[str, str, list[Phrase]]:
    """Return (text, encoding name, warnings) for a text export.

    A byte-order mark decides; otherwise strict UTF-8, and a file that is not
    valid UTF-8 is read as windows-1252 (what "save as ANSI" writes).
    """
    if looks_binary(data):
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: the file holds binary data, not the text of an export"
                ),
                file=filename,
            )
        )

    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, codec, name, filename), name, []

    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return _decode_legacy(data, filename, line)


def _decode_strict(data: bytes, codec: str, name: str, filename: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: byte %(byte)s is not valid %(encoding)s although the "
                    "file starts with a %(encoding)s byte-order mark"
                ),
                file=filename,
                byte=error.start,
                encoding=name,
            )
        ) from error


def _decode_legacy(
    data: bytes, filename: str, line: int
) -> tuple[str, str, list[Phrase]]:
    try:
        text, encoding = data.decode("windows-1252"), "windows-1252"
        shown = encoding
    except UnicodeDecodeError:
        text, encoding, shown = data.decode("iso-8859-1"), "iso-8859-1", "ISO-8859-1"
    note = Phrase(
        gettext_noop(
            "line %(line)s is not valid UTF-8: the file was read as %(encoding)s "
            "(a re-saved export); check special characters"
        ),
        line=line,
        encoding=shown,
    )
    return text, encoding, [note]
