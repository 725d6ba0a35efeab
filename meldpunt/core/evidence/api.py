# SPDX-License-Identifier: EUPL-1.2
"""The one entry point: recognise an evidence file by its content and parse it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .archive import ArchiveLimits
from .decoding import decode_text, split_lines
from .errors import EvidenceError
from .model import ChatParse, Source, document, source_for
from .phrase import Phrase, gettext_noop, size_text
from .signal_jsonl import looks_like_signal_jsonl, parse_signal_jsonl
from .signal_markdown import looks_like_signal_markdown, parse_signal_markdown
from .sigtop import looks_like_sigtop, parse_sigtop
from .whatsapp import looks_like_whatsapp, parse_whatsapp_text

DEFAULT_MAX_SIZE = 200 * 1024**2

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def parse_path(
    path: Path,
    *,
    date_order: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    archive_limits: ArchiveLimits | None = None,
) -> dict[str, Any]:
    """Parse the evidence file at ``path`` into a ``meldpunt.evidence/1`` dict."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise EvidenceError(
            Phrase(
                gettext_noop("%(file)s: the file cannot be read (%(error)s)"),
                file=path.name,
                error=str(error),
            )
        ) from error
    _check_size(size, path.name, max_size)
    return parse_bytes(
        path.read_bytes(),
        path.name,
        date_order=date_order,
        max_size=max_size,
        archive_limits=archive_limits,
    )


def parse_bytes(
    data: bytes,
    filename: str,
    *,
    date_order: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    archive_limits: ArchiveLimits | None = None,
) -> dict[str, Any]:
    """Parse the bytes of an evidence file; ``filename`` is only reported."""
    _check_size(len(data), filename, max_size)
    source = source_for(filename, data)
    limits = archive_limits or ArchiveLimits(max_text_member=max_size)

    # The archive and mail parsers are imported when a file needs them: the
    # email package alone takes longer to load than a large chat to parse.
    if data.startswith(_ZIP_MAGIC):
        from .whatsapp_zip import parse_whatsapp_zip

        parse, members = parse_whatsapp_zip(
            data, filename, date_order=date_order, limits=limits
        )
        source.members = members
        return _chat_document("whatsapp", source, parse)
    if data.startswith(_OLE_MAGIC):
        from .outlook import parse_msg

        message, warnings = parse_msg(data, filename)
        return document(
            kind="outlook-msg", source=source, warnings=warnings, message=message
        )
    if _looks_like_email(data):
        from .email_mime import parse_eml

        message, warnings = parse_eml(data, filename)
        return document(kind="email", source=source, warnings=warnings, message=message)
    with _no_cyclic_gc():
        return _parse_text_chat(data, filename, source, date_order)


def _looks_like_email(data: bytes) -> bool:
    """True when the file starts with a header block that names a mail."""
    head = data[:8192].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    names = set()
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            continue
        name, colon, _ = line.partition(b":")
        if not colon or not name or b" " in name:
            return False
        names.add(name.strip().lower())
    return bool(names & {b"from", b"date", b"subject", b"received", b"message-id"})


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector while building one dict per chat message.

    The entries hold no reference cycles, yet every 700 new containers trigger
    a collection pass over all of them; for a large export that is a fifth of
    the parse time. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_size(size: int, filename: str, max_size: int) -> None:
    if size == 0:
        raise EvidenceError(
            Phrase(gettext_noop("%(file)s: the file is empty"), file=filename)
        )
    if size > max_size:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: the file is %(size)s, more than the limit of %(limit)s"
                ),
                file=filename,
                size=size_text(size),
                limit=size_text(max_size),
            )
        )


def _parse_text_chat(
    data: bytes, filename: str, source: Source, date_order: str | None
) -> dict[str, Any]:
    text, encoding, notes = decode_text(data, filename)
    if looks_like_sigtop(text):
        return _chat_document(
            "signal", source, parse_sigtop(text, encoding=encoding), notes
        )
    if looks_like_signal_jsonl(text):
        parse = parse_signal_jsonl(text, encoding=encoding)
        return _chat_document("signal", source, parse, notes)
    if _is_signal_markdown(text, filename):
        parse = parse_signal_markdown(text, encoding=encoding)
        return _chat_document("signal", source, parse, notes)
    if looks_like_whatsapp(text):
        parse = parse_whatsapp_text(text, date_order=date_order, encoding=encoding)
        return _chat_document("whatsapp", source, parse, notes)
    raise EvidenceError(
        Phrase(
            gettext_noop(
                "%(file)s: line 1: not a recognised export; expected a WhatsApp "
                "chat ('05-03-2024 09:12 - Name: text'), a Signal export "
                "('[2024-03-05 14:02:11] Name: text', JSON Lines or sigtop text), "
                "an e-mail (.eml) or an Outlook message (.msg)"
            ),
            file=filename,
        )
    )


def _is_signal_markdown(text: str, filename: str) -> bool:
    """signal-export headers also fit year-first WhatsApp iOS exports.

    A WhatsApp header has a comma after the date or ends the line without the
    two trailing spaces signal-export writes; the .md name settles the rest.
    """
    if not looks_like_signal_markdown(text):
        return False
    if filename.lower().endswith(".md"):
        return True
    first = next(line for line in split_lines(text, 20) if line.strip())
    return first.rstrip("\r").endswith("  ")


def _chat_document(
    kind: str, source: Source, parse: ChatParse, notes: list[Phrase] | None = None
) -> dict[str, Any]:
    source.encoding = parse.encoding
    source.platform = parse.platform
    source.date_order = parse.date_order
    source.ambiguous_dates = parse.ambiguous_dates
    return document(
        kind=kind,
        source=source,
        warnings=[*(notes or []), *parse.warnings],
        entries=parse.entries,
    )
