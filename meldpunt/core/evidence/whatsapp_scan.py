# SPDX-License-Identifier: EUPL-1.2
"""One pass over a WhatsApp export: find, check and turn headers into entries.

The pass works on the whole text at once: one regular expression finds every
header, and a message is the slice of text up to the next accepted header, so
a line is never handled on its own. Dates and clock times repeat, so each
distinct one is read once and cached.

The pass needs the file's layout and date order before it starts. The caller
guesses them from the start of the file; the pass counts every layout it sees
and collects the date evidence, so the caller can check the guess afterwards
and, in the rare file where it was wrong, run the pass again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from . import whatsapp_phrases as phrases
from .dateorder import DateEvidence, DateParts, to_date
from .model import Entry, new_entry
from .phrase import Phrase, gettext_noop

_MARKS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_AMPM = (
    r"[AaPp]\.?[ \u00a0\u202f]?[Mm]\.?|[Vv]orm\.|[Nn]achm\.|[Vv]m\.|[Nn]m\.|"
    r"[ap]\. m\.|午前|午後|上午|下午"
)
# Chinese, Japanese and Korean exports put the marker before the time.
_AMPM_FIRST = r"上午|下午|午前|午後|오전|오후"
# What separates the parts of a date: Hungarian and Korean write "2024. 03. 05."
_SEPARATOR = r"\. |[./-]"
# What joins date and time: a comma, the French "à" or the Finnish "klo".
_JOINER = ",| à| klo"
# A header line: date ("day" group, with an opening bracket and a joiner if
# any; after a year written first, the day may have one digit), time ("clock"
# group, with seconds and an AM/PM marker before or after it), then the rest.
# A header without brackets ends in " - ", or, in old iOS exports, in ": ".
# The lookahead is a cheap first-character test that rules out most lines.
HEADER = re.compile(
    r"^(?=[0-9\[\u200e\u200f\u202a-\u202e\ufeff])"
    rf"[{_MARKS}\ufeff]*"
    rf"(?P<day>(?P<open>\[)?(?:(?P<year>\d{{4}})|\d{{1,3}})(?P<sep>{_SEPARATOR})"
    r"\d{1,2}(?P=sep)(?(year)\d{1,2}|\d{2,4})\.?"
    rf"(?:{_JOINER})?)"
    r"[ \u00a0\u202f]"
    rf"(?P<clock>(?:(?P<pre>{_AMPM_FIRST}) ?)?"
    rf"\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?(pre)|(?:[ \u00a0\u202f]?(?:{_AMPM}))?))"
    rf"(?(open)\][ {_MARKS}]?|(?:[ \u00a0\u202f][-–] |: ))"
    r"(?P<rest>.*)$",
    re.MULTILINE,
)
_DAY = re.compile(
    rf"(\[)?(\d{{1,4}})({_SEPARATOR})(\d{{1,2}})\3(\d{{1,4}})\.?({_JOINER}|)"
)
# Groups: marker before the time, hour, minute, second, marker after it.
_CLOCK = re.compile(
    rf"(?:({_AMPM_FIRST}) ?)?"
    rf"(\d{{1,2}})[:.](\d{{2}})(?:[:.](\d{{2}}))?(?:[ \u00a0\u202f]?({_AMPM}))?"
)
_AUTHOR_MARKS = re.compile(rf"[{_MARKS}]")
_NON_CONTACT = re.compile(r"^~[\u202f\u00a0 ]")
_BACKWARD_TOLERANCE_MINUTES = 60
_PM_MARKERS = ("p", "n", "午後", "下午", "오후")
_LONGEST_NOTICE = 120
_MESSAGE = new_entry(timestamp="", author=None, text="")
_SPECIAL_LAST = phrases.SPECIAL_LAST_CHARACTERS
_SPECIAL_ENDINGS = phrases.SPECIAL_ENDINGS
# Why a line that looks like a header is refused, within a larger sentence.
_OTHER_LAYOUT = Phrase(gettext_noop("its layout differs from the rest of the file"))
_NO_SUCH_MOMENT = Phrase(gettext_noop("its date or time does not exist"))
_BACKWARDS = Phrase(
    gettext_noop("it is dated more than an hour before the message above")
)
# Below every acceptance floor, even with a valid date or time added: a day
# or clock time that holds it sends its header the long way, to ``_minutes``.
_UNUSABLE = -(2**62)


class Layout(NamedTuple):
    bracketed: bool
    separator: str
    joiner: str  # between date and time: "", ",", " à" or " klo"
    seconds: bool
    twelve_hour: bool
    colon_closed: bool  # "date time: Name: text", as old iOS exports wrote
    marker_first: bool = False  # "下午9:12": the AM/PM marker before the time


@dataclass(slots=True)
class _Day:
    parts: DateParts
    start: int | None  # minutes from the calendar's start; None: no such date
    iso: str
    evidenced: bool = False
    # ``start`` once the day is recorded as evidence and exists: from then on
    # that and the clock are all a header of this day needs to be accepted.
    ready: int = _UNUSABLE


@dataclass(slots=True)
class _Clock:
    minutes: int  # from midnight; _UNUSABLE: no such time
    iso: str


@dataclass(slots=True)
class _Sender:
    name: str
    may_start_notice: bool


class ScanResult(NamedTuple):
    entries: list[Entry]
    warnings: list[Phrase]
    evidence: DateEvidence
    layouts: dict[Layout, tuple[int, int]]  # count and position of the first
    first_marker: str | None  # the first AM/PM marker in the file


def layout_of(match: re.Match[str]) -> Layout:
    """The layout of one header found by ``HEADER``."""
    day = _fields(_DAY, match["day"])
    clock = _fields(_CLOCK, match["clock"])
    closing = match.string[match.end("clock") : match.start("rest")]
    return Layout(
        day[1] is not None,
        day[3],
        day[6],
        clock[4] is not None,
        clock[1] is not None or clock[5] is not None,
        closing == ": ",
        clock[1] is not None,
    )


def header_of_layout(layout: Layout) -> re.Pattern[str]:
    """``HEADER`` narrowed to one layout: the same matches, found faster.

    ``HEADER`` fits a line in one way only (the next character decides every
    optional part), so fixing the optional parts to one layout finds exactly
    the headers of that layout, with the same groups. Its only groups are
    day, clock and rest, in that order.
    """
    separator = re.escape(layout.separator)
    opening = r"\[" if layout.bracketed else ""
    joiner = re.escape(layout.joiner)
    seconds = r"[:.]\d{2}" if layout.seconds else ""
    marker = prefix = ""
    if layout.marker_first:
        prefix = rf"(?:{_AMPM_FIRST}) ?"
    elif layout.twelve_hour:
        marker = rf"[ \u00a0\u202f]?(?:{_AMPM})"
    closing = r"[ \u00a0\u202f][-–] "
    if layout.bracketed:
        closing = rf"\][ {_MARKS}]?"
    elif layout.colon_closed:
        closing = ": "
    return re.compile(
        r"^(?=[0-9\[\u200e\u200f\u202a-\u202e\ufeff])"
        rf"[{_MARKS}\ufeff]*"
        rf"(?P<day>{opening}(?:\d{{4}}{separator}\d{{1,2}}{separator}\d{{1,2}}|"
        rf"\d{{1,3}}{separator}\d{{1,2}}{separator}\d{{2,4}})\.?{joiner})"
        r"[ \u00a0\u202f]"
        rf"(?P<clock>{prefix}\d{{1,2}}[:.]\d{{2}}{seconds}{marker})"
        rf"{closing}(?P<rest>.*)$",
        re.MULTILINE,
    )


def date_parts(match: re.Match[str]) -> DateParts:
    """The three numbers of a header's date, as written."""
    day = _fields(_DAY, match["day"])
    return day[2], day[4], day[5]


