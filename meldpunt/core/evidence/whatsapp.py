# SPDX-License-Identifier: EUPL-1.2
"""Parse the text of a WhatsApp chat export (Android and iOS, any locale).

A message starts with a header line (date, time, sender); every other line
continues the message above it. A line can look like a header and still be
part of a message (a pasted timeline, a quoted message), so a header only
starts a new entry when it has the file's own layout (brackets, separators,
seconds, clock style), a real date, and does not step back in time.

The file's layout is the one most of its headers have, and its date order is
decided from every date of that layout; ``whatsapp_scan`` reads the file in
one pass once both are known (see there for how a wrong guess is corrected).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import partial
from itertools import islice

from . import whatsapp_phrases as phrases
from .dateorder import DateEvidence, Decision, check_order, decide
from .decoding import split_lines
from .errors import EvidenceError
from .model import ChatParse
from .phrase import Phrase, gettext_noop
from .whatsapp_scan import (
    HEADER,
    Layout,
    Scan,
    ScanResult,
    am_pm_marker,
    date_parts,
    layout_of,
)

_SAMPLE_HEADERS = 300


def parse_whatsapp_text(
    text: str, *, date_order: str | None = None, encoding: str | None = None
) -> ChatParse:
    """Parse a WhatsApp export's text into entries, warnings and source facts."""
    requested = check_order(date_order)
    text = _without_carriage_returns(text)
    sample = list(islice(HEADER.finditer(text), _SAMPLE_HEADERS))
    if not sample:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "line 1: expected a WhatsApp message header such as "
                    "'05-03-2024 09:12 - Name: text' or "
                    "'[05-03-2024, 09:12:40] Name: text', but no line in the file "
                    "has one"
                )
            )
        )

    scan, layout, decision = _scan(text, sample, requested)
    if not scan.entries:
        line = text.count("\n", 0, sample[0].start()) + 1
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "line %(line)s: no line has the layout of a WhatsApp message "
                    "header with a valid date"
                ),
                line=line,
            )
        )
    return ChatParse(
        entries=scan.entries,
        warnings=(_decision_warnings(decision) if requested is None else [])
        + scan.warnings,
        encoding=encoding,
        platform="ios" if layout.bracketed or layout.colon_closed else "android",
        date_order=decision.order,
        ambiguous_dates=decision.ambiguous,
    )


def looks_like_whatsapp(text: str, max_lines: int = 50) -> bool:
    """True when one of the first non-empty lines is a WhatsApp header."""
    for line in islice(split_lines(text, max_lines), max_lines):
        if line and HEADER.match(line.rstrip("\r")):
            return True
    return False


def _without_carriage_returns(text: str) -> str:
    """Read CRLF line ends (a re-saved export) as LF; other CRs stay."""
    if "\r" not in text:
        return text
    text = text.replace("\r\n", "\n")
    return text[:-1] if text.endswith("\r") else text


def _scan(
    text: str, sample: list[re.Match[str]], requested: str | None
) -> tuple[ScanResult, Layout, Decision]:
    """Scan with the layout and order the sample suggests; again if wrong.

    A second pass is needed when most headers of the whole file have another
    layout than those of its start, a third when its dates prove another
    order; for an export as WhatsApp writes it, the first pass is the last.
    """
    layout, order = _guess(sample, requested)
    scan = Scan(text, layout, order).run()
    actual = _most_common(scan.layouts)
    if actual != layout:
        layout = actual
        scan = Scan(text, layout, order).run()

    hint = partial(_locale_hint, sample, layout, scan.first_marker)
    decision = decide(scan.evidence, requested, hint)
    if decision.order != order:
        scan = Scan(text, layout, decision.order).run()
    return scan, layout, decision


def _guess(sample: list[re.Match[str]], requested: str | None) -> tuple[Layout, str]:
    layouts = [layout_of(match) for match in sample]
    layout = Counter(layouts).most_common(1)[0][0]
    evidence = DateEvidence()
    for match, found in zip(sample, layouts, strict=True):
        if found == layout:
            evidence.add(date_parts(match), 0)
    first_marker = next((mark for mark in map(am_pm_marker, sample) if mark), None)
    try:
        hint = partial(_locale_hint, sample, layout, first_marker)
        return layout, decide(evidence, requested, hint).order
    except EvidenceError:
        return layout, requested or "DMY"


def _most_common(layouts: dict[Layout, tuple[int, int]]) -> Layout:
    """The layout most headers have; of equals, the one that came first."""
    return max(layouts, key=lambda layout: (layouts[layout][0], -layouts[layout][1]))


def _locale_hint(
    sample: list[re.Match[str]], layout: Layout, first_marker: str | None
) -> tuple[str, Phrase]:
    if layout.separator.strip() in ".-":
        reason = gettext_noop("dates written with '%(separator)s' are day-first")
        return "DMY", Phrase(reason, separator=layout.separator)
    if layout.joiner.strip() in ("à", "klo"):
        reason = gettext_noop("dates joined to the time with '%(word)s' are day-first")
        return "DMY", Phrase(reason, word=layout.joiner.strip())
    words = "\n".join(match["rest"] for match in sample)
    if phrases.NON_ENGLISH_WORDS.search(words):
        return "DMY", Phrase(gettext_noop("the export's language writes the day first"))
    short_year = len(date_parts(sample[0])[2]) == 2
    if first_marker is not None and first_marker[0] in "AP" and short_year:
        reason = gettext_noop(
            "the US English layout (AM/PM, two-digit year) is month-first"
        )
        return "MDY", Phrase(reason)
    return "DMY", Phrase(gettext_noop("English outside the US writes the day first"))


# A date order in a sentence, in words and as the code ``--date-order`` takes.
_ORDER_WORDS = {
    "DMY": Phrase(gettext_noop("day-month-year (%(order)s)"), order="DMY"),
    "MDY": Phrase(gettext_noop("month-day-year (%(order)s)"), order="MDY"),
    "YMD": Phrase(gettext_noop("year-month-day (%(order)s)"), order="YMD"),
}


def _decision_warnings(decision: Decision) -> list[Phrase]:
    if not decision.ambiguous:
        return []
    template = gettext_noop(
        "no date in the file proves whether the day or the month comes first; "
        "read as %(order)s because %(reason)s; "
        "give the date order explicitly if that is wrong"
    )
    order = _ORDER_WORDS[decision.order]
    return [Phrase(template, order=order, reason=decision.reason)]
