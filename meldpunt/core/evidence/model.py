# SPDX-License-Identifier: EUPL-1.2
"""Plain-data building blocks of the ``meldpunt.evidence/1`` output."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from .phrase import Phrase, gettext_noop

FORMAT = "meldpunt.evidence/1"

Entry = dict[str, Any]
MailMessage = dict[str, Any]


def new_entry(
    *,
    timestamp: str,
    author: str | None,
    text: str,
    kind: str = "message",
) -> Entry:
    """Return a chat entry with every key of the format present."""
    return {
        "index": 0,
        "type": kind,
        "timestamp": timestamp,
        "author": author,
        "text": text,
        "edited": False,
        "deleted": False,
        "media_omitted": False,
        "attachment": None,
        "attachment_in_archive": False,
        "caption": None,
        "actor": None,
        "quote": None,
        "quote_author": None,  # who wrote the quoted message, where the export says
        "reactions": (),  # a list of [name, emoji] pairs where there are any
        "timestamp_with_offset": None,
    }


@dataclass
class Source:
    """What is known about the file itself."""

    filename: str
    data_sha256: str
    size: int
    encoding: str | None = None
    platform: str | None = None
    date_order: str | None = None
    ambiguous_dates: bool = False
    members: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "sha256": self.data_sha256,
            "size": self.size,
            "encoding": self.encoding,
            "platform": self.platform,
            "date_order": self.date_order,
            "ambiguous_dates": self.ambiguous_dates,
            "members": list(self.members),
        }


@dataclass
class ChatParse:
    """A parsed chat before it is wrapped in the output document."""

    entries: list[Entry]
    warnings: list[Phrase] = field(default_factory=list)
    encoding: str | None = None
    platform: str | None = None
    date_order: str | None = None
    ambiguous_dates: bool = False


def more_attachments_warnings(entries: list[Entry]) -> list[Phrase]:
    """Name the attachments beyond the first, which ``attachment`` cannot hold.

    The parsers park them under a private key that this removes again, so the
    output keeps the documented entry shape.
    """
    warnings = []
    for number, entry in enumerate(entries):
        others = entry.pop("other_attachments", None)
        if others:
            warnings.append(
                Phrase(
                    gettext_noop(
                        "entry %(number)s has %(count)s attachments; besides "
                        "%(first)s it also has: %(others)s"
                    ),
                    number=number + 1,  # as the preview numbers entries
                    count=len(others) + 1,
                    first=repr(entry["attachment"]),
                    others=", ".join(others),
                )
            )
    return warnings


def source_for(filename: str, data: bytes) -> Source:
    """Describe the original bytes: name, size and SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    return Source(filename=filename, data_sha256=digest, size=len(data))


def document(
    *,
    kind: str,
    source: Source,
    warnings: list[Phrase],
    entries: list[Entry] | None = None,
    message: MailMessage | None = None,
) -> dict[str, Any]:
    """Assemble the output document; chats get entries, mails a message."""
    for index, entry in enumerate(entries or []):
        entry["index"] = index

    return {
        "format": FORMAT,
        "kind": kind,
        "source": source.as_dict(),
        "warnings": warnings,
        "entries": entries if entries is not None else [],
        "message": message,
    }
