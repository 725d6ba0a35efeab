# SPDX-License-Identifier: EUPL-1.2
import hashlib
import hmac

from django.conf import settings
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meldpunt.core.availability import Availability, Path
from meldpunt.guidance.access import grant_guidance
from meldpunt.guidance.mail import mailbox_address
from meldpunt.guidance.models import ProcedureRun
from meldpunt.guidance.services import current_availability, start_procedure
from meldpunt.organisation import organisation

from .forms import ReportForm, SupplierReportForm
from .models import Report, ReportChannel
from .ratelimit import count_accepted, over_limit
from .services import submit_report

_SESSION_KEY = "meldpunt_last_report"
_FINGERPRINT_KEY = "meldpunt_last_report_fingerprint"
_REPEAT_SECONDS = 600


def _accepts(request: HttpRequest, form: Form, scope: str) -> bool:
    """Whether a valid form may become a report now; explains it when not.

    The same form posted again always passes: it returns the first report.
    """
    token = form.cleaned_data["submission_token"]
    if Report.objects.filter(submission_token=token).exists():
        return True
    if over_limit(request, scope):
        form.add_error(
            None,
            _(
                "Meldpunt received many reports from you in a short time and "
                "accepts no more for a few minutes. Your text is still here: "
                "try again in ten minutes, or e-mail %(mailbox)s if it is urgent."
            )
            % {"mailbox": mailbox_address("security")},
        )
        return False
    return True


def _repeated_report(request: HttpRequest, data: dict[str, object]) -> str | None:
    """The reference of an identical report sent from this session just now.

    Going back and sending the form again can give it a fresh token; the same
    text from the same browser within minutes is still the same report.
    """
    fingerprint = _fingerprint(data)
    recent = request.session.get(_FINGERPRINT_KEY) or {}
    age = timezone.now().timestamp() - recent.get("at", 0)
    if recent.get("fingerprint") == fingerprint and age < _REPEAT_SECONDS:
        return str(recent["reference"])
    return None


def _remember(request: HttpRequest, data: dict[str, object], reference: str) -> None:
    request.session[_FINGERPRINT_KEY] = {
        "fingerprint": _fingerprint(data),
        "reference": reference,
        "at": timezone.now().timestamp(),
    }


def _fingerprint(data: dict[str, object]) -> str:
    fields = ("description", "discovered_at", "personal_data", "anonymous")
    content = "\x1f".join(str(data.get(name, "")) for name in fields)
    return hmac.new(
        settings.SECRET_KEY.encode(), content.encode(), hashlib.sha256
    ).hexdigest()


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    availability = current_availability()
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        allow_anonymous=request.user.is_authenticated,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        repeated = _repeated_report(request, data)
        if repeated is not None:
            request.session[_SESSION_KEY] = repeated
            return redirect("reports:received")
        if _accepts(request, form, "report"):
            return _store_report(request, form, availability)
        status = 429

    context = {"form": form, "guided": availability.path is Path.GUIDED}
    return render(request, "reports/report.html", context, status=status)


def _store_report(
    request: HttpRequest, form: ReportForm, availability: Availability
) -> HttpResponse:
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
    count_accepted(request, "report")
    run = start_procedure(
        incident=created.incident, actor=reporter, availability=availability
    )
    if run.guided:
        grant_guidance(request, created.incident.reference)
    # The reference travels in the session, never in the URL.
    request.session[_SESSION_KEY] = created.incident.reference
    _remember(request, data, created.incident.reference)
    return redirect("reports:received")


def received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(_SESSION_KEY)
    if reference is None:
        return redirect("reports:report")
    run = ProcedureRun.objects.filter(incident__reference=reference).first()
    context = {
        "reference": reference,
        "guided": bool(run and run.guided and not run.outcome),
        "supplier": bool(run and run.outcome == "contact_via_office_management"),
        "office_management": organisation().section("office_management"),
    }
    return render(request, "reports/received.html", context)


@require_http_methods(["GET", "POST"])
def supplier(request: HttpRequest) -> HttpResponse:
    form = SupplierReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _accepts(request, form, "supplier"):
            return _store_supplier_report(request, form)
        status = 429

    return render(request, "reports/supplier.html", {"form": form}, status=status)


def _store_supplier_report(
    request: HttpRequest, form: SupplierReportForm
) -> HttpResponse:
    data = form.cleaned_data
    created = submit_report(
        description=data["description"],
        supplier_contact=f"{data['company']}\n{data['contact']}",
        reporter=None,
        channel=ReportChannel.SUPPLIER,
        submission_token=data["submission_token"],
    )
    count_accepted(request, "supplier")
    start_procedure(
        incident=created.incident,
        actor=None,
        availability=current_availability(),
        first_answer="supplier",
    )
    request.session[_SESSION_KEY] = created.incident.reference
    return redirect("reports:received")
