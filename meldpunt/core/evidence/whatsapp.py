# SPDX-License-Identifier: EUPL-1.2
"""Parse the text of a WhatsApp chat export (Android and iOS, any locale).

A message starts with a header line (date, time, sender); every other line
continues the message above it. A line can look like a header and still be
part of a message (a pasted timeline, a quoted message), so a header only
starts a new entry when it has the file's own layout (brackets, separators,
seconds, clock style), a real date, and does not step back in time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from . import whatsapp_phrases as phrases
from .dateorder import DateEvidence, DateParts, Decision, check_order, decide, to_date
from .errors import EvidenceError
from .model import ChatParse, Entry, new_entry

_MARKS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_AMPM = (
    r"[AaPp]\.?[ \u00a0]?[Mm]\.?|[Vv]orm\.|[Nn]achm\.|[Vv]m\.|[Nn]m\.|"
    r"[ap]\. m\.|午前|午後|上午|下午"
)
_HEADER = re.compile(
    rf"^[{_MARKS}\ufeff]*(?P<open>\[)?"
    r"(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})\.?"
    r"(?P<comma>,?)[ \u00a0\u202f]"
    r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?"
    rf"(?:[ \u00a0\u202f]?(?P<ampm>{_AMPM}))?"
    rf"(?(open)\][ {_MARKS}]?|[ \u00a0\u202f][-–] )"
    r"(?P<rest>.*)$"
)
_HEADER_START = frozenset("0123456789[\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff")
_AUTHOR_MARKS = re.compile(rf"[{_MARKS}]")
_NON_CONTACT = re.compile(r"^~[\u202f\u00a0 ]")
_BACKWARD_TOLERANCE_MINUTES = 60
_PM_MARKERS = ("p", "n", "午後", "下午")
_LONGEST_NOTICE = 120


class Layout(NamedTuple):
    bracketed: bool
    separator: str
    comma: bool
    seconds: bool
    twelve_hour: bool


@dataclass(slots=True)
class _Pending:
    line: int
    match: re.Match[str]
    timestamp: str
    extra: list[str]


def parse_whatsapp_text(
    text: str, *, date_order: str | None = None, encoding: str | None = None
) -> ChatParse:
    """Parse a WhatsApp export's text into entries, warnings and source facts."""
    requested = check_order(date_order)
    lines = text.split("\n")
    heads = _find_headers(lines)
    layouts = [_layout(match) for _, match in heads]
    layout = Counter(layouts).most_common(1)[0][0]

    evidence = DateEvidence()
    for (index, match), found in zip(heads, layouts, strict=True):
        if found == layout:
            evidence.add((match["a"], match["b"], match["c"]), index + 1)
    hint, reason = _locale_hint(heads, layout)
    decision = decide(evidence, requested, hint, reason)

    builder = _Builder(lines, layout, decision, bracketed=layout.bracketed)
    entries = builder.build(heads, layouts)
    return ChatParse(
        entries=entries,
        warnings=_decision_warnings(decision) + builder.warnings,
        encoding=encoding,
        platform="ios" if layout.bracketed else "android",
        date_order=decision.order,
        ambiguous_dates=decision.ambiguous,
    )


def looks_like_whatsapp(text: str, max_lines: int = 50) -> bool:
    """True when one of the first non-empty lines is a WhatsApp header."""
    for line in text.split("\n", max_lines)[:max_lines]:
        if line and line[0] in _HEADER_START and _HEADER.match(line.rstrip("\r")):
            return True
    return False


def _find_headers(lines: list[str]) -> list[tuple[int, re.Match[str]]]:
    heads: list[tuple[int, re.Match[str]]] = []
    match_header = _HEADER.match
    for index, line in enumerate(lines):
        if line.endswith("\r"):
            line = line[:-1]
            lines[index] = line
        if line and line[0] in _HEADER_START:
            match = match_header(line)
            if match is not None:
                heads.append((index, match))
    if not heads:
        raise EvidenceError(
            "line 1: expected a WhatsApp message header such as "
            "'05-03-2024 09:12 - Name: text' or '[05-03-2024, 09:12:40] Name: text'"
            ", but no line in the file has one"
        )
    return heads


