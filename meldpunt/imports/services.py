# SPDX-License-Identifier: EUPL-1.2
"""The import's write API: upload, choose, confirm, and the import itself.

A small file is parsed before anything is stored, so a refused file leaves
no trace; a large one is stored, encrypted, and read by the worker, which
deletes it when it is refused. A confirmed import writes all its logbook
entries in one transaction: either every selected entry is in the logbook,
or none is.
"""

import hashlib
import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meldpunt.core.evidence import ArchiveLimits, EvidenceError, parse_bytes
from meldpunt.incidents.models import Incident
from meldpunt.jobs.models import Job, JobStatus
from meldpunt.jobs.runner import enqueue
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.logbook.storage import delete_stored, read_decrypted, store_encrypted

from . import media, writing
from .entries import attached_files, mails, participants
from .models import (
    BUSY_STATUSES,
    IN_FLIGHT_STATUSES,
    OPEN_STATUSES,
    Import,
    ImportStatus,
)
from .selection import count_selected, from_indexes, left_out, selected_indexes
from .wording import storable, translated

logger = logging.getLogger(__name__)

JOB_NAME = "imports.run"
READ_JOB_NAME = "imports.read"


def archive_limits() -> ArchiveLimits:
    return ArchiveLimits(
        max_text_member=settings.MELDPUNT_IMPORT_MAX_BYTES,
        max_total_size=settings.MELDPUNT_IMPORT_MAX_UNPACKED_BYTES,
    )


def check_size(size: int) -> None:
    """Refuse a file above the configured limit, in sizes people read."""
    limit = settings.MELDPUNT_IMPORT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s can be imported.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def check_upload(data: bytes) -> None:
    """Refuse an empty or oversized file before anything else is done with it."""
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    check_size(len(data))


def parse_file(data: bytes, name: str, date_order: str | None = None) -> dict[str, Any]:
    """Parse with the configured limits; refusals become a ValidationError."""
    check_upload(data)
    try:
        return parse_bytes(
            data,
            name,
            date_order=date_order,
            max_size=settings.MELDPUNT_IMPORT_MAX_BYTES,
            archive_limits=archive_limits(),
        )
    except EvidenceError as error:
        raise ValidationError(
            _("This file cannot be imported: %(reason)s")
            % {"reason": translated(error.phrase)},
            code="refused",
        ) from error


def start_import(
    *, incident: Incident, actor: AbstractBaseUser, name: str, data: bytes
) -> Import:
    """Keep an uploaded file, encrypted, and read it for the preview.

    A small file is read here, so that a refused one leaves no trace; a
    large one is read by the worker (``read_upload``) while the person
    follows its progress.
    """
    check_upload(data)
    sha256 = hashlib.sha256(data).hexdigest()
    earlier = _imported_before(incident, sha256)
    waiting = Import.objects.filter(
        incident=incident, sha256=sha256, status__in=OPEN_STATUSES
    ).first()
    if waiting is not None:
        return waiting

    # The rest of a file imported in part is read as it was read then, so
    # that its entries have the same numbers.
    order = earlier[-1].date_order if earlier else ""
    background = reads_in_background(len(data))
    kind, summary = ("", {}) if background else read(data, name, order or None)
    stored = store_encrypted(data, name)
    with transaction.atomic():
        record = Import.objects.create(
            incident=incident,
            created_by=actor,
            created_at=timezone.now(),
            original_name=name[:255],
            stored_name=stored.stored_name,
            content_type=stored.content_type,
            size=stored.size,
            sha256=stored.sha256,
            kind=kind,
            summary={**summary, **_before(earlier)},
            status=ImportStatus.READING if background else ImportStatus.PREVIEW,
            date_order=order,
            language=_language(),
            ours=[],
        )
        if background:
            enqueue(READ_JOB_NAME, import_id=record.pk)
    logger.info(
        "import_started", extra={"import_id": record.pk, "incident_id": incident.pk}
    )
    return record


def reads_in_background(size: int) -> bool:
    """Whether a file of ``size`` bytes is read by the worker."""
    return size > settings.MELDPUNT_IMPORT_READ_INLINE_BYTES


