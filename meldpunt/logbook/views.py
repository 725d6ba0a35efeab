# SPDX-License-Identifier: EUPL-1.2
"""The logbook on the case: new entries, shortcuts, corrections, the dossier."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from meldpunt.incidents.access import handler_required
from meldpunt.incidents.lookup import incident_or_404
from meldpunt.incidents.models import Incident

from . import dossier as dossiers
from .forms import EntryForm
from .models import LogbookEntry
from .services import last_channel_of, record_entry
from .shortcuts import BY_SLUG, SHORTCUTS


def _incident(reference: str) -> Incident:
    return incident_or_404(reference)


def _initial(request: HttpRequest, incident: Incident) -> dict[str, object]:
    user = request.user
    initial: dict[str, object] = {
        "kind": "communication",
        "channel": last_channel_of(user),
        "direction": "out",
        "occurred_at": timezone.localtime().replace(second=0, microsecond=0),
        "participants": user.get_full_name() or user.get_username(),
    }
    shortcut = BY_SLUG.get(request.GET.get("snel", ""))
    if shortcut is not None:
        initial.update(kind=shortcut.kind, direction=shortcut.direction)
        initial["summary"] = str(shortcut.summary)
        if shortcut.participants:
            initial["participants"] += f"; {shortcut.participants}"
        if shortcut.channel:
            initial["channel"] = shortcut.channel
    return initial | _correction_initial(request, incident)


def _correction_initial(request: HttpRequest, incident: Incident) -> dict[str, object]:
    number = request.GET.get("corrigeert", "")
    corrected = (
        LogbookEntry.objects.filter(incident=incident, sequence=int(number)).first()
        if number.isdigit() and len(number) < 10
        else None
    )
    if corrected is None:
        return {}
    return {
        "corrects": corrected.sequence,
        "kind": "note" if corrected.kind == "status_change" else corrected.kind,
        "channel": corrected.channel,
        "direction": corrected.direction,
        "occurred_at": timezone.localtime(corrected.occurred_at),
        "participants": corrected.participants,
        "summary": _("Correction: %(summary)s") % {"summary": corrected.summary},
    }


@handler_required
def new_entry(request: HttpRequest, reference: str) -> HttpResponse:
    incident = _incident(reference)
    if request.method != "POST":
        form = EntryForm(initial=_initial(request, incident))
        return _render_form(request, incident, form)

    form = EntryForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            entry = _record(request, incident, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry has been added to the logbook."))
            return redirect(f"{incident.get_absolute_url()}#entry-{entry.sequence}")
    return _render_form(request, incident, form, status=400)


def _record(request: HttpRequest, incident: Incident, form: EntryForm) -> LogbookEntry:
    data = form.cleaned_data
    return record_entry(
        incident=incident,
        actor=request.user,
        kind=data["kind"],
        channel=data["channel"],
        direction=data["direction"],
        occurred_at=data["occurred_at"],
        participants=data["participants"].strip(),
        summary=data["summary"],
        text=data["text"].strip(),
        reasons=data["reasons"].strip(),
        corrects_sequence=data["corrects"],
        files=form.evidence(),
    )


def _render_form(
    request: HttpRequest, incident: Incident, form: EntryForm, status: int = 200
) -> HttpResponse:
    corrects = form["corrects"].value()
    context = {
        "incident": incident,
        "form": form,
        "shortcuts": SHORTCUTS,
        "corrects": corrects if str(corrects or "").isdigit() else None,
    }
    return render(request, "logbook/entry_form.html", context, status=status)


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@handler_required
@require_GET
def dossier_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    incident = _incident(reference)
    pdf = dossiers.dossier_pdf(dossiers.build_dossier(incident))
    return _download(pdf, f"{incident.reference}-dossier.pdf", "application/pdf")


@handler_required
@require_GET
def dossier_json(request: HttpRequest, reference: str) -> HttpResponse:
    incident = _incident(reference)
    data = dossiers.dossier_json(dossiers.build_dossier(incident))
    return _download(data, f"{incident.reference}-dossier.json", "application/json")


@handler_required
@require_POST
def send_dossier(request: HttpRequest, reference: str) -> HttpResponse:
    incident = _incident(reference)
    try:
        dossiers.send_dossier(incident=incident, actor=request.user)
    except dossiers.DossierNotSent:
        messages.error(
            request,
            _(
                "The dossier could not be sent: the mail server did not accept it. "
                "Nothing was recorded; try again later or download it instead."
            ),
        )
    else:
        messages.success(
            request, _("The dossier has been sent to the security mailbox.")
        )
    return redirect(incident)
