# SPDX-License-Identifier: EUPL-1.2
"""Parse a saved e-mail (.eml) with the standard library's ``email`` package."""

from __future__ import annotations

import hashlib
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from typing import Any

from . import mailheaders as headers
from .errors import EvidenceError
from .model import MailMessage
from .phrase import Phrase, gettext_noop

_MAX_DEPTH = 20


def parse_eml(data: bytes, filename: str) -> tuple[MailMessage, list[Phrase]]:
    """Return the message (nested for forwards) and warnings."""
    parsed = message_from_bytes(data, policy=policy.default)
    if not isinstance(parsed, EmailMessage) or not parsed.keys():
        raise EvidenceError(
            Phrase(
                gettext_noop("%(file)s: part 1: expected mail headers, found none"),
                file=filename,
            )
        )
    warnings: list[Phrase] = []
    return _message(parsed, warnings, Phrase(gettext_noop("the mail")), 0), warnings


def _part(where: Phrase, number: str) -> Phrase:
    return Phrase(
        gettext_noop("%(where)s, part %(number)s"), where=where, number=number
    )


def _message(
    msg: Message, warnings: list[Phrase], where: Phrase, depth: int
) -> MailMessage:
    raw = _raw_headers(msg)
    sender = headers.addresses(raw.get("from", []))
    date, source, logbook = _dates(raw, warnings, where)
    result: MailMessage = {
        "subject": headers.decode_words(raw.get("subject", [""])[0]),
        "from_name": (sender[0][0] or None) if sender else None,
        "from_address": (sender[0][1] or None) if sender else None,
        "to": [headers.shown(*pair) for pair in headers.addresses(raw.get("to", []))],
        "cc": [headers.shown(*pair) for pair in headers.addresses(raw.get("cc", []))],
        "date": date,
        "date_source": source,
        "logbook_timestamp": logbook,
        "message_class": None,
        "body_plain": None,
        "body_html": None,
        "attachments": [],
    }
    _defects(msg, warnings, where)
    _walk(msg, result, warnings, where, depth, "1")
    return result


def _raw_headers(msg: Message) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        values.setdefault(name.lower(), []).append(str(value))
    return values


def _dates(
    raw: dict[str, list[str]], warnings: list[Phrase], where: Phrase
) -> tuple[str | None, str | None, str | None]:
    stated = raw.get("date", [None])[0]
    parsed = headers.parse_date(stated) if stated else None
    if parsed is not None:
        moment = parsed.isoformat()
        return moment, "header", moment

    received = _received_date(raw.get("received", []))
    problem = (
        Phrase(
            gettext_noop("has an invalid Date header (%(value)s)"),
            value=repr(stated.strip()),
        )
        if stated
        else Phrase(gettext_noop("has no Date header"))
    )
    if received is None:
        template = gettext_noop(
            "%(where)s %(problem)s and no Received header with a date"
        )
        warnings.append(Phrase(template, where=where, problem=problem))
        return None, None, None
    template = gettext_noop(
        "%(where)s %(problem)s; its time is taken from the Received header"
    )
    warnings.append(Phrase(template, where=where, problem=problem))
    return None, "received", received


def _received_date(values: list[str]) -> str | None:
    for value in reversed(values):
        _, semicolon, stamp = value.rpartition(";")
        moment = headers.parse_date(stamp) if semicolon else None
        if moment is not None:
            return moment.isoformat()
    return None


def _defects(msg: Message, warnings: list[Phrase], where: Phrase) -> None:
    for defect in msg.defects:
        warnings.append(
            Phrase(
                gettext_noop(
                    "%(where)s: the mail structure is damaged (%(defect)s); "
                    "check that nothing is missing"
                ),
                where=where,
                defect=type(defect).__name__,
            )
        )


def _walk(
    part: Message,
    result: MailMessage,
    warnings: list[Phrase],
    where: Phrase,
    depth: int,
    number: str,
) -> None:
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        result["attachments"].append(_forwarded(part, warnings, where, depth, number))
        return
    payload = part.get_payload()
    if part.is_multipart() and isinstance(payload, list):
        for index, sub in enumerate(payload, start=1):
            if sub is not part:
                _defects(sub, warnings, _part(where, f"{number}.{index}"))
            _walk(sub, result, warnings, where, depth, f"{number}.{index}")
        return
    _leaf(part, result, warnings, _part(where, number))


def _leaf(
    part: Message, result: MailMessage, warnings: list[Phrase], where: Phrase
) -> None:
    content_type = part.get_content_type()
    is_attachment = part.get_content_disposition() == "attachment"
    slot = {"text/plain": "body_plain", "text/html": "body_html"}.get(content_type)
    if slot and not is_attachment and result[slot] is None:
        result[slot] = _text(part, warnings, where)
        return
    data = _payload(part)
    result["attachments"].append(
        {
            "filename": _filename(part, where),
            "content_type": content_type,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "message": None,
        }
    )


def _forwarded(
    part: Message, warnings: list[Phrase], where: Phrase, depth: int, number: str
) -> dict[str, Any]:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(inner, Message) or depth >= _MAX_DEPTH:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(where)s: expected a forwarded message (message/rfc822), "
                    "found none or nesting too deep"
                ),
                where=_part(where, number),
            )
        )
    data = inner.as_bytes(policy=policy.default.clone(linesep="\r\n"))
    label = Phrase(
        gettext_noop("%(where)s, attached message in part %(number)s"),
        where=where,
        number=number,
    )
    return {
        "filename": _filename(part, _part(where, number)),
        "content_type": "message/rfc822",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "message": _message(inner, warnings, label, depth + 1),
    }


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _text(part: Message, warnings: list[Phrase], where: Phrase) -> str:
    data = _payload(part)
    charset = part.get_content_charset() or "us-ascii"
    for candidate in (charset, "utf-8"):
        try:
            return data.decode(candidate).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            continue
    warnings.append(
        Phrase(
            gettext_noop(
                "%(where)s: the text is not valid %(charset)s; it was read as "
                "windows-1252"
            ),
            where=where,
            charset=charset,
        )
    )
    return data.decode("windows-1252", "replace").replace("\r\n", "\n")


def _filename(part: Message, where: str) -> str:
    try:
        name = part.get_filename() or part.get_param("name")
    except (ValueError, TypeError, LookupError):
        name = None
    if isinstance(name, tuple):
        name = name[2]
    if isinstance(name, str) and name.strip():
        return headers.decode_words(name)
    return f"(unnamed {part.get_content_type()} in {where})"