def read_upload(*, import_id: int) -> None:
    """Read a large upload for its preview; safe to run twice.

    A refused file is deleted at once and the reason kept, in the language
    of the person who uploaded it, for the progress page to show.
    """
    record = Import.objects.filter(pk=import_id, status=ImportStatus.READING).first()
    if record is None:
        return  # read before, or discarded while it waited
    with translation.override(record.language or settings.LANGUAGE_CODE):
        try:
            kind, summary = read(
                read_decrypted(record.stored_name),
                record.original_name,
                record.date_order or None,
            )
        except ValidationError as error:
            _refuse(record, " ".join(error.messages))
            return
        except BaseException:
            # Not the file's fault (storage, keys, memory): keep it for the
            # usual window, in case the fault is mended and it is uploaded again.
            reason = _("An unexpected error stopped reading the file.")
            if _refuse(record, reason, keep_file=True):
                raise
            return  # discarded while it was read
    summary = {**summary, **_kept(record.summary)}
    # A date order asked for before stays asked for, also when it is chosen.
    summary["ambiguous_dates"] = bool(
        summary["ambiguous_dates"] or record.summary.get("ambiguous_dates")
    )
    if Import.objects.filter(pk=record.pk, status=ImportStatus.READING).update(
        status=ImportStatus.PREVIEW, kind=kind, summary=summary
    ):
        logger.info("import_read", extra={"import_id": record.pk})


def _refuse(record: Import, reason: str, *, keep_file: bool = False) -> bool:
    """A file read by the worker that cannot be imported: say why, and
    delete it unless ``keep_file`` (then it goes after the usual window).

    Returns whether it was still being read (not discarded in the meantime).
    """
    kept = record.stored_name if keep_file else ""
    with transaction.atomic():
        reading = Import.objects.filter(pk=record.pk, status=ImportStatus.READING)
        refused = bool(
            reading.update(status=ImportStatus.FAILED, error=reason, stored_name=kept)
        )
        if refused and not keep_file:
            transaction.on_commit(lambda: delete_stored(record.stored_name))
    if refused:
        logger.warning("import_refused", extra={"import_id": record.pk})
    return refused


def _kept(summary: dict[str, Any]) -> dict[str, Any]:
    """What a summary keeps when its file is read again in a chosen order:
    the earlier imports, and the period each order gave."""
    return {
        key: value
        for key, value in summary.items()
        if "before" in key or key == "readings"
    }


# The orders a person is asked to choose between when no date proves one.
ORDERS_ASKED = ("DMY", "MDY")


def read(data: bytes, name: str, order: str | None) -> tuple[str, dict[str, Any]]:
    """Parse a file for its preview: its kind and its summary.

    When no date in the file shows whether the day or the month comes
    first, the summary also holds the period each order gives, so that the
    person can choose knowing what each choice means.
    """
    parsed = parse_file(data, name, order)
    summary = summarise(parsed)
    if summary["ambiguous_dates"] and not order:
        summary["readings"] = _readings(data, name, parsed)
    return parsed["kind"], summary


def _readings(
    data: bytes, name: str, parsed: dict[str, Any]
) -> dict[str, dict[str, str]]:
    """The first and last time each order gives; ``parsed`` is the file read
    in the order the parser assumed, so that one is not read again."""
    readings = {}
    for order in ORDERS_ASKED:
        try:
            if order == parsed["source"]["date_order"]:
                entries = parsed["entries"]
            else:
                entries = parse_file(data, name, order)["entries"]
        except ValidationError:
            continue  # this order does not fit the file
        if entries:
            first, last = entries[0]["timestamp"], entries[-1]["timestamp"]
            readings[order] = {"first": first, "last": last}
    return readings


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


# Warnings kept for the preview: it lists PREVIEW_WARNINGS (views) of them.
SUMMARY_WARNINGS = 200


