# SPDX-License-Identifier: EUPL-1.2
import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from meldpunt.incidents.access import handler_required

from . import services
from .forms import AnswerForm, QuestionForm, ReceiptForm, ReportForm
from .models import Report

_SESSION_KEY = "meldpunt_last_report"
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


@never_cache
@ratelimit(group="public_forms", **_LIMITED)
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    allow_anonymous = request.user.is_authenticated
    form = ReportForm(
        request.POST or None, request.FILES or None, allow_anonymous=allow_anonymous
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        anonymous = not request.user.is_authenticated or data.get("anonymous", False)
        created = services.submit_report(
            description=data["description"],
            discovered_at=data["discovered_at"],
            personal_data=data["personal_data"],
            anonymous=anonymous,
            reporter=None if anonymous else request.user,
            submission_token=data["submission_token"],
            files=form.evidence(),
        )
        if anonymous:
            # Nothing of an anonymous report goes into a session (a session
            # row could tie it to an account); the receipt code is shown once.
            return _received(request, created)
        # The reference travels in the session, never in the URL.
        request.session[_SESSION_KEY] = created.incident.reference
        return redirect("reports:received")

    return render(request, "reports/report.html", {"form": form})


def _received(request: HttpRequest, created: Report) -> HttpResponse:
    context = {
        "reference": created.incident.reference,
        "receipt_code": getattr(created, "receipt_code", None),
        "anonymous": True,
    }
    return render(request, "reports/received.html", context)


def received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(_SESSION_KEY)
    if reference is None:
        return redirect("reports:report")
    return render(request, "reports/received.html", {"reference": reference})


def _thread(request: HttpRequest, report: Report, code: str) -> HttpResponse:
    context = {
        "report": report,
        "thread": report.messages.all(),
        "form": AnswerForm(initial={"code": code}),
    }
    return render(request, "reports/follow_up_thread.html", context)


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