def _layout(match: re.Match[str]) -> Layout:
    opening, separator, comma, seconds, marker = match.group(
        "open", "sep", "comma", "s", "ampm"
    )
    return Layout(
        opening is not None,
        separator,
        comma == ",",
        seconds is not None,
        marker is not None,
    )


def _locale_hint(
    heads: list[tuple[int, re.Match[str]]], layout: Layout
) -> tuple[str, str]:
    if layout.separator in ".-":
        return "DMY", f"dates written with '{layout.separator}' are day-first"
    sample = "\n".join(match["rest"] for _, match in heads[:300])
    if phrases.NON_ENGLISH_WORDS.search(sample):
        return "DMY", "the export's language writes the day first"
    first_ampm = next((m["ampm"] for _, m in heads if m["ampm"]), None)
    short_year = len(heads[0][1]["c"]) == 2
    if first_ampm is not None and first_ampm[0] in "AP" and short_year:
        return "MDY", "the US English layout (AM/PM, two-digit year) is month-first"
    return "DMY", "English outside the US writes the day first"


def _decision_warnings(decision: Decision) -> list[str]:
    if not decision.ambiguous:
        return []
    return [
        "no date in the file proves whether the day or the month comes first; "
        f"read as {decision.order} because {decision.reason}; "
        "give the date order explicitly if that is wrong"
    ]


class _Builder:
    """Second pass: turn headers and the lines between them into entries."""

    def __init__(
        self, lines: list[str], layout: Layout, decision: Decision, *, bracketed: bool
    ) -> None:
        self.lines = lines
        self.layout = layout
        self.order = decision.order
        self.bracketed = bracketed
        self.warnings: list[str] = []
        self.entries: list[Entry] = []
        self.days: dict[DateParts, tuple[int, str] | None] = {}

    def build(
        self, heads: list[tuple[int, re.Match[str]]], layouts: list[Layout]
    ) -> list[Entry]:
        pending: _Pending | None = None
        previous_minutes = -1
        next_line = 0
        for (index, match), layout in zip(heads, layouts, strict=True):
            if pending is not None:
                pending.extra.extend(self.lines[next_line:index])
            else:
                self._unplaced(next_line, index)
            next_line = index + 1

            timestamp, minutes, why = self._accept(match, layout, previous_minutes)
            if why is not None:
                self._keep_as_text(pending, index, why)
                if pending is not None:
                    pending.extra.append(self.lines[index])
                continue

            if pending is not None:
                self.entries.append(self._entry(pending))
            pending = _Pending(index + 1, match, timestamp, [])
            previous_minutes = max(previous_minutes, minutes)

        if pending is None:
            raise EvidenceError(
                f"line {heads[0][0] + 1}: no line has the layout of a WhatsApp "
                "message header with a valid date"
            )
        pending.extra.extend(self.lines[next_line:])
        self.entries.append(self._entry(pending))
        _forget_chat_name_actors(self.entries)
        return self.entries

    def _unplaced(self, start: int, stop: int) -> None:
        if not any(line.strip() for line in self.lines[start:stop]):
            return
        where = f"line {stop}" if stop == start + 1 else f"lines {start + 1}-{stop}"
        self.warnings.append(
            f"{where} before the first message could not be placed; not imported"
        )

    def _keep_as_text(self, pending: _Pending | None, index: int, why: str) -> None:
        if pending is None:
            self.warnings.append(
                f"line {index + 1} looks like a message header but {why}; "
                "it is not imported"
            )
            return
        self.warnings.append(
            f"line {index + 1} looks like a message header but {why}; it is kept "
            f"as text of the message that starts on line {pending.line}"
        )

    def _accept(
        self, match: re.Match[str], layout: Layout, previous_minutes: int
    ) -> tuple[str, int, str | None]:
        if layout != self.layout:
            return "", 0, "its layout differs from the rest of the file"
        day = self._day((match["a"], match["b"], match["c"]))
        hour = _hour(match)
        minute = int(match["mi"])
        if day is None or hour is None or minute > 59:
            return "", 0, "its date or time does not exist"

        minutes = day[0] + hour * 60 + minute
        if minutes < previous_minutes - _BACKWARD_TOLERANCE_MINUTES:
            return "", 0, "it is dated more than an hour before the message above"
        second = match["s"] or "00"
        stamp = f"{day[1]}T{hour:02d}:{minute:02d}:{second}"
        return stamp, minutes, None

    def _day(self, parts: DateParts) -> tuple[int, str] | None:
        """Day start in minutes and ISO date, cached: a chat has few dates."""
        if parts not in self.days:
            day = to_date(parts, self.order)
            self.days[parts] = (
                None if day is None else (day.toordinal() * 1440, day.isoformat())
            )
        return self.days[parts]

    def _entry(self, pending: _Pending) -> Entry:
        rest = pending.match["rest"]
        if self.bracketed:
            return _ios_entry(rest, pending)
        return _android_entry(rest, pending)


