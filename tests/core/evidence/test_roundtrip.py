# SPDX-License-Identifier: EUPL-1.2
"""Chats written in every supported layout parse back to the same messages."""

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.core.evidence import parse_bytes
from meldpunt.core.evidence import whatsapp_phrases as phrases
from meldpunt.core.evidence.signal_markdown import _LINKS, _REACTIONS

from .renderers import (
    Message,
    WhatsAppStyle,
    render_signal_jsonl,
    render_signal_markdown,
    render_sigtop,
    render_whatsapp,
    whatsapp_header,
)

CHARACTERS = st.sampled_from(
    list("abcdefXYZ019 :-[]()<>~.,/'\"")
    + ["👍", "🇳🇱", "é", "ß", "ש", "ل", "\u202f", "\u00a0", "\u2011", "\u200b", "\u2067"]
)
NAMES = st.sampled_from(
    [
        "Sanne Voorbeeld",
        "Zoë",
        "محمد علي",
        "דנה",
        "+31 6\u201100000001",
        "Ana 🌻",
        "Lee",
    ]
)
EXAMPLES = settings(max_examples=40, deadline=None)


def _line() -> st.SearchStrategy[str]:
    return st.lists(CHARACTERS, max_size=20).map(lambda chars: "".join(chars).rstrip())


def _plain(text: str) -> bool:
    first = text.split("\n")[0]
    return not (
        phrases.is_media_omitted(text)
        or phrases.is_deleted(text)
        or phrases.split_edit_marker(text)[1]
        or phrases.ANDROID_ATTACHMENT.match(first)
        or phrases.IOS_ATTACHMENT.match(first)
    )


@st.composite
def texts(draw: st.DrawFn, lookalikes: list[str] | None = None) -> str:
    lines = draw(st.lists(_line(), min_size=1, max_size=4))
    if lookalikes:
        lines.insert(
            draw(st.integers(1, len(lines))), draw(st.sampled_from(lookalikes))
        )
    lines[0] = lines[0].lstrip() or "x"
    while not lines[-1]:
        lines.pop()
    return "\n".join(lines)


@st.composite
def moments(draw: st.DrawFn, count: int, seconds: bool = True) -> list[datetime]:
    start = draw(st.datetimes(datetime(2015, 1, 1), datetime(2030, 1, 1)))
    steps = draw(st.lists(st.integers(0, 90_000), min_size=count, max_size=count))
    result, current = [], start.replace(microsecond=0)
    for step in steps:
        current += timedelta(seconds=step)
        result.append(current if seconds else current.replace(second=0))
    return result


WHATSAPP_STYLES = st.builds(
    WhatsAppStyle,
    platform=st.sampled_from(["android", "ios", "ios-old"]),
    order=st.sampled_from(["DMY", "MDY", "YMD"]),
    separator=st.sampled_from(["/", "-", ".", ". "]),
    long_year=st.booleans(),
    twelve_hour=st.sampled_from([None, "AM", "am", "a. m.", "zh", "ko"]),
    joiner=st.sampled_from(["", ",", " à"]),
    non_contact=st.booleans(),
    padded=st.booleans(),
).map(lambda style: style if style.order != "YMD" else _long(style))


def _long(style: WhatsAppStyle) -> WhatsAppStyle:
    fields = {**style.__dict__, "long_year": True}
    return WhatsAppStyle(**fields)


@st.composite
def whatsapp_chats(draw: st.DrawFn) -> tuple[WhatsAppStyle, list[Message]]:
    style = draw(WHATSAPP_STYLES)
    count = draw(st.integers(1, 6))
    stamps = draw(moments(count, seconds=style.platform == "ios"))
    other = WhatsAppStyle(
        **{
            **style.__dict__,
            "platform": "ios" if style.platform == "android" else "android",
        }
    )
    old = stamps[0] - timedelta(days=2)
    lookalikes = [
        whatsapp_header(old, style) + "Iemand: eerder bericht",
        whatsapp_header(stamps[0], other) + "Iemand: ander formaat",
        whatsapp_header(stamps[0], style).strip("[] -:") + " tijdlijn zonder afzender",
    ]
    messages = [
        Message(stamp, draw(NAMES), draw(texts(lookalikes).filter(_plain)))
        for stamp in stamps
    ]
    return style, messages


@EXAMPLES
@given(whatsapp_chats())
def test_whatsapp_chats_in_every_layout_round_trip(
    chat: tuple[WhatsAppStyle, list[Message]],
) -> None:
    style, messages = chat
    data = render_whatsapp(messages, style).encode()

    parsed = parse_bytes(data, "chat.txt", date_order=style.order)

    got = [(e["timestamp"], e["author"], e["text"]) for e in parsed["entries"]]
    assert got == [(m.moment.isoformat(), m.author, m.text) for m in messages]
    assert parsed["source"]["platform"] == style.platform.removesuffix("-old")


@st.composite
def signal_chats(draw: st.DrawFn, seconds: bool = True) -> list[Message]:
    count = draw(st.integers(1, 5))
    stamps = draw(moments(count, seconds=seconds))
    old = (stamps[0] - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    lookalike = f"[{old}] Iemand: oud bericht"
    quotes = st.none() | texts().filter(lambda text: not text.startswith(">"))
    return [
        Message(
            stamp,
            draw(NAMES),
            draw(texts([lookalike]).filter(_signal_plain)),
            draw(quotes),
        )
        for stamp in stamps
    ]


def _signal_plain(text: str) -> bool:
    last = text.split("\n")[-1]
    return not (_LINKS.search(text) or _REACTIONS.match(last) or text.startswith(">"))


@EXAMPLES
@given(signal_chats(), st.booleans())
def test_signal_markdown_round_trips(messages: list[Message], seconds: bool) -> None:
    if not seconds:
        messages = [
            Message(m.moment.replace(second=0), m.author, m.text, m.quote)
            for m in messages
        ]
    data = render_signal_markdown(messages, seconds=seconds).encode()

    parsed = parse_bytes(data, "chat.md")

    got = [
        (e["timestamp"], e["author"], e["text"], e["quote"]) for e in parsed["entries"]
    ]
    assert got == [(m.moment.isoformat(), m.author, m.text, m.quote) for m in messages]


@EXAMPLES
@given(signal_chats())
def test_signal_json_lines_round_trip(messages: list[Message]) -> None:
    data = render_signal_jsonl(messages).encode()

    parsed = parse_bytes(data, "chat.jsonl")

    got = [
        (e["timestamp"], e["author"], e["text"], e["quote"]) for e in parsed["entries"]
    ]
    assert got == [(m.moment.isoformat(), m.author, m.text, m.quote) for m in messages]


@EXAMPLES
@given(signal_chats(), st.integers(-12, 14))
def test_sigtop_text_round_trips(messages: list[Message], hours: int) -> None:
    zone = timezone(timedelta(hours=hours)) if hours else UTC
    messages = [
        Message(
            m.moment.replace(tzinfo=zone), m.author, m.text.replace(">", "›"), m.quote
        )
        for m in messages
    ]
    data = render_sigtop(messages).encode()

    parsed = parse_bytes(data, "sigtop.txt")

    got = [
        (
            e["timestamp_with_offset"],
            e["author"],
            e["text"],
            e["quote"],
            e["quote_author"],
        )
        for e in parsed["entries"]
    ]
    assert got == [
        (
            m.moment.isoformat(),
            m.author,
            m.text,
            m.quote,
            None if m.quote is None else "Someone",
        )
        for m in messages
    ]
