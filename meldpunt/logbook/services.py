# SPDX-License-Identifier: EUPL-1.2
"""The logbook's write API: every entry is appended here, and only here."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from meldpunt.core.chain import GENESIS, entry_hash
from meldpunt.incidents.models import Incident

from .models import Channel, Direction, EntryKind, Evidence, LogbookEntry
from .storage import StoredFile, delete_stored, store_encrypted

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UploadedEvidence:
    name: str
    data: bytes


def entry_content(
    entry: LogbookEntry, evidence: Sequence[Evidence]
) -> dict[str, object]:
    """The fields the hash covers, in a form that survives any database."""
    return {
        "incident": entry.incident.reference,
        "sequence": entry.sequence,
        "kind": entry.kind,
        "channel": entry.channel,
        "direction": entry.direction,
        "occurred_at": _utc(entry.occurred_at),
        "recorded_at": _utc(entry.recorded_at),
        "author": entry.author_id,
        "participants": entry.participants,
        "summary": entry.summary,
        "text": entry.text,
        "reasons": entry.reasons,
        "corrects": entry.corrects.sequence if entry.corrects else None,
        "evidence": [
            {"name": item.original_name, "sha256": item.sha256, "size": item.size}
            for item in sorted(evidence, key=lambda item: item.stored_name)
        ],
    }


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def append_entry(
    *,
    incident: Incident,
    actor: AbstractBaseUser | None,
    kind: EntryKind,
    summary: str,
    channel: Channel = Channel.SYSTEM,
    direction: Direction = Direction.INTERNAL,
    text: str = "",
    reasons: str = "",
    participants: str = "",
    occurred_at: datetime | None = None,
    corrects: LogbookEntry | None = None,
    files: Sequence[UploadedEvidence] = (),
    recorded_at: datetime | None = None,
) -> LogbookEntry:
    """Append one entry (with its evidence) to ``incident``'s chain.

    The incident row is locked for the whole transaction, so two writers to
    one chain take turns and each sees the other's head.
    """
    stored = [
        (upload.name, store_encrypted(upload.data, upload.name)) for upload in files
    ]
    try:
        with transaction.atomic():
            return _append_locked(
                incident=incident,
                actor=actor,
                kind=kind,
                summary=summary,
                channel=channel,
                direction=direction,
                text=text,
                reasons=reasons,
                participants=participants,
                occurred_at=occurred_at,
                recorded_at=recorded_at,
                corrects=corrects,
                stored=stored,
            )
    except BaseException:
        for _name, stored_file in stored:
            delete_stored(stored_file.stored_name)
        raise


def _append_locked(
    *,
    incident: Incident,
    actor: AbstractBaseUser | None,
    stored: list[tuple[str, StoredFile]],
    corrects: LogbookEntry | None,
    occurred_at: datetime | None,
    recorded_at: datetime | None = None,
    **fields: str,
) -> LogbookEntry:
    Incident.objects.select_for_update().only("id").get(pk=incident.pk)
    head = (
        LogbookEntry.objects.filter(incident=incident)
        .order_by("-sequence")
        .values_list("sequence", "entry_hash")
        .first()
    )
    sequence, previous_hash = (head[0] + 1, head[1]) if head else (1, GENESIS)
    if corrects is not None and corrects.incident_id != incident.pk:
        raise ValueError("correction_of_other_incident")

    now = recorded_at or timezone.now()
    entry = LogbookEntry(
        incident=incident,
        sequence=sequence,
        author=actor,
        occurred_at=occurred_at or now,
        recorded_at=now,
        corrects=corrects,
        previous_hash=previous_hash,
        **fields,
    )
    evidence = [
        Evidence(
            incident=incident,
            original_name=name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            stored_name=item.stored_name,
            uploaded_at=now,
        )
        for name, item in stored
    ]
    entry.entry_hash = entry_hash(entry_content(entry, evidence), previous_hash)
    entry.save()
    for item in evidence:
        item.entry = entry
    Evidence.objects.bulk_create(evidence)

    logger.info(
        "logbook_entry_appended",
        extra={"incident_id": incident.pk, "sequence": sequence, "kind": entry.kind},
    )
    return entry
