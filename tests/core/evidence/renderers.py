# SPDX-License-Identifier: EUPL-1.2
"""Write chats in each supported export layout, for round-trip tests."""

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

NNBSP = "\u202f"


@dataclass(frozen=True)
class Message:
    moment: datetime
    author: str
    text: str
    quote: str | None = None


@dataclass(frozen=True)
class WhatsAppStyle:
    platform: str  # "android", "ios" or "ios-old" ("date time: Name: text")
    order: str
    separator: str  # "/", "-", "." or ". " (Hungarian, Korean: "2024. 3. 5.")
    long_year: bool
    twelve_hour: str | None  # None, "AM", "am", "a. m.", "zh", "ko"
    joiner: str  # between date and time: "", ",", " à"
    non_contact: bool
    padded: bool = True  # "05" rather than "5" for a day before 10


def whatsapp_date(moment: datetime, style: WhatsAppStyle) -> str:
    year = f"{moment.year:04d}" if style.long_year else f"{moment.year % 100:02d}"
    day = f"{moment.day:02d}" if style.padded else f"{moment.day}"
    month = f"{moment.month}"
    parts = {"DMY": (day, month, year), "MDY": (month, day, year)}
    padded_month = f"{moment.month:02d}" if style.padded else month
    first, second, third = parts.get(style.order, (year, padded_month, day))
    end = "." if style.separator == ". " else ""
    return style.separator.join((first, second, third)) + end


def whatsapp_time(moment: datetime, style: WhatsAppStyle) -> str:
    seconds = f":{moment.second:02d}" if style.platform != "android" else ""
    if style.twelve_hour is None:
        return f"{moment.hour:02d}:{moment.minute:02d}{seconds}"
    hour = moment.hour % 12 or 12
    marker = {
        "AM": ("AM", "PM"),
        "am": ("am", "pm"),
        "a. m.": ("a. m.", "p. m."),
        "zh": ("上午", "下午"),
        "ko": ("오전 ", "오후 "),
    }
    morning, evening = marker[style.twelve_hour]
    label = morning if moment.hour < 12 else evening
    if style.twelve_hour in ("zh", "ko"):  # the marker before the time
        return f"{label}{hour}:{moment.minute:02d}{seconds}"
    return f"{hour}:{moment.minute:02d}{seconds}{NNBSP}{label}"


def whatsapp_header(moment: datetime, style: WhatsAppStyle) -> str:
    stamp = whatsapp_date(moment, style)
    stamp += style.joiner + " " + whatsapp_time(moment, style)
    if style.platform == "ios":
        return f"[{stamp}] "
    if style.platform == "ios-old":
        return f"{stamp}: "
    return f"{stamp} - "


def render_whatsapp(messages: list[Message], style: WhatsAppStyle) -> str:
    lines = []
    for message in messages:
        prefix = "~" + NNBSP if style.non_contact else ""
        header = whatsapp_header(message.moment, style)
        lines.append(f"{header}{prefix}{message.author}: {message.text}")
    return "\n".join(lines) + "\n"


def render_signal_markdown(messages: list[Message], *, seconds: bool) -> str:
    blocks = []
    for message in messages:
        shape = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
        quote = ""
        if message.quote is not None:
            quote = "\n\n> " + message.quote.replace("\n", "\n> ") + "\n\n"
        body = message.text.replace("\n", "  \n") + "  "
        stamp = message.moment.strftime(shape)
        blocks.append(f"[{stamp}] {message.author}: {quote}{body}\n")
    return ("\n" if seconds else "").join(blocks)


def render_signal_jsonl(messages: list[Message]) -> str:
    import json

    rows = []
    for message in messages:
        quote = "" if message.quote is None else "\n\n> " + message.quote + "\n\n"
        record = {
            "date": message.moment.isoformat(),
            "sender": message.author,
            "body": message.text + "  ",
            "quote": quote,
            "sticker": None,
            "reactions": [],
            "attachments": [],
            "deleted": False,
        }
        rows.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(rows) + "\n"


def render_sigtop(messages: list[Message]) -> str:
    lines = ["Conversation: Test", ""]
    for message in messages:
        lines += [f"From: {message.author}", "Type: incoming"]
        lines.append("Sent: " + message.moment.strftime("%a, %-d %b %Y %H:%M:%S %z"))
        lines.append("Received: " + format_datetime(message.moment))
        if message.quote is not None:
            lines += [
                "",
                "> From: Someone",
                "> Sent: " + format_datetime(message.moment),
            ]
            lines += [">"] + [
                f"> {line}".rstrip() for line in message.quote.split("\n")
            ]
        lines += ["", *message.text.split("\n"), ""]
    return "\n".join(lines)
