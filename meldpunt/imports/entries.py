# SPDX-License-Identifier: EUPL-1.2
"""Turn a parse into logbook entries: kind, channel, direction, time, text."""

from collections.abc import Collection, Iterable, Iterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from meldpunt.logbook.models import Channel, Direction, EntryKind
from meldpunt.logbook.services import NewEntry, StoredEvidence

CHANNELS = {
    "whatsapp": Channel.WHATSAPP,
    "signal": Channel.SIGNAL,
    "email": Channel.EMAIL,
    "outlook-msg": Channel.EMAIL,
}
SUMMARY_LENGTH = 300


def participants(parsed: dict[str, Any]) -> list[str]:
    """Everyone who wrote or received, in order of first appearance."""
    message = parsed.get("message")
    if message is not None:
        return list(dict.fromkeys(_mail_people(message)))
    authors = (entry["author"] for entry in parsed["entries"])
    return list(dict.fromkeys(author for author in authors if author))


def direction(author: str | None, everyone: Collection[str], ours: set[str]) -> str:
    """Outgoing from our people, incoming from others, internal among ourselves."""
    if author is None or (everyone and ours.issuperset(everyone)):
        return Direction.INTERNAL
    return Direction.OUTGOING if author in ours else Direction.INCOMING


def chat_entries(
    parsed: dict[str, Any],
    indexes: Iterable[int],
    *,
    zone: ZoneInfo,
    ours: set[str],
    media: dict[str, StoredEvidence],
) -> Iterator[NewEntry]:
    """One entry per selected chat message or system line."""
    channel = CHANNELS[parsed["kind"]]
    everyone = participants(parsed)
    for index in indexes:
        item = parsed["entries"][index]
        is_message = item["type"] == "message"
        attachment = item["attachment"]
        found = media.get(PurePosixPath(attachment).name) if attachment else None
        yield NewEntry(
            kind=EntryKind.COMMUNICATION if is_message else EntryKind.SYSTEM_MESSAGE,
            channel=channel,
            direction=direction(item["author"], everyone, ours),
            summary=_summary(item),
            text=chat_text(item),
            participants=item["author"] or item.get("actor") or "",
            occurred_at=local_time(item, zone),
            source_index=index,
            files=(found,) if found else (),
        )


def chat_text(item: dict[str, Any]) -> str:
    """A chat message as the logbook keeps it: quote, text, then reactions.

    A quoted message comes first, under a label that says it is a quote (and
    whose, when the export names the author), each of its lines marked ``> ``,
    so it cannot be mistaken for what the sender wrote.

    Reactions are recorded in the entry of the message they react to, not as
    entries of their own. A reaction is a statement by a person, but Signal
    exports give no time for it: an entry of its own would need a time, and
    any we chose (the message's, the import's) would place the statement at a
    moment it was not made, in a logbook read in order of time. Kept with the
    message, each reaction names who reacted with what, and the label says
    that the export gives no time for it. The message keeps its one entry, so
    choosing entries to import chooses its reactions with it.
    """
    parts = [_quoted(item), item["text"], _reactions(item)]
    return "\n\n".join(part for part in parts if part)


def _quoted(item: dict[str, Any]) -> str:
    quote = item.get("quote")
    if quote is None:
        return ""
    author = item.get("quote_author")
    label = (
        _("Quoting %(name)s:") % {"name": author}
        if author
        else _("Quoting an earlier message:")
    )
    lines = quote.split("\n") if quote else [_("(no text)")]
    return "\n".join([label, *(f"> {line}" if line else ">" for line in lines)])


def _reactions(item: dict[str, Any]) -> str:
    reactions = item.get("reactions") or ()
    if not reactions:
        return ""
    lines = [_("Reactions (the export gives no time for them):")]
    lines.extend(
        _("%(name)s reacted with %(emoji)s") % {"name": name, "emoji": emoji}
        for name, emoji in reactions
    )
    return "\n".join(lines)


def mail_entry(parsed: dict[str, Any], *, ours: set[str]) -> NewEntry:
    """A saved mail is one communication entry; its file keeps the attachments."""
    message = parsed["message"]
    people = participants(parsed)
    sender = people[0] if message["from_address"] or message["from_name"] else None
    stamp = message.get("logbook_timestamp") or message.get("date")
    return NewEntry(
        kind=EntryKind.COMMUNICATION,
        channel=CHANNELS[parsed["kind"]],
        direction=direction(sender, people, ours),
        summary=_shorten(message["subject"] or _("(no subject)")),
        text=message["body_plain"] or message["body_html"] or "",
        participants="; ".join(people),
        occurred_at=datetime.fromisoformat(stamp) if stamp else None,
        source_index=0,
    )


def local_time(item: dict[str, Any], zone: ZoneInfo) -> datetime:
    """The entry's time: its own offset when the export has one, else ``zone``."""
    with_offset = item.get("timestamp_with_offset")
    if with_offset:
        return datetime.fromisoformat(with_offset)
    moment = datetime.fromisoformat(item["timestamp"])
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def _summary(item: dict[str, Any]) -> str:
    first_line = item["text"].split("\n", 1)[0].strip()
    summary = first_line or _("(empty message)")
    if item["edited"]:
        marker = _("(edited)")
        summary = f"{summary} {marker}"
    return _shorten(summary)


def _shorten(text: str) -> str:
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[: SUMMARY_LENGTH - 1] + "…"


def _mail_people(message: dict[str, Any]) -> Iterator[str]:
    name, address = message["from_name"], message["from_address"]
    if name and address:
        yield f"{name} <{address}>"
    elif name or address:
        yield name or address
    yield from message["to"]
    yield from message["cc"]
