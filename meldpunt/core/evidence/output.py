# SPDX-License-Identifier: EUPL-1.2
"""The documented ``meldpunt.evidence/1`` shape, as it is printed.

The parsers keep a few extra facts per entry and per mail (the iOS actor of a
system line, the logbook time of a mail) for the importer; what is printed or
handed to others holds the keys EVIDENCE-FORMAT.md names, in its order, plus
the quote, reactions and UTC offset of a chat message where it has them.
"""

from __future__ import annotations

import json
from typing import Any

SOURCE_KEYS = (
    "filename",
    "sha256",
    "size",
    "encoding",
    "platform",
    "date_order",
    "ambiguous_dates",
    "members",
)
ENTRY_KEYS = (
    "index",
    "type",
    "timestamp",
    "author",
    "text",
    "edited",
    "deleted",
    "media_omitted",
    "attachment",
    "attachment_in_archive",
    "caption",
)
MESSAGE_KEYS = (
    "subject",
    "from_name",
    "from_address",
    "to",
    "cc",
    "date",
    "date_source",
    "message_class",
    "body_plain",
    "body_html",
    "attachments",
)
ATTACHMENT_KEYS = ("filename", "content_type", "size", "sha256", "message")
# What some chats record beyond the documented entry (a Signal quote, its
# reactions, the sender's own UTC offset): printed after the documented keys,
# only in the entries that have it, so no other entry changes shape.
EXTRA_ENTRY_KEYS = ("quote", "reactions", "timestamp_with_offset")


def as_format(parsed: dict[str, Any]) -> dict[str, Any]:
    """Return ``parsed`` reduced to the documented keys, in documented order."""
    message = parsed.get("message")
    return {
        "format": parsed["format"],
        "kind": parsed["kind"],
        "source": _pick(parsed["source"], SOURCE_KEYS),
        "warnings": list(parsed["warnings"]),
        "entries": [_entry(entry) for entry in parsed["entries"]],
        "message": None if message is None else _mail(message),
    }


def to_json(parsed: dict[str, Any]) -> str:
    """The documented shape as indented JSON, non-ASCII characters kept."""
    return json.dumps(as_format(parsed), ensure_ascii=False, indent=2)


def _entry(entry: dict[str, Any]) -> dict[str, Any]:
    result = _pick(entry, ENTRY_KEYS)
    for key in EXTRA_ENTRY_KEYS:
        value = entry.get(key)
        if value:
            result[key] = list(value) if key == "reactions" else value
    return result


def _mail(message: dict[str, Any]) -> dict[str, Any]:
    result = _pick(message, MESSAGE_KEYS)
    result["attachments"] = [
        _attachment(item) for item in message.get("attachments", [])
    ]
    return result


def _attachment(item: dict[str, Any]) -> dict[str, Any]:
    result = _pick(item, ATTACHMENT_KEYS)
    inner = item.get("message")
    result["message"] = None if inner is None else _mail(inner)
    return result


def _pick(values: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: values.get(key) for key in keys}