def summarise(parsed: dict[str, Any]) -> dict[str, Any]:
    """What the preview shows: participants, period, counts and warnings."""
    entries = parsed["entries"]
    source = parsed["source"]
    if parsed["message"] is not None:
        found = mails(parsed["message"])
        moments = sorted(moment for mail in found if (moment := mail.time))
        first = moments[0].isoformat() if moments else None
        last = moments[-1].isoformat() if moments else None
        count, system = len(found), 0
        files = [item for mail in found for item in attached_files(mail.message)]
    else:
        first, last = entries[0]["timestamp"], entries[-1]["timestamp"]
        count = len(entries)
        system = sum(1 for entry in entries if entry["type"] == "system")
        files = []
    return {
        "participants": participants(parsed),
        "first": first,
        "last": last,
        "entries": count,
        "system": system,
        "attached_mails": count - 1 if parsed["message"] is not None else 0,
        "mail_attachments": files,
        "attachments": sum(1 for entry in entries if entry["attachment_in_archive"]),
        # Every time carries its own UTC offset (sigtop, Signal JSON Lines):
        # no time zone needs choosing.
        "own_offsets": bool(entries)
        and all(entry.get("timestamp_with_offset") for entry in entries),
        # The preview lists the first warnings; the header entry, written
        # from the file itself, holds them all.
        "warnings": storable(parsed["warnings"][:SUMMARY_WARNINGS]),
        "warnings_total": len(parsed["warnings"]),
        "date_order": source["date_order"],
        "ambiguous_dates": source["ambiguous_dates"],
        "platform": source["platform"],
        "encoding": source["encoding"],
    }


def choose_date_order(*, record: Import, order: str, actor: AbstractBaseUser) -> Import:
    """Read the file again in the order the person says its dates are in."""
    _check_status(record, ImportStatus.PREVIEW)
    if not record.summary.get("ambiguous_dates"):
        raise ValidationError(
            _("The dates in this file show in which order they are written."),
            code="order_known",
        )
    if reads_in_background(record.size):
        with transaction.atomic():
            _while_in_preview(
                record,
                date_order=order,
                status=ImportStatus.READING,
                language=_language(),
            )
            enqueue(READ_JOB_NAME, import_id=record.pk)
    else:
        _kind, summary = read(
            read_decrypted(record.stored_name), record.original_name, order
        )
        summary["ambiguous_dates"] = True
        _while_in_preview(
            record, date_order=order, summary={**summary, **_kept(record.summary)}
        )
    record.refresh_from_db()
    logger.info("import_date_order_chosen", extra={"import_id": record.pk})
    return record


def confirm_import(
    *,
    record: Import,
    actor: AbstractBaseUser,
    selection: list[list[int]] | None,
    ours: list[str],
    time_zone: str,
) -> Import:
    """Start the import: inline when small, as background work when large."""
    _check_status(record, ImportStatus.PREVIEW)
    if record.needs_date_order:
        raise ValidationError(
            _("Say in which order the dates are written before importing."),
            code="date_order",
        )
    _check_zone(time_zone)
    if record.is_mail:
        selection = None  # a mail file is imported whole
    if count_selected(selection, record.entries_total) == 0:
        raise ValidationError(_("Choose at least one entry to import."), code="none")
    try:
        with transaction.atomic():
            # Claim the file first: while this import is queued or running,
            # no other import of it into this case can be (a constraint).
            # Then leave out what other imports of it finished meanwhile,
            # such as a second upload of the same file made at once.
            _while_in_preview(
                record,
                ours=ours,
                time_zone=time_zone,
                language=_language(),
                status=ImportStatus.QUEUED,
            )
            earlier = _imported_before(record.incident, record.sha256, record.pk)
            selection = _left_to_import(record, selection, earlier)
            total = count_selected(selection, record.entries_total)
            background = total > settings.MELDPUNT_IMPORT_INLINE_MAX
            background = background or reads_in_background(record.size)
            Import.objects.filter(pk=record.pk).update(
                selection=selection,
                progress_total=total,
                summary={**record.summary, **_before(earlier)},
            )
            if background:
                enqueue(JOB_NAME, import_id=record.pk)
    except IntegrityError:
        raise _duplicate_error() from None
    if not background:
        run_import(import_id=record.pk)
    record.refresh_from_db()
    return record


