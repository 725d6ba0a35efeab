# SPDX-License-Identifier: EUPL-1.2
import io
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from meldpunt.accounts.policy import can_handle_case, can_manage_case, visible_cases
from meldpunt.guidance.models import ProcedureRun
from meldpunt.logbook import paging
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.logbook.shortcuts import SHORTCUTS
from meldpunt.logbook.storage import read_decrypted
from meldpunt.logbook.verification import check_incident
from meldpunt.reports.models import Report

from . import services
from .access import handler_required
from .forms import AssignForm, ClassifyForm, CloseForm, NoteForm, StatusForm
from .lookup import incident_or_404
from .models import Incident
from .workflow import Status, can_transition


@handler_required
def worklist(request: HttpRequest) -> HttpResponse:
    show_closed = request.GET.get("gesloten") == "1"
    incidents = (
        visible_cases(request.user)
        .select_related("handler")
        .prefetch_related("facts_versions", "breach_decisions")
        # Creation order: an anonymous report's time is rounded to the hour.
        .order_by("-pk")
    )
    if not show_closed:
        incidents = incidents.exclude(status=Status.CLOSED)
    page = Paginator(incidents, 50).get_page(request.GET.get("pagina"))
    return render(
        request, "incidents/worklist.html", {"page": page, "show_closed": show_closed}
    )


# A case page shows the logbook in pages, the latest first, and checks the
# hash chain of at most CHAIN_CHECK_ENTRIES of its entries.
CHAIN_CHECK_ENTRIES = 2000


def _load_case(reference: str) -> Incident:
    queryset = Incident.objects.select_related("handler").prefetch_related(
        Prefetch("reports", queryset=Report.objects.select_related("reporter")),
    )
    return incident_or_404(reference, queryset)


def _logbook_page(request: HttpRequest, incident: Incident) -> Page:
    """One page of the logbook in order; without a page asked for, the last."""
    entries = (
        LogbookEntry.objects.filter(incident=incident)
        .select_related("author", "corrects")
        .prefetch_related("evidence", "corrections")
        .order_by("sequence")
    )
    pages = Paginator(entries, paging.PAGE_SIZE)
    return pages.get_page(request.GET.get("logboek") or pages.num_pages)


def _render_case(
    request: HttpRequest, incident: Incident, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    context = {
        "incident": incident,
        "run": ProcedureRun.objects.filter(incident=incident).first(),
        "now": timezone.now(),
        "classify_form": ClassifyForm(initial={"kind": incident.kind}),
        "assign_form": AssignForm(initial={"handler": incident.handler_id}),
        "note_form": NoteForm(),
        "status_form": StatusForm(current=incident.status),
        "close_form": CloseForm(),
        "can_close": can_transition(incident.status, Status.CLOSED),
        "chain": check_incident(incident, last=CHAIN_CHECK_ENTRIES),
        "logbook_page": _logbook_page(request, incident),
        "shortcuts": SHORTCUTS,
        # Only the forms this person may use (the policy refuses the rest).
        "can_handle": can_handle_case(request.user, incident),
        "can_manage": can_manage_case(request.user, incident),
        **bound,
    }
    return render(request, "incidents/detail.html", context, status=status)


@handler_required
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _render_case(request, _load_case(reference))


def _case_action(
    form_class: Callable[..., forms.Form],
    form_name: str,
    apply: Callable[[HttpRequest, Incident, dict[str, object]], object],
    done: str | Promise,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """Build a POST view that validates one form and calls one service."""

    @handler_required
    @require_POST
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        incident = _load_case(reference)
        kwargs = {"current": incident.status} if form_class is StatusForm else {}
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                apply(request, incident, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done)
                return redirect(incident)
        return _render_case(request, incident, status=400, **{form_name: form})

    return view


classify = _case_action(
    ClassifyForm,
    "classify_form",
    lambda request, incident, data: services.classify_incident(
        incident=incident, kind=data["kind"], actor=request.user
    ),
    gettext_lazy("The kind of incident has been recorded."),
)
assign = _case_action(
    AssignForm,
    "assign_form",
    lambda request, incident, data: services.assign_handler(
        incident=incident, handler=data["handler"], actor=request.user
    ),
    gettext_lazy("The handler has been recorded."),
)
add_note = _case_action(
    NoteForm,
    "note_form",
    lambda request, incident, data: services.add_note(
        incident=incident, text=data["text"], actor=request.user
    ),
    gettext_lazy("The note has been added to the logbook."),
)
change_status = _case_action(
    StatusForm,
    "status_form",
    lambda request, incident, data: services.change_status(
        incident=incident, status=data["status"], note=data["note"], actor=request.user
    ),
    gettext_lazy("The status has been changed."),
)
close = _case_action(
    CloseForm,
    "close_form",
    lambda request, incident, data: services.close_incident(
        incident=incident,
        resolution=data["resolution"],
        solved_at=data["solved_at"],
        actor=request.user,
    ),
    gettext_lazy("The case has been closed."),
)


@handler_required
def download_evidence(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    evidence = Evidence.objects.filter(pk=pk, incident__reference=reference).first()
    if evidence is None:
        raise Http404(_("This case has no such evidence file."))
    response = FileResponse(
        # A file-like object, not an iterator: only then does FileResponse
        # set Content-Disposition and Content-Length.
        io.BytesIO(read_decrypted(evidence.stored_name)),
        as_attachment=True,
        filename=evidence.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
