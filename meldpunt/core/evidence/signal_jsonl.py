# SPDX-License-Identifier: EUPL-1.2
"""Parse the JSON Lines chat file written by signal-export (one message a line)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .decoding import split_lines
from .errors import EvidenceError
from .model import ChatParse, Entry, more_attachments_warnings, new_entry
from .phrase import Phrase, gettext_noop

_KEYS = frozenset({"date", "sender", "body"})


def looks_like_signal_jsonl(text: str) -> bool:
    """True when the first non-empty line is a JSON object with message keys."""
    first = next((line for line in split_lines(text, 5) if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and record.keys() >= _KEYS


def parse_signal_jsonl(text: str, *, encoding: str | None = None) -> ChatParse:
    """Parse every line; a line that is not a message becomes a warning."""
    entries: list[Entry] = []
    warnings: list[Phrase] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        problem = _add(entries, line)
        if problem:
            template = gettext_noop("line %(line)s %(problem)s; not imported")
            warnings.append(Phrase(template, line=number, problem=problem))

    if not entries:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "line 1: expected a JSON object with 'date', 'sender' and 'body' "
                    "(a signal-export JSON Lines file), but no line has one"
                )
            )
        )
    warnings.extend(more_attachments_warnings(entries))
    return ChatParse(entries=entries, warnings=warnings, encoding=encoding)


def _add(entries: list[Entry], line: str) -> Phrase | None:
    """Add the line's message; or say what is wrong with the line."""
    try:
        record = json.loads(line)
    except ValueError:
        return Phrase(gettext_noop("is not valid JSON"))
    if not isinstance(record, dict) or not record.keys() >= _KEYS:
        return Phrase(
            gettext_noop("is not a message object with 'date', 'sender' and 'body'")
        )
    try:
        moment = datetime.fromisoformat(str(record["date"]))
    except ValueError:
        return Phrase(
            gettext_noop("has a date that is not ISO 8601 (%(value)s)"),
            value=repr(record["date"]),
        )
    entries.append(_entry(record, moment))
    return None


def _entry(record: dict[str, Any], moment: datetime) -> Entry:
    body = "\n".join(line.rstrip() for line in str(record["body"] or "").split("\n"))
    entry = new_entry(
        timestamp=moment.replace(tzinfo=None).isoformat(timespec="seconds"),
        author=str(record["sender"]),
        text=body.rstrip(),
    )
    if moment.tzinfo is not None:
        entry["timestamp_with_offset"] = moment.isoformat(timespec="seconds")
    entry["deleted"] = bool(record.get("deleted"))
    entry["quote"] = _quote(record.get("quote"))
    entry["reactions"] = [
        [str(item[0]), str(item[1])] for item in record.get("reactions") or []
    ]
    paths = [
        str(item.get("path", item.get("name")))
        for item in record.get("attachments") or []
    ]
    if paths:
        entry["attachment"] = paths[0].removeprefix("./")
        entry["other_attachments"] = [path.removeprefix("./") for path in paths[1:]]
    return entry


def _quote(raw: object) -> str | None:
    if not raw:
        return None
    lines = str(raw).strip("\n").split("\n")
    return "\n".join(line[2:] if line.startswith("> ") else line for line in lines)