def cancel_import(*, record: Import, actor: AbstractBaseUser) -> None:
    """Drop a file that was uploaded but not imported, also while it is read."""
    stored_name = record.stored_name
    with transaction.atomic():
        _while_in_preview(
            record,
            among=OPEN_STATUSES,
            status=ImportStatus.CANCELLED,
            stored_name="",
        )
        transaction.on_commit(lambda: delete_stored(stored_name))
    record.refresh_from_db()
    logger.info("import_cancelled", extra={"import_id": record.pk})


def discard_unconfirmed(now: datetime) -> int:
    """Delete the files of uploads left unconfirmed or failed past their window.

    An upload waits for its preview to be confirmed; one that nobody confirms
    within ``MELDPUNT_IMPORT_UNCONFIRMED_HOURS`` is cancelled, and its file,
    which may hold personal data, deleted. A failed import's file goes after
    the same window. Returns how many files were deleted.
    """
    cutoff = now - timedelta(hours=settings.MELDPUNT_IMPORT_UNCONFIRMED_HOURS)
    waiting = (*OPEN_STATUSES, ImportStatus.FAILED)
    stale = Import.objects.filter(status__in=waiting, created_at__lt=cutoff).exclude(
        stored_name=""
    )
    deleted = 0
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            record = Import.objects.select_for_update().get(pk=pk)
            if record.status not in waiting:
                continue  # confirmed in the meantime
            stored_name = record.stored_name
            if record.status in OPEN_STATUSES:
                record.status = ImportStatus.CANCELLED
            record.stored_name = ""
            record.save(update_fields=["status", "stored_name"])
            if not Evidence.objects.filter(stored_name=stored_name).exists():
                transaction.on_commit(lambda name=stored_name: delete_stored(name))
        deleted += 1
        logger.info("import_upload_discarded", extra={"import_id": pk})
    return deleted


def run_import(*, import_id: int) -> None:
    """Import a confirmed file into the logbook; safe to run twice.

    Any reason it failed is written in the language of the person who
    confirmed it, also when a background worker runs it; its logbook entries
    are in the organisation's language (see ``writing.write_entries``).
    """
    record = _begin(import_id)
    if record is None:
        return
    with translation.override(record.language or settings.LANGUAGE_CODE):
        _run(record)


def _run(record: Import) -> None:
    stored_media: dict[str, Any] = {}
    try:
        data = read_decrypted(record.stored_name)
        parsed = parse_bytes(
            data,
            record.original_name,
            date_order=record.date_order or None,
            max_size=settings.MELDPUNT_IMPORT_MAX_BYTES,
            archive_limits=archive_limits(),
        )
        stored_media = media.store_linked_media(data, record, parsed, archive_limits())
        writing.write_entries(record, parsed, stored_media)
    except EvidenceError as error:
        _fail(record, stored_media, translated(error.phrase))
    except BaseException:
        _fail(record, stored_media, _("An unexpected error stopped the import."))
        raise


def check_stalled(record: Import, job: Job | None) -> Import:
    """Fail an import whose background job was given up.

    ``job`` is the import's latest job (``background_job``). A worker that
    dies while it reads or imports a file (killed, out of memory) leaves
    its job running; the job runner queues it again and
    gives it up after its last attempt. The import then fails with a
    reason, instead of being shown as busy for ever.
    """
    if record.status not in BUSY_STATUSES:
        return record
    if job is None or job.status != JobStatus.FAILED:
        return record
    reason = _("The background work stopped before it was done; upload the file again.")
    busy = Import.objects.filter(pk=record.pk, status__in=BUSY_STATUSES)
    if busy.update(status=ImportStatus.FAILED, error=reason):
        logger.warning("import_job_given_up", extra={"import_id": record.pk})
    record.refresh_from_db()
    return record


def background_job(record: Import) -> Job | None:
    """The latest job that reads or imports ``record``, if any."""
    return (
        Job.objects.filter(
            name__in=(READ_JOB_NAME, JOB_NAME), arguments__import_id=record.pk
        )
        .order_by("-pk")
        .first()
    )