def am_pm_marker(match: re.Match[str]) -> str | None:
    """A header's AM/PM marker, if its clock has one."""
    clock = _fields(_CLOCK, match["clock"])
    marker: str | None = clock[5] or clock[1]
    return marker


def _fields(pattern: re.Pattern[str], found: str) -> re.Match[str]:
    match = pattern.fullmatch(found)
    if match is None:  # cannot happen: HEADER holds the same sub-pattern
        raise ValueError(f"{found!r} is not a header field")
    return match


def clean_author(name: str) -> str:
    """The sender as shown, without bidi controls or the non-contact "~"."""
    return _NON_CONTACT.sub("", _AUTHOR_MARKS.sub("", name)).strip()


def clean_block(block: str) -> str:
    """A message's lines without bidi marks or trailing blanks, as stored."""
    lines = block.split("\n")
    cleaned = [
        line.replace("\u200e", "").replace("\u200f", "").rstrip() for line in lines
    ]
    return "\n".join(cleaned).rstrip()


class _Lines:
    """Line numbers of text positions, counted only when one is needed."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._position = 0
        self._line = 1

    def at(self, position: int) -> int:
        if position >= self._position:
            self._line += self._text.count("\n", self._position, position)
        else:
            self._line -= self._text.count("\n", position, self._position)
        self._position = position
        return self._line


class Scan:
    """One pass over the text with a given layout and date order."""

    def __init__(self, text: str, layout: Layout, order: str) -> None:
        self.text = text
        self.layout = layout
        self.order = order
        self.lines = _Lines(text)
        self.entries: list[Entry] = []
        self.warnings: list[Phrase] = []
        self.evidence = DateEvidence(line_of=self.lines.at)
        self.days: dict[str, _Day] = {}
        self.clocks: dict[str, _Clock] = {}
        self.senders: dict[str, _Sender] = {}
        self.other_layouts: dict[Layout, tuple[int, int]] = {}
        self.first_own = -1
        self.unplaced_from = 0
        self.rejected_own = 0
        self.first_marker: str | None = None
        self.pending_line = (-1, 0)
        self.has_actors = False
        self.marks = "\u200e" in text or "\u200f" in text

    def run(self) -> ScanResult:
        """Find every header; each accepted one closes the message above it.

        Headers of the pass's layout come from one narrowed pattern; any other
        header can only sit between two of them and is always refused, so the
        text between two such lines is searched for headers on the side.
        """
        text, days, clocks = self.text, self.days, self.clocks
        emit = self._ios if self.layout.bracketed else self._android
        latest = -1
        floor = latest - _BACKWARD_TOLERANCE_MINUTES  # the earliest time accepted
        pending = -1  # where the text of the open message starts
        pending_rest = pending_stamp = ""
        line_after = 0  # where the line after the last header starts

        for match in header_of_layout(self.layout).finditer(text):
            start, end = match.span()
            if start != line_after:
                self._other_headers(line_after, start, pending)
            line_after = end + 1
            if pending < 0:
                self._unplaced(start, line_after)
            day_key, clock_key, rest = match.groups()
            day = days.get(day_key) or self._new_day(day_key)
            clock = clocks.get(clock_key) or self._new_clock(clock_key)

            # The common case inline; every other goes through ``_minutes``.
            minutes = day.ready + clock.minutes
            if minutes < floor:
                found = self._minutes(day, clock, start, pending, latest)
                if found is None:
                    continue
                minutes = found
            if pending >= 0:
                emit(pending_rest, pending, start - 1, pending_stamp)
            pending_rest, pending = rest, end - len(rest)
            pending_stamp = day.iso + clock.iso
            if minutes > latest:
                latest = minutes
                floor = latest - _BACKWARD_TOLERANCE_MINUTES

        self._other_headers(line_after, len(text), pending)
        if pending >= 0:
            emit(pending_rest, pending, len(text), pending_stamp)
        return self._result()

    def _other_headers(self, start: int, stop: int, pending: int) -> None:
        """Refuse the headers of other layouts between ``start`` and ``stop``."""
        for match in HEADER.finditer(self.text, start, stop):
            layout = layout_of(match)
            if layout.twelve_hour and self.first_marker is None:
                self.first_marker = am_pm_marker(match)
            if pending < 0:
                self._unplaced(match.start(), match.end() + 1)
            count, first = self.other_layouts.get(layout, (0, match.start()))
            self.other_layouts[layout] = (count + 1, first)
            self._refuse(match.start(), pending, _OTHER_LAYOUT)

    def _minutes(
        self, day: _Day, clock: _Clock, start: int, pending: int, latest: int
    ) -> int | None:
        """The header's time in minutes, or None (with a warning) to refuse it."""
        if not day.evidenced:
            self._record_date(day, start)
        if day.start is None or clock.minutes == _UNUSABLE:
            self.rejected_own += 1
            self._refuse(start, pending, _NO_SUCH_MOMENT)
            return None
        minutes = day.start + clock.minutes
        if minutes < latest - _BACKWARD_TOLERANCE_MINUTES:
            self.rejected_own += 1
            self._refuse(start, pending, _BACKWARDS)
            return None
        return minutes

    def _new_day(self, key: str) -> _Day:
        found = _fields(_DAY, key)
        parts = (found[2], found[4], found[5])
        date = to_date(parts, self.order)
        day = _Day(
            parts=parts,
            start=None if date is None else date.toordinal() * 1440,
            iso="" if date is None else date.isoformat(),
        )
        self.days[key] = day
        return day

    def _new_clock(self, key: str) -> _Clock:
        before, hour_text, minute_text, second, after = _fields(_CLOCK, key).groups()
        marker = after or before
        if marker is not None and self.first_marker is None:
            self.first_marker = marker
        hour, minute = _hour(int(hour_text), marker), int(minute_text)
        if hour is None or minute > 59:
            clock = _Clock(_UNUSABLE, "")
        else:
            iso = f"T{hour:02d}:{minute:02d}:{second or '00'}"
            clock = _Clock(hour * 60 + minute, iso)
        self.clocks[key] = clock
        return clock

    def _record_date(self, day: _Day, start: int) -> None:
        """Date evidence: each date of the file's layout, where it first occurs."""
        if self.first_own < 0:
            self.first_own = start
        self.evidence.add(day.parts, start)
        day.evidenced = True
        if day.start is not None:
            day.ready = day.start

    def _unplaced(self, stop: int, line_after: int) -> None:
        """Report text before the first message, up to the header at ``stop``."""
        start, self.unplaced_from = self.unplaced_from, line_after
        if stop <= start or not self.text[start:stop].strip():
            return
        first, last = self.lines.at(start), self.lines.at(stop) - 1
        if first == last:
            template = gettext_noop(
                "line %(line)s before the first message could not be placed; "
                "not imported"
            )
            self.warnings.append(Phrase(template, line=first))
            return
        template = gettext_noop(
            "lines %(first)s-%(last)s before the first message could not be "
            "placed; not imported"
        )
        self.warnings.append(Phrase(template, first=first, last=last))

    def _refuse(self, start: int, pending: int, why: Phrase) -> None:
        line = self.lines.at(start)
        if pending < 0:
            template = gettext_noop(
                "line %(line)s looks like a message header but %(why)s; "
                "it is not imported"
            )
            self.warnings.append(Phrase(template, line=line, why=why))
            return
        template = gettext_noop(
            "line %(line)s looks like a message header but %(why)s; "
            "it is kept as text of the message that starts on line %(opened)s"
        )
        opened = self._pending_line(pending)
        self.warnings.append(Phrase(template, line=line, why=why, opened=opened))

    def _pending_line(self, pending: int) -> int:
        """Cached: many refused headers can sit inside one long message."""
        if self.pending_line[0] != pending:
            self.pending_line = (pending, self.lines.at(pending))
        return self.pending_line[1]

    def _result(self) -> ScanResult:
        if self.has_actors:
            _forget_chat_name_actors(self.entries)
        layouts = dict(self.other_layouts)
        if self.first_own >= 0:
            own = len(self.entries) + self.rejected_own
            layouts[self.layout] = (own, self.first_own)
        return ScanResult(
            entries=self.entries,
            warnings=self.warnings,
            evidence=self.evidence,
            layouts=layouts,
            first_marker=self.first_marker,
        )

    def _text(self, start: int, stop: int) -> str:
        """A message's text: its slice of the file, cleaned line by line.

        Most messages are one line without bidi marks; stripping the slice
        once is all those need.
        """
        block = self.text[start:stop]
        if "\n" in block or (self.marks and ("\u200e" in block or "\u200f" in block)):
            return clean_block(block)
        return block.rstrip()

    def _new_sender(self, raw: str) -> _Sender:
        notice = phrases.NOTICE_VERB.search(raw) is not None
        sender = self.senders[raw] = _Sender(clean_author(raw), notice)
        return sender

    def _system(self, start: int, stop: int, stamp: str) -> None:
        text = self._text(start, stop)
        self.entries.append(
            new_entry(timestamp=stamp, author=None, text=text, kind="system")
        )

    def _android(self, rest: str, start: int, stop: int, stamp: str) -> None:
        raw, colon, body = rest.partition(": ")
        if not colon:
            self._system(start, stop, stamp)
            return
        sender = self.senders.get(raw) or self._new_sender(raw)
        if sender.may_start_notice and phrases.SYSTEM_WITH_COLON.match(rest):
            self._system(start, stop, stamp)
            return
        if stop - start != len(rest) or self.marks:
            text = self._text(start + len(raw) + 2, stop)
            self._message(stamp, sender.name, text)
            return

        text = body.rstrip()  # one line: the header's own
        if text[-1:] in _SPECIAL_LAST or text[-4:].lower() in _SPECIAL_ENDINGS:
            self._message(stamp, sender.name, text)  # "" too: an empty text
            return
        # A plain one-line message, most of any chat: ``_message`` inlined.
        entry = _MESSAGE.copy()
        entry["timestamp"] = stamp
        entry["author"] = sender.name
        entry["text"] = text
        self.entries.append(entry)

    def _ios(self, rest: str, start: int, stop: int, stamp: str) -> None:
        split = rest.find(": \u200e")
        if split < 0:
            split = rest.find(": ")
        if split < 0:
            self._system(start, stop, stamp)
            return

        raw = rest[:split]
        sender = (self.senders.get(raw) or self._new_sender(raw)).name
        entry = self._message(stamp, sender, self._text(start + split + 2, stop))
        marked = rest.startswith("\u200e", split + 2)
        if _is_ios_system(entry, sender, marked):
            entry.update(type="system", author=None, actor=sender)
            self.has_actors = True

    def _message(self, stamp: str, author: str, text: str) -> Entry:
        edited = False
        if text.endswith(">"):
            text, edited = phrases.split_edit_marker(text)
        media_omitted = deleted = False
        if len(text) <= _LONGEST_NOTICE and "\n" not in text:
            media_omitted = phrases.is_media_omitted(text)
            deleted = phrases.is_deleted(text)
        attachment = caption = None
        if ")" in text or ">" in text:
            attachment, caption = _attachment(text)

        # Copying a finished dict is cheaper than building one key by key.
        entry = _MESSAGE.copy()
        entry["timestamp"] = stamp
        entry["author"] = author
        entry["text"] = text
        if edited or deleted or media_omitted or attachment is not None:
            entry.update(
                edited=edited,
                deleted=deleted,
                media_omitted=media_omitted,
                attachment=attachment,
                caption=caption,
            )
        self.entries.append(entry)
        return entry


