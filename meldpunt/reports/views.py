# SPDX-License-Identifier: EUPL-1.2
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .forms import ReportForm
from .services import submit_report

_SESSION_KEY = "meldpunt_last_report"


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    allow_anonymous = request.user.is_authenticated
    form = ReportForm(
        request.POST or None, request.FILES or None, allow_anonymous=allow_anonymous
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        anonymous = not request.user.is_authenticated or data.get("anonymous", False)
        created = submit_report(
            description=data["description"],
            discovered_at=data["discovered_at"],
            personal_data=data["personal_data"],
            anonymous=anonymous,
            reporter=None if anonymous else request.user,
            submission_token=data["submission_token"],
            files=form.evidence(),
        )
        # The reference travels in the session, never in the URL.
        request.session[_SESSION_KEY] = created.incident.reference
        return redirect("reports:received")

    return render(request, "reports/report.html", {"form": form})


def received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(_SESSION_KEY)
    if reference is None:
        return redirect("reports:report")
    return render(request, "reports/received.html", {"reference": reference})
