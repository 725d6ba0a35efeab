# SPDX-License-Identifier: EUPL-1.2
"""Upload a file, look at what was read, choose, confirm, follow the progress."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meldpunt.incidents.access import handler_required
from meldpunt.incidents.lookup import incident_or_404
from meldpunt.incidents.models import Incident
from meldpunt.jobs.models import Job, JobStatus
from meldpunt.logbook.paging import entry_url
from meldpunt.logbook.storage import read_decrypted

from . import services
from .entries import file_label
from .forms import (
    CHECKBOX_LIMIT,
    ConfirmForm,
    DateOrderForm,
    UploadForm,
)
from .models import BUSY_STATUSES, Import, ImportStatus
from .selection import count_selected, describe
from .wording import DATE_ORDERS, translated

PROGRESS_REFRESH_SECONDS = 2


def _incident(reference: str) -> Incident:
    return incident_or_404(reference)


def _import(reference: str, pk: int) -> Import:
    found = (
        Import.objects.select_related("incident")
        .filter(pk=pk, incident__reference=reference)
        .first()
    )
    if found is None:
        raise Http404(_("This case has no such import."))
    return found


@handler_required
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    incident = _incident(reference)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = _start(request, incident, form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(record)
    status = 400 if form.errors else 200
    context = {"incident": incident, "form": form}
    return render(request, "imports/upload.html", context, status=status)


def _start(request: HttpRequest, incident: Incident, upload: object) -> Import:
    # Refuse an oversized upload before reading it into memory.
    services.check_size(upload.size)  # type: ignore[attr-defined]
    started = timezone.now()
    record = services.start_import(
        incident=incident,
        actor=request.user,
        name=upload.name,  # type: ignore[attr-defined]
        data=upload.read(),  # type: ignore[attr-defined]
    )
    if record.created_at < started:
        messages.info(
            request,
            _(
                "This file was uploaded before, as %(name)s, and is not imported "
                "yet: you are taken to that upload."
            )
            % {"name": record.original_name},
        )
    return record


# The preview lists this many warnings; the header entry holds them all.
PREVIEW_WARNINGS = services.SUMMARY_WARNINGS


@handler_required
def preview(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    record = _import(reference, pk)
    if record.status != ImportStatus.PREVIEW:
        return redirect("imports:progress", reference, pk)
    order_form = _order_form(record)
    confirm_form = _confirm_form(request, record)
    return _render_preview(request, record, order_form, confirm_form)


def _render_preview(
    request: HttpRequest,
    record: Import,
    order_form: DateOrderForm,
    confirm_form: ConfirmForm,
    status: int = 200,
) -> HttpResponse:
    warnings = record.summary.get("warnings", [])
    before = record.summary.get("imported_before") or []
    context = {
        "imported_before": describe(before),
        "imported_before_count": count_selected(before, record.entries_total),
        "incident": record.incident,
        "record": record,
        "summary": record.summary,
        "warnings": [translated(item) for item in warnings[:PREVIEW_WARNINGS]],
        "warnings_not_shown": max(
            0, record.summary.get("warnings_total", len(warnings)) - PREVIEW_WARNINGS
        ),
        "order_form": order_form,
        "confirm_form": confirm_form,
        "unconfirmed_hours": settings.MELDPUNT_IMPORT_UNCONFIRMED_HOURS,
        "first": _moment(record.summary.get("first")),
        "last": _moment(record.summary.get("last")),
        "date_order": DATE_ORDERS.get(
            record.date_order or record.summary.get("date_order") or "", ""
        ),
        "mail_attachments": [
            file_label(item) for item in record.summary.get("mail_attachments", [])
        ],
    }
    return render(request, "imports/preview.html", context, status=status)


def _moment(stamp: str | None) -> datetime | None:
    """A parse's ISO time, to be shown in the reader's own date format."""
    try:
        return datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None


def _order_form(record: Import, data: object = None) -> DateOrderForm:
    return DateOrderForm(
        data,
        initial={"order": record.date_order or None},
        readings=record.summary.get("readings"),
    )


def _confirm_form(
    request: HttpRequest, record: Import, data: object = None
) -> ConfirmForm:
    labels = None
    if not record.is_mail and 1 < record.entries_total <= CHECKBOX_LIMIT:
        labels = _entry_labels(record)
    return ConfirmForm(data, record=record, user=request.user, entry_labels=labels)


def _entry_labels(record: Import) -> list[str] | None:
    """One label per entry, from the file read again; none for a large text
    file, which is not read again inside a request (a ZIP's size is mostly
    its media)."""
    if services.reads_in_background(record.size) and record.content_type != ZIP:
        return None
    parsed = services.parse_file(
        read_decrypted(record.stored_name),
        record.original_name,
        record.date_order or None,
    )
    system = _("system message")
    return [
        f"{entry['index'] + 1}. {entry['timestamp'].replace('T', ' ')} · "
        f"{entry['author'] or system}: {Truncator(entry['text']).chars(80)}"
        for entry in parsed["entries"]
    ]


ZIP = "application/zip"


@handler_required
@require_POST
def date_order(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    record = _import(reference, pk)
    if record.status != ImportStatus.PREVIEW:
        return _no_longer_open(request, record)
    form = _order_form(record, request.POST)
    if form.is_valid():
        try:
            services.choose_date_order(
                record=record, order=form.cleaned_data["order"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(record)
    return _render_preview(
        request, record, form, _confirm_form(request, record), status=400
    )


@handler_required
@require_POST
def confirm(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    record = _import(reference, pk)
    if record.status != ImportStatus.PREVIEW:
        return _no_longer_open(request, record)
    form = _confirm_form(request, record, request.POST)
    if form.is_valid():
        try:
            record = services.confirm_import(
                record=record,
                actor=request.user,
                selection=form.selection(),
                ours=form.cleaned_data["ours"],
                time_zone=form.time_zone(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_confirm(request, record)
    order_form = _order_form(record)
    return _render_preview(request, record, order_form, form, status=400)


# After this long in the queue, the progress page asks whether the worker runs.
WAITING_LONG = timedelta(minutes=1)


def _waiting_long(job: Job | None) -> bool:
    return (
        job is not None
        and job.status == JobStatus.QUEUED
        and timezone.now() - job.created_at > WAITING_LONG
    )


def _no_longer_open(request: HttpRequest, record: Import) -> HttpResponse:
    """A form of an import that was confirmed or discarded since, posted again
    (a second tab, the back button), or posted while the file is being read:
    say where it stands instead."""
    if record.status == ImportStatus.READING:
        messages.info(request, _("The file is still being read; wait until it is."))
    else:
        messages.info(
            request,
            _("This import was already handled: %(status)s.")
            % {"status": record.get_status_display().lower()},
        )
    return redirect("imports:progress", record.incident.reference, record.pk)


def _after_confirm(request: HttpRequest, record: Import) -> HttpResponse:
    if record.status == ImportStatus.DONE:
        messages.success(
            request,
            _("The file has been imported: logbook entries %(first)s to %(last)s.")
            % {"first": record.first_sequence, "last": record.last_sequence},
        )
        return redirect(entry_url(record.incident.reference, record.first_sequence))
    return redirect("imports:progress", record.incident.reference, record.pk)


@handler_required
@require_POST
def cancel(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    record = _import(reference, pk)
    try:
        services.cancel_import(record=record, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The upload has been discarded."))
    return redirect(record.incident)


@handler_required
def progress(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    record = _import(reference, pk)
    at_work = record.status in BUSY_STATUSES
    job = services.background_job(record) if at_work else None
    record = services.check_stalled(record, job)
    if record.status == ImportStatus.PREVIEW:
        return redirect(record)  # read: on to the preview
    busy = record.status in BUSY_STATUSES
    context = {
        "incident": record.incident,
        "record": record,
        "busy": busy,
        "reading": record.status == ImportStatus.READING,
        "waiting_long": busy and _waiting_long(job),
    }
    response = render(request, "imports/progress.html", context)
    if busy:
        # A refresh header needs no script, so the page works under a strict CSP.
        response["Refresh"] = str(PROGRESS_REFRESH_SECONDS)
    return response
