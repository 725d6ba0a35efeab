# SPDX-License-Identifier: EUPL-1.2
"""Parse Outlook .msg files with the optional extract-msg package."""

from __future__ import annotations

import hashlib
import importlib
from datetime import UTC, datetime
from typing import Any

from . import mailheaders as headers
from .errors import EvidenceError
from .model import MailMessage
from .phrase import Phrase, gettext_noop

_INSTALL_HINT = Phrase(
    gettext_noop(
        "reading Outlook .msg files needs the optional extract-msg package; "
        "install it with: pip install meldpunt[outlook]"
    )
)
_MAX_DEPTH = 20
_RECALL = "IPM.Outlook.Recall"


def parse_msg(data: bytes, filename: str) -> tuple[MailMessage, list[Phrase]]:
    """Return the message (embedded messages nested) and warnings."""
    extract_msg = _load()
    warnings: list[Phrase] = []
    msg = _open(extract_msg, data, filename, warnings)
    try:
        where = Phrase(gettext_noop("the message"))
        return _message(msg, warnings, where, 0), warnings
    finally:
        msg.close()


def _load() -> Any:
    try:
        return importlib.import_module("extract_msg")
    except ImportError as error:
        raise EvidenceError(_INSTALL_HINT) from error


def _open(extract_msg: Any, data: bytes, filename: str, warnings: list[Phrase]) -> Any:
    try:
        msg = extract_msg.openMsg(data)
        _ = (msg.subject, msg.body)
        return msg
    except UnicodeDecodeError:
        warnings.append(
            Phrase(
                gettext_noop(
                    "the message declares a code page that does not match its text; "
                    "it was read as windows-1252"
                )
            )
        )
    except Exception as error:  # extract-msg raises many unrelated types
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: part 1: expected an Outlook message (.msg), but it "
                    "cannot be read (%(error)s)"
                ),
                file=filename,
                error=f"{type(error).__name__}: {error}",
            )
        ) from error
    try:
        return extract_msg.openMsg(data, overrideEncoding="cp1252")
    except Exception as error:  # same as above
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: part 1: the message cannot be read (%(error)s)"
                ),
                file=filename,
                error=str(error),
            )
        ) from error


def _message(
    msg: Any, warnings: list[Phrase], where: Phrase, depth: int
) -> MailMessage:
    message_class = _text(getattr(msg, "classType", None))
    if message_class and message_class.startswith(_RECALL):
        warnings.append(
            Phrase(
                gettext_noop(
                    "%(where)s is a recall notice: the sender asked to withdraw an "
                    "earlier message; the withdrawn message itself is not in this "
                    "file"
                ),
                where=where,
            )
        )
    moment = getattr(msg, "date", None)
    # A .msg keeps its times in UTC; extract-msg converts them to the process's
    # local zone, which must not change what we report.
    date = moment.astimezone(UTC).isoformat() if isinstance(moment, datetime) else None
    return {
        "subject": _text(getattr(msg, "subject", None)) or "",
        "from_name": _sender_name(msg),
        "from_address": _sender_address(msg),
        "to": _recipients(msg, 1),
        "cc": _recipients(msg, 2),
        "date": date,
        "date_source": "header" if date else None,
        "logbook_timestamp": date,
        "message_class": message_class,
        "body_plain": _text(getattr(msg, "body", None)),
        "body_html": _html(msg),
        "attachments": [
            _attachment(item, warnings, where, depth)
            for item in getattr(msg, "attachments", [])
        ],
    }


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return text.replace("\r\n", "\n")


def _stream(msg: Any, *tags: str) -> str | None:
    for tag in tags:
        value = msg.getStringStream(f"__substg1.0_{tag}")
        if value:
            return str(value)
    return None


def _sender_name(msg: Any) -> str | None:
    return _stream(msg, "0C1A", "0042") or _parsed_sender(msg)[0]


def _sender_address(msg: Any) -> str | None:
    kind = _stream(msg, "0C1E") or "SMTP"
    if kind.upper() == "SMTP":
        found = _stream(msg, "0C1F", "0065")
        if found:
            return found
    return _stream(msg, "5D01", "5D02") or _parsed_sender(msg)[1]


def _parsed_sender(msg: Any) -> tuple[str | None, str | None]:
    raw = getattr(msg, "sender", None)
    pairs = headers.addresses([str(raw)]) if raw else []
    if not pairs:
        return None, None
    return pairs[0][0] or None, pairs[0][1] or None


def _recipients(msg: Any, kind: int) -> list[str]:
    found = []
    for recipient in getattr(msg, "recipients", []):
        if int(getattr(recipient, "type", 0)) == kind:
            name = str(recipient.name or "")
            address = str(recipient.email or "")
            found.append(headers.shown(name, address) or "(unnamed recipient)")
    return found


def _html(msg: Any) -> str | None:
    try:
        html = msg.htmlBody
    except Exception:  # a broken RTF or HTML stream must not hide the rest
        return None
    if html is None:
        return None
    if isinstance(html, bytes):
        try:
            return html.decode("utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError:
            return html.decode("windows-1252", "replace").replace("\r\n", "\n")
    return str(html)


def _attachment(
    item: Any, warnings: list[Phrase], where: Phrase, depth: int
) -> dict[str, Any]:
    name = (
        _text(getattr(item, "longFilename", None))
        or _text(getattr(item, "shortFilename", None))
        or _text(getattr(item, "displayName", None))
        or "(unnamed attachment)"
    )
    data = item.data
    if isinstance(data, bytes) or data is None:
        payload = data or b""
        nested = None
        content_type = (
            _text(getattr(item, "mimetype", None)) or "application/octet-stream"
        )
    else:
        if depth >= _MAX_DEPTH:
            raise EvidenceError(
                Phrase(
                    gettext_noop("%(where)s: embedded messages are nested too deep"),
                    where=where,
                )
            )
        payload = data.exportBytes()
        inner = Phrase(
            gettext_noop("%(where)s, embedded %(name)s"), where=where, name=repr(name)
        )
        nested = _message(data, warnings, inner, depth + 1)
        content_type = "application/vnd.ms-outlook"
    return {
        "filename": name,
        "content_type": content_type,
        "size": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
        "message": nested,
    }