def _hour(hour: int, marker: str | None) -> int | None:
    if marker is None:
        return hour if hour < 24 else None
    if not 1 <= hour <= 12:
        return None
    is_pm = marker.lower().startswith(_PM_MARKERS)
    return hour % 12 + (12 if is_pm else 0)


def _attachment(text: str) -> tuple[str | None, str | None]:
    first, _, caption = text.partition("\n")
    match = phrases.ANDROID_ATTACHMENT.match(first) or phrases.IOS_ATTACHMENT.match(
        first
    )
    if match is None:
        return None, None
    return match["file"].strip(), caption or None


def _is_ios_system(entry: Entry, sender: str, marked: bool) -> bool:
    if entry["media_omitted"] or entry["deleted"] or entry["attachment"]:
        return False
    text: str = entry["text"]
    if marked:
        return phrases.IOS_PERSONAL_EVENT.match(text) is None
    return text.startswith(sender + " ") and bool(phrases.SYSTEM_WITH_COLON.match(text))


def _forget_chat_name_actors(entries: list[Entry]) -> None:
    """iOS puts the chat's name in the sender slot of some system lines."""
    authors = {entry["author"] for entry in entries if entry["type"] == "message"}
    for entry in entries:
        actor = entry["actor"]
        if actor is None or actor in authors:
            continue
        if not entry["text"].startswith(actor):
            entry["actor"] = None
