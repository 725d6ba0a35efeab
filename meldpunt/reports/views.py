# SPDX-License-Identifier: EUPL-1.2
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from meldpunt.core.availability import Path
from meldpunt.guidance.access import grant_guidance
from meldpunt.guidance.models import ProcedureRun
from meldpunt.guidance.services import current_availability, start_procedure
from meldpunt.organisation import organisation

from .forms import ReportForm, SupplierReportForm
from .models import ReportChannel
from .ratelimit import rate_limited
from .services import submit_report

_SESSION_KEY = "meldpunt_last_report"


@require_http_methods(["GET", "POST"])
@rate_limited("report")
def report(request: HttpRequest) -> HttpResponse:
    availability = current_availability()
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        allow_anonymous=request.user.is_authenticated,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        anonymous = not request.user.is_authenticated or data.get("anonymous", False)
        reporter = None if anonymous else request.user
        created = submit_report(
            description=data["description"],
            discovered_at=data["discovered_at"],
            personal_data=data["personal_data"],
            anonymous=anonymous,
            reporter=reporter,
            submission_token=data["submission_token"],
            files=form.evidence(),
        )
        run = start_procedure(
            incident=created.incident, actor=reporter, availability=availability
        )
        if run.guided:
            grant_guidance(request, created.incident.reference)
        # The reference travels in the session, never in the URL.
        request.session[_SESSION_KEY] = created.incident.reference
        return redirect("reports:received")

    context = {"form": form, "guided": availability.path is Path.GUIDED}
    return render(request, "reports/report.html", context)


def received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(_SESSION_KEY)
    if reference is None:
        return redirect("reports:report")
    run = ProcedureRun.objects.filter(incident__reference=reference).first()
    context = {
        "reference": reference,
        "guided": bool(run and run.guided),
        "supplier": bool(run and run.outcome == "contact_via_office_management"),
        "office_management": organisation().section("office_management"),
    }
    return render(request, "reports/received.html", context)


@require_http_methods(["GET", "POST"])
@rate_limited("supplier")
def supplier(request: HttpRequest) -> HttpResponse:
    form = SupplierReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = submit_report(
            description=data["description"],
            supplier_contact=f"{data['company']}\n{data['contact']}",
            reporter=None,
            channel=ReportChannel.SUPPLIER,
            submission_token=data["submission_token"],
        )
        start_procedure(
            incident=created.incident,
            actor=None,
            availability=current_availability(),
            first_answer="supplier",
        )
        request.session[_SESSION_KEY] = created.incident.reference
        return redirect("reports:received")

    return render(request, "reports/supplier.html", {"form": form})
