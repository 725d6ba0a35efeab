# SPDX-License-Identifier: EUPL-1.2
"""Media in a ZIP export: stored as evidence of the message that sent them."""

from pathlib import PurePosixPath
from typing import Any

from meldpunt.core.evidence import ArchiveLimits
from meldpunt.core.evidence.archive import open_archive, read_member
from meldpunt.logbook.services import StoredEvidence
from meldpunt.logbook.storage import delete_stored, store_encrypted

from .models import Import
from .selection import selected_indexes


def store_linked_media(
    data: bytes, record: Import, parsed: dict[str, Any], limits: ArchiveLimits
) -> dict[str, StoredEvidence]:
    """Encrypt every archive member a selected message refers to.

    Returns them by file name; on failure nothing stays stored.
    """
    wanted = _wanted_names(record, parsed)
    if not wanted:
        return {}
    stored: dict[str, StoredEvidence] = {}
    try:
        with open_archive(data, record.original_name, limits) as archive:
            members = {PurePosixPath(name).name: name for name in archive.namelist()}
            for base in sorted(wanted):
                raw = read_member(
                    archive, members[base], record.original_name, limits.max_total_size
                )
                stored[base] = StoredEvidence(base, store_encrypted(raw, base))
    except BaseException:
        for item in stored.values():
            delete_stored(item.stored.stored_name)
        raise
    return stored


def _wanted_names(record: Import, parsed: dict[str, Any]) -> set[str]:
    entries = parsed["entries"]
    indexes = selected_indexes(record.selection, len(entries))
    return {
        PurePosixPath(entries[index]["attachment"]).name
        for index in indexes
        if entries[index]["attachment_in_archive"]
    }
