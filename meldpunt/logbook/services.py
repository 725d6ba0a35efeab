# SPDX-License-Identifier: EUPL-1.2
"""The logbook's write API: every entry is appended here, and only here."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.core.chain import GENESIS, entry_hash
from meldpunt.incidents.models import Incident

from .models import (
    ChainHead,
    Channel,
    Direction,
    EntryKind,
    Evidence,
    LogbookEntry,
)
from .storage import StoredFile, delete_stored, store_encrypted
from .uploads import upload_problem

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
            {
                "name": item.original_name,
                "sha256": item.sha256,
                "size": item.size,
                "type": item.content_type,
            }
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
) -> LogbookEntry:
    """Append one entry (with its evidence) to ``incident``'s chain.

    The incident row is locked for the whole transaction, so two writers to
    one chain take turns and each sees the other's head. Files are checked
    before anything is stored, and removed again if the entry is not written.
    """
    refuse_bad_uploads(files)
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
                corrects=corrects,
                stored=stored,
            )
    except BaseException:
        for _name, stored_file in stored:
            delete_stored(stored_file.stored_name)
        raise


def refuse_bad_uploads(files: Sequence[UploadedEvidence]) -> None:
    problems = [problem for f in files if (problem := upload_problem(f.name, f.data))]
    if problems:
        raise ValidationError(problems)


def _append_locked(
    *,
    incident: Incident,
    actor: AbstractBaseUser | None,
    stored: list[tuple[str, StoredFile]],
    corrects: LogbookEntry | None,
    occurred_at: datetime | None,
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

    now = timezone.now()
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
    ChainHead.objects.update_or_create(
        incident=incident,
        defaults={"sequence": sequence, "entry_hash": entry.entry_hash},
    )

    logger.info(
        "logbook_entry_appended",
        extra={"incident_id": incident.pk, "sequence": sequence, "kind": entry.kind},
    )
    return entry


def record_entry(
    *,
    incident: Incident,
    actor: AbstractBaseUser,
    kind: EntryKind,
    channel: Channel,
    direction: Direction,
    occurred_at: datetime,
    summary: str,
    participants: str = "",
    text: str = "",
    reasons: str = "",
    corrects_sequence: int | None = None,
    files: Sequence[UploadedEvidence] = (),
) -> LogbookEntry:
    """Record what a person did or heard, as they enter it on the case page."""
    if kind == EntryKind.DECISION and not reasons.strip():
        raise ValidationError(_("Give the reasons for the decision."))
    corrects = None
    if corrects_sequence is not None:
        corrects = LogbookEntry.objects.filter(
            incident=incident, sequence=corrects_sequence
        ).first()
        if corrects is None:
            raise ValidationError(_("The entry to correct does not exist."))

    return append_entry(
        incident=incident,
        actor=actor,
        kind=kind,
        channel=channel,
        direction=direction,
        occurred_at=occurred_at,
        summary=summary,
        participants=participants,
        text=text,
        reasons=reasons,
        corrects=corrects,
        files=files,
    )


def last_channel_of(actor: AbstractBaseUser) -> Channel:
    """The channel ``actor`` recorded last, so a run of calls needs no re-picking."""
    channel = (
        LogbookEntry.objects.filter(author=actor)
        .exclude(channel__in=[Channel.SYSTEM, Channel.WEB])
        .order_by("-recorded_at", "-id")
        .values_list("channel", flat=True)
        .first()
    )
    return Channel(channel) if channel else Channel.EMAIL
