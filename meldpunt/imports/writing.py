# SPDX-License-Identifier: EUPL-1.2
"""Write a confirmed import into the logbook, all entries or none."""

import logging
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meldpunt.logbook.models import Channel, EntryKind, Evidence
from meldpunt.logbook.services import (
    NewEntry,
    StoredEvidence,
    append_entries,
    record_language,
)
from meldpunt.logbook.storage import StoredFile, delete_stored

from .entries import chat_entries, mail_entries
from .models import Import, ImportStatus
from .selection import describe, from_indexes, left_out, selected_indexes
from .wording import date_order_words, kind_words, translated

logger = logging.getLogger(__name__)

PROGRESS_STEP = 1000


def write_entries(
    record: Import, parsed: dict[str, Any], media: dict[str, StoredEvidence]
) -> None:
    """Append the header entry and every selected entry in one transaction."""
    with record_language():
        prepared = _prepared(record, parsed, media)
        entries = [_header(record, parsed, len(prepared)), *prepared]
    source = StoredEvidence(
        record.original_name,
        StoredFile(
            stored_name=record.stored_name,
            sha256=record.sha256,
            size=record.size,
            content_type=record.content_type,
        ),
    )

    with transaction.atomic():
        locked = Import.objects.select_for_update().get(pk=record.pk)
        if locked.status != ImportStatus.RUNNING:
            # Another run finished it first; keep nothing of this one.
            for item in media.values():
                delete_stored(item.stored.stored_name)
            return
        built = append_entries(
            incident=record.incident,
            actor=record.created_by,
            entries=entries,
            source=source,
        )
        locked.status = ImportStatus.DONE
        locked.progress_done = locked.progress_total
        locked.first_sequence = built[0].sequence
        locked.last_sequence = built[-1].sequence
        locked.source_evidence = Evidence.objects.get(stored_name=record.stored_name)
        locked.error = ""
        locked.save()
    logger.info("import_done", extra={"import_id": record.pk, "entries": len(built)})


def _prepared(
    record: Import, parsed: dict[str, Any], media: dict[str, StoredEvidence]
) -> list[NewEntry]:
    ours = set(record.ours)
    if parsed["message"] is not None:
        # A mail file is imported whole: the mail and every mail attached to it.
        return mail_entries(parsed, ours=ours)

    indexes = selected_indexes(record.selection, len(parsed["entries"]))
    built = chat_entries(
        parsed, indexes, zone=ZoneInfo(record.time_zone), ours=ours, media=media
    )
    prepared: list[NewEntry] = []
    while chunk := list(islice(built, PROGRESS_STEP)):
        prepared.extend(chunk)
        Import.objects.filter(pk=record.pk).update(progress_done=len(prepared))
    return prepared


def _header(record: Import, parsed: dict[str, Any], count: int) -> NewEntry:
    # A mail file has no choice of entries: all of its mails are imported.
    total = count if parsed["message"] is not None else record.entries_total
    summary = ngettext(
        "Evidence imported: %(name)s (%(count)s of %(total)s entry)",
        "Evidence imported: %(name)s (%(count)s of %(total)s entries)",
        total,
    ) % {"name": record.original_name, "count": count, "total": total}
    return NewEntry(
        kind=EntryKind.NOTE,
        channel=Channel.SYSTEM,
        summary=summary[:300],
        text="\n".join(_header_lines(record, parsed, count)),
    )


def _header_lines(record: Import, parsed: dict[str, Any], count: int) -> list[str]:
    source = parsed["source"]
    lines = [
        _("File: %(name)s, %(size)s bytes, SHA-256 %(sha)s")
        % {"name": record.original_name, "size": record.size, "sha": record.sha256},
        _("Kind: %(kind)s") % {"kind": kind_words(parsed["kind"])},
    ]
    if source["date_order"]:
        chosen = _(", chosen by the person importing") if record.date_order else ""
        lines.append(
            _("Date order: %(order)s%(chosen)s")
            % {"order": date_order_words(source["date_order"]), "chosen": chosen}
        )
    before = record.summary.get("imported_before")
    if before:
        lines.append(
            _("Imported before from this file, and left out: entries %(entries)s")
            % {"entries": describe(before)}
        )
    if record.summary.get("own_offsets"):
        lines.append(_("Times read with the UTC offset the file gives each of them"))
    elif parsed["message"] is None:
        lines.append(_("Times read in time zone %(zone)s") % {"zone": record.time_zone})
    elif count > 1:
        lines.append(
            _(
                "Mails: the saved mail and %(count)s attached to it, each an entry "
                "of its own"
            )
            % {"count": count - 1}
        )
    if record.ours:
        lines.append(
            _("Participants of our organisation: %(names)s")
            % {"names": ", ".join(record.ours)}
        )
    total = record.entries_total
    skipped = from_indexes(
        set(selected_indexes(left_out(record.selection, total), total))
        - set(selected_indexes(before or [], total))
    )
    if skipped:
        lines.append(
            _("Entries not imported by choice: %(ranges)s")
            % {"ranges": describe(skipped)}
        )
    lines.extend(
        _("Warning: %(text)s") % {"text": translated(warning)}
        for warning in parsed["warnings"]
    )
    return lines
