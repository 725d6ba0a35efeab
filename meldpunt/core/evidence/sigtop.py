# SPDX-License-Identifier: EUPL-1.2
"""Parse the text format of ``sigtop export-messages -f text``.

A message is a block of ``Field: value`` lines (From, Type, Sent, Received,
Attachment, Reaction, Edited), then an optional ``>`` quote block and the
body, each after a blank line. A body may hold blank lines and even a line
"From: ..."; a new message only starts after a blank line with a field block
that has a Type line and valid dates.
"""

from __future__ import annotations

import re
from datetime import datetime

from .errors import EvidenceError
from .model import ChatParse, Entry, more_attachments_warnings, new_entry
from .phrase import Phrase, gettext_noop

_FIELD = re.compile(r"^(From|Type|Sent|Received|Attachment|Reaction|Edited): (.*)$")
_ATTACHMENT_DETAIL = re.compile(r" \([^()]*, \d+ bytes\)$")
_USER_TYPES = frozenset({"incoming", "outgoing"})


def looks_like_sigtop(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("Conversation: ")


def parse_sigtop(text: str, *, encoding: str | None = None) -> ChatParse:
    """Parse a sigtop text export into entries."""
    lines = [line.rstrip("\r") for line in text.lstrip("\ufeff").split("\n")]
    if not lines[0].startswith("Conversation: "):
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "line 1: expected 'Conversation: <name>' (a sigtop text export)"
                )
            )
        )

    starts = [index for index in range(1, len(lines)) if _starts_message(lines, index)]
    if not starts:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "line 3: expected a message block starting with 'From:' or "
                    "'Type:', but none was found"
                )
            )
        )
    warnings: list[Phrase] = []
    entries = []
    for number, start in enumerate(starts):
        stop = starts[number + 1] - 1 if number + 1 < len(starts) else len(lines)
        entries.append(_entry(lines[start:stop], start + 1, warnings))
    warnings.extend(more_attachments_warnings(entries))
    return ChatParse(entries=entries, warnings=warnings, encoding=encoding)


def _starts_message(lines: list[str], index: int) -> bool:
    if lines[index - 1] != "" or not lines[index].startswith(("From: ", "Type: ")):
        return False
    fields = _field_block(lines, index)
    names = {name for name, _ in fields}
    if "Type" not in names or not names & {"Sent", "Received"}:
        return False
    return all(_time(value) for name, value in fields if name in ("Sent", "Received"))


def _field_block(lines: list[str], index: int) -> list[tuple[str, str]]:
    fields = []
    while index < len(lines) and lines[index]:
        match = _FIELD.match(lines[index])
        if match is None:
            return []
        fields.append((match[1], match[2]))
        index += 1
    return fields


def _time(value: str) -> datetime | None:
    # Imported here: the email package takes longer to load than a chat of
    # thousands of messages takes to parse, and only sigtop needs it.
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _entry(block: list[str], line: int, warnings: list[Phrase]) -> Entry:
    fields = _field_block(block, 0)
    rest = block[len(fields) + 1 :]
    values: dict[str, list[str]] = {}
    for name, value in fields:
        values.setdefault(name, []).append(value)

    moment = _time((values.get("Sent") or values.get("Received") or ["unknown"])[0])
    if moment is None:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "line %(line)s: the message has no valid Sent or Received time"
                ),
                line=line,
            )
        )
    kind = values["Type"][0]
    entry = new_entry(
        timestamp=moment.replace(tzinfo=None).isoformat(timespec="seconds"),
        author=values.get("From", [None])[0],
        text="",
        kind="message" if kind in _USER_TYPES else "system",
    )
    entry["timestamp_with_offset"] = moment.isoformat(timespec="seconds")
    _fill(entry, values, rest, line, warnings)
    return entry


def _fill(
    entry: Entry,
    values: dict[str, list[str]],
    rest: list[str],
    line: int,
    warnings: list[Phrase],
) -> None:
    pairs = [reaction.rpartition(" from ") for reaction in values.get("Reaction", [])]
    if pairs:
        entry["reactions"] = [[name, emoji] for emoji, _, name in pairs]
    files = [
        _ATTACHMENT_DETAIL.sub("", value) for value in values.get("Attachment", [])
    ]
    if files:
        entry["attachment"] = files[0]
        entry["other_attachments"] = files[1:]

    rest = _take_quote(entry, rest)
    if "Edited" in values:
        entry["edited"] = True
        rest = _latest_version(rest, line, warnings)
    while rest and not rest[-1]:
        rest.pop()
    entry["text"] = "\n".join(rest)


def _take_quote(entry: Entry, rest: list[str]) -> list[str]:
    end = 0
    while end < len(rest) and rest[end].startswith(">"):
        end += 1
    if end == 0:
        return rest
    quoted = [line[2:] if line.startswith("> ") else line[1:] for line in rest[:end]]
    body_start = quoted.index("") + 1 if "" in quoted else len(quoted)
    entry["quote"] = "\n".join(quoted[body_start:])
    authors = [row[6:] for row in quoted[:body_start] if row.startswith("From: ")]
    if authors:
        entry["quote_author"] = authors[0]
    return rest[end + 1 :]


def _latest_version(rest: list[str], line: int, warnings: list[Phrase]) -> list[str]:
    history = [row[2:] if row.startswith("| ") else row[1:] for row in rest]
    versions: list[list[str]] = []
    for row in history:
        if row.startswith("Version: "):
            versions.append([])
        elif versions:
            versions[-1].append(row)
    if not versions:
        return rest
    bodies = [_version_body(version) for version in versions]
    if len(bodies) > 1:
        warnings.append(
            Phrase(
                gettext_noop(
                    "line %(line)s: the message was edited; earlier versions: "
                    "%(versions)s"
                ),
                line=line,
                versions=" | ".join(repr(body) for body in bodies[1:]),
            )
        )
    return bodies[0].split("\n")


def _version_body(version: list[str]) -> str:
    start = version.index("") + 1 if "" in version else len(version)
    body = version[start:]
    while body and not body[-1]:
        body.pop()
    return "\n".join(body)
