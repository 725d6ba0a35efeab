# SPDX-License-Identifier: EUPL-1.2
"""Parse the Markdown chat files written by the signal-export tool.

Each message starts with ``[YYYY-MM-DD HH:MM(:SS)] Sender: ``; older versions
write minutes and no blank line between messages, newer ones seconds and a
blank line. A quote comes first as a ``> `` block, attachments are Markdown
links at the end of the body, reactions a final ``(- Name: emoji -)`` line.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import unquote

from .decoding import split_lines
from .errors import EvidenceError
from .model import ChatParse, Entry, more_attachments_warnings, new_entry
from .phrase import Phrase, gettext_noop

HEADER = re.compile(
    r"^\[(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>\d{2}:\d{2}(?::\d{2})?)\] "
    r"(?P<sender>.*?): ?(?P<rest>.*)$"
)
_LINKS = re.compile(r"(?:!?\[[^\]\n]*\]\(\./[^)\n]*\) *)+$")
_LINK = re.compile(r"!?\[[^\]\n]*\]\(\./(?P<path>[^)\n]*)\)")
_REACTIONS = re.compile(r"^\(- (?P<list>.*) -\)$")
_DELETED = "(This message was deleted)"
_BACKWARD_TOLERANCE_SECONDS = 3600


def looks_like_signal_markdown(text: str) -> bool:
    """True when the first non-empty line is a signal-export header."""
    first = next((line for line in split_lines(text, 20) if line.strip()), "")
    match = HEADER.match(first.rstrip("\r"))
    return match is not None and (first.rstrip("\r").endswith("  ") or ": " in first)


def parse_signal_markdown(text: str, *, encoding: str | None = None) -> ChatParse:
    """Parse a signal-export Markdown file into entries."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    warnings: list[Phrase] = []
    blocks = _blocks(lines, warnings)
    if not blocks:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "line 1: expected a signal-export message header such as "
                    "'[2024-03-05 14:02:11] Name: text', but no line has one"
                )
            )
        )
    entries = [_entry(match, body) for match, body in blocks]
    warnings.extend(more_attachments_warnings(entries))
    return ChatParse(entries=entries, warnings=warnings, encoding=encoding)


def _blocks(
    lines: list[str], warnings: list[Phrase]
) -> list[tuple[re.Match[str], list[str]]]:
    blocks: list[tuple[re.Match[str], list[str]]] = []
    latest: datetime | None = None
    for number, line in enumerate(lines, start=1):
        match = HEADER.match(line) if line.startswith("[") else None
        moment = _moment(match) if match else None
        if match and moment and _in_sequence(moment, latest):
            blocks.append((match, []))
            latest = max(moment, latest) if latest else moment
            continue
        if match and blocks:
            warnings.append(
                Phrase(
                    gettext_noop(
                        "line %(line)s looks like a message header but is dated "
                        "more than an hour before the message above; kept as "
                        "message text"
                    ),
                    line=number,
                )
            )
        if blocks:
            blocks[-1][1].append(line)
        elif line.strip():
            warnings.append(
                Phrase(
                    gettext_noop(
                        "line %(line)s comes before the first message; not imported"
                    ),
                    line=number,
                )
            )
    return blocks


def _moment(match: re.Match[str]) -> datetime | None:
    try:
        return datetime.fromisoformat(f"{match['date']}T{match['time']}")
    except ValueError:
        return None


def _in_sequence(moment: datetime, latest: datetime | None) -> bool:
    if latest is None:
        return True
    return (latest - moment).total_seconds() <= _BACKWARD_TOLERANCE_SECONDS


def _entry(match: re.Match[str], extra: list[str]) -> Entry:
    time = match["time"] if len(match["time"]) == 8 else match["time"] + ":00"
    lines = [line.rstrip() for line in [match["rest"], *extra]]
    while lines and not lines[-1]:
        lines.pop()

    entry = new_entry(
        timestamp=f"{match['date']}T{time}", author=match["sender"], text=""
    )
    lines = _take_reactions(entry, lines)
    lines = _take_quote(entry, lines)
    text = _take_attachments(entry, "\n".join(lines))
    entry["text"] = text
    entry["deleted"] = text == _DELETED
    return entry


def _take_reactions(entry: Entry, lines: list[str]) -> list[str]:
    match = _REACTIONS.match(lines[-1]) if lines else None
    if match is None:
        return lines
    pairs = (item.rpartition(": ") for item in match["list"].split(", "))
    entry["reactions"] = [[name, emoji] for name, _, emoji in pairs]
    return lines[:-1]


def _take_quote(entry: Entry, lines: list[str]) -> list[str]:
    if len(lines) < 3 or lines[0] or lines[1] or not lines[2].startswith(">"):
        return lines
    end = 2
    while end < len(lines) and lines[end].startswith(">"):
        end += 1
    quoted = [line[2:] if line.startswith("> ") else line[1:] for line in lines[2:end]]
    entry["quote"] = "\n".join(quoted)
    body = lines[end:]
    return body[1:] if body and not body[0] else body


def _take_attachments(entry: Entry, text: str) -> str:
    match = _LINKS.search(text)
    if match is None:
        return text
    paths = [unquote(link["path"]) for link in _LINK.finditer(match.group(0))]
    entry["attachment"] = paths[0]
    entry["other_attachments"] = paths[1:]
    return text[: match.start()].rstrip()
