# SPDX-License-Identifier: EUPL-1.2
"""Turn a parse into logbook entries: kind, channel, direction, time, text."""

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from django.template.defaultfilters import filesizeformat
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
        found = mails(message)
        return list(
            dict.fromkeys(p for mail in found for p in _mail_people(mail.message))
        )
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
            text=chat_text(item, stored=found is not None),
            participants=item["author"] or item.get("actor") or "",
            occurred_at=local_time(item, zone),
            source_index=index,
            files=(found,) if found else (),
        )


def chat_text(item: dict[str, Any], *, stored: bool = False) -> str:
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
    parts = [_quoted(item), item["text"], _attachment(item, stored), _reactions(item)]
    return "\n\n".join(part for part in parts if part)


def _attachment(item: dict[str, Any], stored: bool) -> str:
    """Name the attached file where the text does not (Signal exports).

    WhatsApp writes the file's name into the text; Signal keeps it apart, and
    a message that is only a photo would otherwise read as an empty message.
    """
    attachment = item.get("attachment")
    if not attachment:
        return ""
    name = PurePosixPath(attachment).name
    if name in item["text"]:
        return ""
    if stored:
        return _("Attachment: %(name)s (stored with this entry)") % {"name": name}
    return _("Attachment: %(name)s (not in the imported file)") % {"name": name}


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


@dataclass(frozen=True)
class Mail:
    """One mail of a saved mail file: the file's own, or one attached to it.

    ``index`` is the mail's place in a depth-first walk of the parse, the
    file's own mail being 0; it is the entry's ``source_index``.
    """

    index: int
    message: dict[str, Any]
    carrier: "Mail | None"
    own_time: datetime | None

    @property
    def depth(self) -> int:
        """How many mails carry this one: 0 for the file's own."""
        return 0 if self.carrier is None else self.carrier.depth + 1

    @property
    def time(self) -> datetime | None:
        """Its own time, else that of the nearest mail carrying it that has one."""
        if self.own_time is not None or self.carrier is None:
            return self.own_time
        return self.carrier.time


def mails(message: dict[str, Any]) -> list[Mail]:
    """Every mail in a parsed mail file, depth-first, the file's own first."""
    found: list[Mail] = []

    def visit(current: dict[str, Any], carrier: Mail | None) -> None:
        mail = Mail(len(found), current, carrier, _mail_time(current))
        found.append(mail)
        for attachment in current["attachments"]:
            if attachment.get("message") is not None:
                visit(attachment["message"], mail)

    visit(message, None)
    return found


def mail_entries(parsed: dict[str, Any], *, ours: set[str]) -> list[NewEntry]:
    """One communication entry per mail: the saved one and every attached one.

    A forwarded mail attached to another (``message/rfc822`` or an Outlook
    embedded message) has its own sender, recipients and time, so it is a
    statement of its own. Entries are written in order of time; a mail
    carried by another comes before it when their times are equal, as it
    existed first. A mail without a date of its own takes the time of the
    mail that carries it, and its text says so; when no mail in the chain has
    a time, the entry takes the time of the import, and says that instead.
    Text forwarded inline in a body ("---------- Forwarded message") stays in
    the body of the mail that holds it: its quoted headers are written by
    the forwarding program in any language and layout, and cannot be read
    back reliably.
    """
    channel = CHANNELS[parsed["kind"]]

    def order(mail: Mail) -> tuple[bool, datetime, int, int]:
        moment = mail.time
        return (moment is None, moment or _EARLIEST, -mail.depth, mail.index)

    found = sorted(mails(parsed["message"]), key=order)
    return [_mail_entry(mail, channel, ours) for mail in found]


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _mail_entry(mail: Mail, channel: str, ours: set[str]) -> NewEntry:
    message = mail.message
    people = list(dict.fromkeys(_mail_people(message)))
    sender = people[0] if message["from_address"] or message["from_name"] else None
    notes = []
    if mail.carrier is not None:
        notes.append(
            _("Attached to the mail “%(subject)s” from %(sender)s.")
            % {
                "subject": mail.carrier.message["subject"] or _("(no subject)"),
                "sender": _sender(mail.carrier.message),
            }
        )
    if mail.own_time is None:
        notes.append(
            _(
                "This mail has no date of its own; it is recorded at the time of "
                "the mail it was attached to."
            )
            if mail.time is not None
            else _("This mail has no date; it is recorded at the time of the import.")
        )
    body = message["body_plain"] or message["body_html"] or ""
    text = "\n\n".join(part for part in ("\n".join(notes), body) if part)
    text = _followed_by(text, _attachment_list(message))
    return NewEntry(
        kind=EntryKind.COMMUNICATION,
        channel=channel,
        direction=direction(sender, people, ours),
        summary=_shorten(message["subject"] or _("(no subject)")),
        text=text,
        participants="; ".join(people),
        occurred_at=mail.time,
        source_index=mail.index,
    )


def attached_files(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The files attached to a mail, by name and size; attached mails not.

    An attached mail is an entry of its own (see :func:`mail_entries`).
    """
    return [
        {"filename": attachment["filename"] or "", "size": attachment["size"]}
        for attachment in message["attachments"]
        if attachment.get("message") is None
    ]


def file_label(attachment: dict[str, Any]) -> str:
    """An attached file as people read it: its name and its size."""
    return _("%(name)s (%(size)s)") % {
        "name": attachment["filename"] or _("(no file name)"),
        "size": filesizeformat(attachment["size"]),
    }


def _attachment_list(message: dict[str, Any]) -> str:
    files = attached_files(message)
    if not files:
        return ""
    lines = [_("Attachments:")]
    lines.extend(f"- {file_label(attachment)}" for attachment in files)
    return "\n".join(lines)


def _followed_by(text: str, more: str) -> str:
    """``more`` after ``text`` and one blank line, ``text`` kept as it is."""
    if not more or not text:
        return text or more
    return text + ("\n" if text.endswith("\n") else "\n\n") + more


def _mail_time(message: dict[str, Any]) -> datetime | None:
    stamp = message.get("logbook_timestamp") or message.get("date")
    if not stamp:
        return None
    moment = datetime.fromisoformat(stamp)
    # A Date of "-0000" says the time is in UTC and the local zone unknown
    # (RFC 5322 3.3); Python then gives a naive time.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _sender(message: dict[str, Any]) -> str:
    name, address = message["from_name"], message["from_address"]
    if name and address:
        return f"{name} <{address}>"
    return name or address or _("an unknown sender")


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
    if not first_line and item.get("attachment"):
        first_line = _("Attachment: %(name)s") % {
            "name": PurePosixPath(item["attachment"]).name
        }
    elif not first_line and item.get("deleted"):
        first_line = _("(deleted message)")
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
    if message["from_name"] or message["from_address"]:
        yield _sender(message)
    yield from message["to"]
    yield from message["cc"]