def _begin(import_id: int) -> Import | None:
    with transaction.atomic():
        record = Import.objects.select_for_update().get(pk=import_id)
        if record.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            return None
        record.status = ImportStatus.RUNNING
        record.progress_done = 0
        record.save(update_fields=["status", "progress_done"])
    return record


def _fail(record: Import, stored_media: dict[str, Any], reason: str) -> None:
    for item in stored_media.values():
        delete_stored(item.stored.stored_name)
    updated = Import.objects.filter(pk=record.pk, status=ImportStatus.RUNNING).update(
        status=ImportStatus.FAILED, error=reason
    )
    if updated:
        logger.warning("import_failed", extra={"import_id": record.pk})


def _left_to_import(
    record: Import, selection: list[list[int]] | None, earlier: list[Import]
) -> list[list[int]] | None:
    """The chosen entries that no earlier import of the file holds."""
    if not earlier:
        return selection
    chosen = set(selected_indexes(selection, record.entries_total))
    chosen.difference_update(
        selected_indexes(_imported_selection(earlier), record.entries_total)
    )
    if not chosen:
        raise ValidationError(
            _("Every entry you chose was imported before; choose others."),
            code="none",
        )
    return from_indexes(chosen)


def _imported_before(
    incident: Incident, sha256: str, this: int | None = None
) -> list[Import]:
    """The earlier imports of this file into this case, when they left some
    of its entries out; refuse the file when they imported all of it, or
    while one of them (other than import ``this``) is still being imported."""
    others = Import.objects.filter(incident=incident, sha256=sha256).exclude(pk=this)
    if others.filter(status__in=IN_FLIGHT_STATUSES).exists():
        raise _duplicate_error()
    done = list(others.filter(status=ImportStatus.DONE).order_by("pk"))
    if not done or _indexes_left(done):
        return done
    last = done[-1]
    imported_at = (
        LogbookEntry.objects.filter(incident=incident, sequence=last.first_sequence)
        .values_list("recorded_at", flat=True)
        .first()
    )
    raise ValidationError(
        _(
            "Every entry of this file was already imported into this case, last "
            "on %(date)s (logbook entries %(first)s to %(last)s); it is not "
            "imported twice."
        )
        % {
            "date": _local(imported_at or last.created_at),
            "first": last.first_sequence,
            "last": last.last_sequence,
        },
        code="duplicate",
    )


def _indexes_left(done: list[Import]) -> bool:
    """Whether the imports in ``done`` left any entry of their file out."""
    if done[0].is_mail:
        return False  # a mail file is imported whole
    return bool(left_out(_imported_selection(done), done[0].entries_total))


def _imported_selection(done: list[Import]) -> list[list[int]]:
    imported: set[int] = set()
    for record in done:
        imported.update(selected_indexes(record.selection, record.entries_total))
    return from_indexes(imported)


def _before(done: list[Import]) -> dict[str, Any]:
    """What the preview and the import need to know of earlier imports."""
    if not done:
        return {}
    return {
        "imported_before": _imported_selection(done),
        "imported_before_entries": [
            [record.first_sequence, record.last_sequence] for record in done
        ],
    }


def _duplicate_error() -> ValidationError:
    return ValidationError(
        _("This file is already being imported into this case."), code="duplicate"
    )


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def _while_in_preview(
    record: Import,
    among: tuple[str, ...] = (ImportStatus.PREVIEW,),
    **changes: Any,
) -> None:
    """Change an import that is still waiting for confirmation (or is in
    one of the statuses ``among``), or refuse.

    The status is compared and changed in one statement: of two requests
    that both saw the preview (a form posted twice, two tabs), one changes
    it and the other is refused, on every database.
    """
    waiting = Import.objects.filter(pk=record.pk, status__in=among)
    if not waiting.update(**changes):
        record.refresh_from_db()
        _check_status(record, ImportStatus.PREVIEW)


def _check_status(record: Import, status: str) -> None:
    if record.status != status:
        raise ValidationError(
            _("This import can no longer be changed (%(status)s).")
            % {"status": record.get_status_display().lower()},
            code="status",
        )


def _check_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("Unknown time zone: %(zone)s") % {"zone": name[:64]}, code="zone"
        ) from None