def _hour(match: re.Match[str]) -> int | None:
    hour = int(match["h"])
    marker = match["ampm"]
    if marker is None:
        return hour if hour < 24 else None
    if not 1 <= hour <= 12:
        return None
    is_pm = marker.lower().startswith(_PM_MARKERS)
    return hour % 12 + (12 if is_pm else 0)


def _clean_text(first: str, extra: list[str]) -> str:
    if not extra and "\u200e" not in first and "\u200f" not in first:
        return first.rstrip()
    lines = [first, *extra] if extra else [first]
    cleaned = [
        line.replace("\u200e", "").replace("\u200f", "").rstrip() for line in lines
    ]
    return "\n".join(cleaned).rstrip()


@lru_cache(maxsize=4096)
def clean_author(name: str) -> str:
    """The sender as shown, without bidi controls or the non-contact "~".

    Cached: a chat has few senders and many messages from each.
    """
    return _NON_CONTACT.sub("", _AUTHOR_MARKS.sub("", name)).strip()


def _android_entry(rest: str, pending: _Pending) -> Entry:
    split = rest.find(": ")
    if split < 0 or phrases.SYSTEM_WITH_COLON.match(rest):
        text = _clean_text(rest, pending.extra)
        return new_entry(
            timestamp=pending.timestamp, author=None, text=text, kind="system"
        )
    author = clean_author(rest[:split])
    return _message(pending, author, rest[split + 2 :])


def _ios_entry(rest: str, pending: _Pending) -> Entry:
    split = rest.find(": \u200e")
    if split < 0:
        split = rest.find(": ")
    if split < 0:
        text = _clean_text(rest, pending.extra)
        return new_entry(
            timestamp=pending.timestamp, author=None, text=text, kind="system"
        )

    sender = clean_author(rest[:split])
    body = rest[split + 2 :]
    entry = _message(pending, sender, body)
    marked = body.startswith("\u200e")
    if _is_ios_system(entry, sender, marked):
        entry.update(type="system", author=None, actor=sender)
    return entry


def _is_ios_system(entry: Entry, sender: str, marked: bool) -> bool:
    if entry["media_omitted"] or entry["deleted"] or entry["attachment"]:
        return False
    text: str = entry["text"]
    if marked:
        return phrases.IOS_PERSONAL_EVENT.match(text) is None
    return text.startswith(sender + " ") and bool(phrases.SYSTEM_WITH_COLON.match(text))


def _message(pending: _Pending, author: str, body: str) -> Entry:
    text = _clean_text(body, pending.extra)
    text, edited = phrases.split_edit_marker(text)
    entry = new_entry(timestamp=pending.timestamp, author=author, text=text)
    entry["edited"] = edited
    if len(text) <= _LONGEST_NOTICE and "\n" not in text:
        entry["media_omitted"] = phrases.is_media_omitted(text)
        entry["deleted"] = phrases.is_deleted(text)
    if ")" in text or ">" in text:
        _attach(entry, text)
    return entry


def _attach(entry: Entry, text: str) -> None:
    first, _, caption = text.partition("\n")
    match = phrases.ANDROID_ATTACHMENT.match(first) or phrases.IOS_ATTACHMENT.match(
        first
    )
    if match is None:
        return
    entry["attachment"] = match["file"].strip()
    entry["caption"] = caption or None


def _forget_chat_name_actors(entries: list[Entry]) -> None:
    """iOS puts the chat's name in the sender slot of some system lines."""
    authors = {entry["author"] for entry in entries if entry["type"] == "message"}
    for entry in entries:
        actor = entry["actor"]
        if actor is None or actor in authors:
            continue
        if not entry["text"].startswith(actor):
            entry["actor"] = None
