# SPDX-License-Identifier: EUPL-1.2
"""The logbook's write API: every entry is appended here, and only here."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
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
    content: dict[str, object] = {
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
    if entry.source_evidence_id is not None:
        # Only imported entries carry the key, so older hashes stay valid.
        content["source"] = {
            "sha256": entry.source_evidence.sha256,
            "index": entry.source_index,
        }
    return content


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def record_language() -> translation.override:
    """Write what Meldpunt words itself in a logbook in the organisation's
    language (``LANGUAGE_CODE``), whatever language the person acting reads.

    A logbook is one record that cannot be rewritten; entries in the language
    of whoever happened to act would make it a mix of languages for good.
    """
    return translation.override(settings.LANGUAGE_CODE)


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
                recorded_at=recorded_at,
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


@dataclass(frozen=True)
class StoredEvidence:
    """A file already encrypted into storage, with the name it came with."""

    name: str
    stored: StoredFile


@dataclass(frozen=True)
class NewEntry:
    """One entry for :func:`append_entries`."""

    kind: str
    summary: str
    channel: str = Channel.SYSTEM
    direction: str = Direction.INTERNAL
    text: str = ""
    participants: str = ""
    occurred_at: datetime | None = None
    source_index: int | None = None
    files: tuple[StoredEvidence, ...] = field(default_factory=tuple)


def append_entries(
    *,
    incident: Incident,
    actor: AbstractBaseUser | None,
    entries: Sequence[NewEntry],
    source: StoredEvidence | None = None,
    batch_size: int = 2000,
) -> list[LogbookEntry]:
    """Append many entries to ``incident``'s chain in one transaction.

    ``source`` is the file the entries were read from: it becomes evidence of
    the first entry, and every entry with a ``source_index`` points at it.
    Files must already be stored; the caller deletes them if this raises.
    """
    if not entries:
        raise ValueError("no_entries")
    with transaction.atomic():
        Incident.objects.select_for_update().only("id").get(pk=incident.pk)
        now = timezone.now()
        source_row = _source_evidence(incident, source, now)
        built, files = _chain_entries(incident, actor, entries, source_row, now)

        _insert_entries(incident, built, batch_size)
        _link_evidence(built, files, source_row)
        ChainHead.objects.update_or_create(
            incident=incident,
            defaults={
                "sequence": built[-1].sequence,
                "entry_hash": built[-1].entry_hash,
            },
        )

    logger.info(
        "logbook_entries_appended",
        extra={
            "incident_id": incident.pk,
            "first_sequence": built[0].sequence,
            "count": len(built),
        },
    )
    return built


def _source_evidence(
    incident: Incident, source: StoredEvidence | None, now: datetime
) -> Evidence | None:
    if source is None:
        return None
    row = _evidence_row(incident, source, now)
    row.save()
    return row


def _evidence_row(incident: Incident, item: StoredEvidence, now: datetime) -> Evidence:
    return Evidence(
        incident=incident,
        original_name=item.name,
        content_type=item.stored.content_type,
        size=item.stored.size,
        sha256=item.stored.sha256,
        stored_name=item.stored.stored_name,
        uploaded_at=now,
    )


def _chain_entries(
    incident: Incident,
    actor: AbstractBaseUser | None,
    entries: Sequence[NewEntry],
    source_row: Evidence | None,
    now: datetime,
) -> tuple[list[LogbookEntry], list[list[Evidence]]]:
    head = (
        LogbookEntry.objects.filter(incident=incident)
        .order_by("-sequence")
        .values_list("sequence", "entry_hash")
        .first()
    )
    sequence, previous_hash = head if head else (0, GENESIS)
    built: list[LogbookEntry] = []
    files: list[list[Evidence]] = []
    for item in entries:
        sequence += 1
        entry = LogbookEntry(
            incident=incident,
            sequence=sequence,
            kind=item.kind,
            channel=item.channel,
            direction=item.direction,
            occurred_at=item.occurred_at or now,
            recorded_at=now,
            author=actor,
            participants=item.participants,
            summary=item.summary,
            text=item.text,
            previous_hash=previous_hash,
            source_evidence=source_row if item.source_index is not None else None,
            source_index=item.source_index,
        )
        attached = [_evidence_row(incident, upload, now) for upload in item.files]
        if source_row is not None and not built:
            attached.append(source_row)
        entry.entry_hash = entry_hash(entry_content(entry, attached), previous_hash)
        previous_hash = entry.entry_hash
        built.append(entry)
        files.append(attached)
    return built, files


def _insert_entries(
    incident: Incident, built: list[LogbookEntry], batch_size: int
) -> None:
    """Insert with executemany: bulk_create's per-row SQL building is the
    slowest part of a large import. The ids are read back by sequence.
    """
    fields = [f for f in LogbookEntry._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    # Only the model's own table and column names are formatted in; every
    # value goes in as a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  # nosec B608
        quote(LogbookEntry._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(built), batch_size):
            rows = [
                [
                    f.get_db_prep_save(getattr(entry, f.attname), connection)
                    for f in fields
                ]
                for entry in built[start : start + batch_size]
            ]
            cursor.executemany(sql, rows)

    ids = dict(
        LogbookEntry.objects.filter(
            incident=incident, sequence__gte=built[0].sequence
        ).values_list("sequence", "pk")
    )
    for entry in built:
        entry.pk = ids[entry.sequence]
        entry._state.adding = False
        entry._state.db = connection.alias


def _link_evidence(
    built: list[LogbookEntry], files: list[list[Evidence]], source_row: Evidence | None
) -> None:
    new_rows = []
    for entry, attached in zip(built, files, strict=True):
        for row in attached:
            row.entry = entry
            if row is not source_row:
                new_rows.append(row)
    Evidence.objects.bulk_create(new_rows)
    if source_row is not None:
        # The source row was created earlier in this same transaction, before
        # the entry it belongs to existed; link it without a model save,
        # which the append-only guard refuses for stored rows.
        Evidence.objects.filter(pk=source_row.pk).update(entry=source_row.entry)
