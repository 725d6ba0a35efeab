# SPDX-License-Identifier: EUPL-1.2
import hashlib
import hmac
import logging

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from meldpunt.core.availability import Availability, Path
from meldpunt.guidance.access import grant_guidance
from meldpunt.guidance.mail import mailbox_address
from meldpunt.guidance.models import ProcedureRun
from meldpunt.guidance.services import current_availability, start_procedure
from meldpunt.incidents.access import handler_required
from meldpunt.organisation import organisation

from . import services
from .forms import AnswerForm, QuestionForm, ReceiptForm, ReportForm, SupplierReportForm
from .models import Report, ReportChannel
from .ratelimit import count_accepted, over_limit

_SESSION_KEY = "meldpunt_last_report"
_REPEAT_COOKIE = "meldpunt_repeat"
_REPEAT_SALT = "meldpunt.reports.repeat"
_REPEAT_SECONDS = 600
logger = logging.getLogger(__name__)

_LIMITED = {
    "key": "user_or_ip",
    "rate": "meldpunt.reports.throttle.report_rate",
    "method": "POST",
    "block": True,
}


def too_many_requests(request: HttpRequest, exception: Exception) -> HttpResponse:
    logger.warning("public_form_rate_limited", extra={"path": request.path})
    return render(request, "reports/too_many_requests.html", status=429)


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
    """The reference of an identical report sent from this browser just now.

    Going back and sending the form again can give it a fresh token; the same
    text from the same browser within minutes is still the same report. The
    memory is a signed cookie in the browser, so the server keeps no link
    between a browser and an anonymous report.
    """
    try:
        recent = request.get_signed_cookie(
            _REPEAT_COOKIE, default="", salt=_REPEAT_SALT, max_age=_REPEAT_SECONDS
        )
    except signing.BadSignature:
        return None
    fingerprint, _sep, reference = recent.partition(":")
    if reference and fingerprint == _fingerprint(data):
        return reference
    return None


def _remember(
    response: HttpResponse, data: dict[str, object], reference: str
) -> HttpResponse:
    response.set_signed_cookie(
        _REPEAT_COOKIE,
        f"{_fingerprint(data)}:{reference}",
        salt=_REPEAT_SALT,
        max_age=_REPEAT_SECONDS,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _fingerprint(data: dict[str, object]) -> str:
    fields = ("description", "discovered_at", "personal_data", "anonymous")
    content = "\x1f".join(str(data.get(name, "")) for name in fields)
    return hmac.new(
        settings.SECRET_KEY.encode(), content.encode(), hashlib.sha256
    ).hexdigest()


@never_cache
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
            return _show_again(request, data, repeated)
        if _accepts(request, form, "report"):
            return _store_report(request, form, availability)
        status = 429

    context = {"form": form, "guided": availability.path is Path.GUIDED}
    return render(request, "reports/report.html", context, status=status)


def _anonymous(request: HttpRequest, data: dict[str, object]) -> bool:
    return not request.user.is_authenticated or bool(data.get("anonymous", False))


def _store_report(
    request: HttpRequest, form: ReportForm, availability: Availability
) -> HttpResponse:
    data = form.cleaned_data
    anonymous = _anonymous(request, data)
    reporter = None if anonymous else request.user
    created = services.submit_report(
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
    reference = created.incident.reference
    if anonymous:
        # Nothing of an anonymous report goes into a session (a session row
        # could tie it to an account): the receipt code is shown once, and a
        # guided reporter carries the case in a signed cookie of its own.
        response = _received_anonymously(request, created, run)
        if run.guided:
            grant_guidance(request, response, reference)
        return _remember(response, data, reference)
    if run.guided:
        grant_guidance(request, None, reference)
    # The reference travels in the session, never in the URL.
    request.session[_SESSION_KEY] = reference
    return _remember(redirect("reports:received"), data, reference)


def _show_again(
    request: HttpRequest, data: dict[str, object], reference: str
) -> HttpResponse:
    """The confirmation of a report sent before, without storing it again."""
    if not _anonymous(request, data):
        request.session[_SESSION_KEY] = reference
        return redirect("reports:received")
    created = (
        Report.objects.select_related("incident")
        .filter(incident__reference=reference)
        .first()
    )
    if created is None:
        return redirect("reports:report")
    run = ProcedureRun.objects.filter(incident=created.incident).first()
    return _received_anonymously(request, created, run)


def _received_anonymously(
    request: HttpRequest, created: Report, run: ProcedureRun | None
) -> HttpResponse:
    context = {
        "reference": created.incident.reference,
        "receipt_code": getattr(created, "receipt_code", None),
        "anonymous": True,
        "guided": bool(run and run.guided and not run.outcome),
    }
    return render(request, "reports/received.html", context)


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


@never_cache
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
    created = services.submit_report(
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


def _thread(request: HttpRequest, report: Report, code: str) -> HttpResponse:
    run = ProcedureRun.objects.filter(incident=report.incident).first()
    guided = bool(run and run.guided)
    context = {
        "report": report,
        "thread": report.messages.all(),
        "form": AnswerForm(initial={"code": code}),
        "guided": guided,
    }
    response = render(request, "reports/follow_up_thread.html", context)
    if guided:
        # The receipt code proves this is the reporter: let this browser go
        # on with the procedure, also after the first one was closed.
        grant_guidance(request, response, report.incident.reference)
    return response


@never_cache
@ratelimit(group="public_forms", **_LIMITED)
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    """An anonymous reporter reads the CISO's questions with their receipt code."""
    form = ReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = services.report_for_receipt(form.cleaned_data["code"])
        if found is not None:
            return _thread(request, found, form.cleaned_data["code"])
        form.add_error(
            "code", _("This receipt code is not known. Check it and try again.")
        )
    return render(request, "reports/follow_up.html", {"form": form})


@never_cache
@ratelimit(group="public_forms", **_LIMITED)
@require_POST
def answer(request: HttpRequest) -> HttpResponse:
    form = AnswerForm(request.POST)
    found = services.report_for_receipt(request.POST.get("code", ""))
    if found is None:
        return render(
            request, "reports/follow_up.html", {"form": ReceiptForm()}, status=400
        )
    if not form.is_valid():
        context = {"report": found, "thread": found.messages.all(), "form": form}
        return render(request, "reports/follow_up_thread.html", context, status=400)

    services.answer_as_reporter(report=found, text=form.cleaned_data["text"])
    messages.success(request, _("Your answer has been sent."))
    return _thread(request, found, form.cleaned_data["code"])


@handler_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, reference: str) -> HttpResponse:
    """The case handler's side: questions to the case's anonymous reporters."""
    reports = Report.objects.filter(
        incident__reference=reference, anonymous=True
    ).prefetch_related("messages")
    if not reports:
        raise Http404(_("This case has no anonymous report to ask about."))

    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = reports.filter(pk=form.cleaned_data["report"]).first()
        if target is None:
            raise Http404(_("This case has no such report."))
        services.ask_reporter(
            report=target, text=form.cleaned_data["text"], actor=request.user
        )
        messages.success(request, _("The question is waiting for the reporter."))
        return redirect("reports:ask", reference=reference)
    context = {"reference": reference, "reports": reports, "form": form}
    return render(
        request, "reports/ask.html", context, status=400 if form.errors else 200
    )
