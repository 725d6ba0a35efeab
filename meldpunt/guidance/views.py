# SPDX-License-Identifier: EUPL-1.2
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meldpunt.accounts.roles import CASE_HANDLER_ROLES, Role, roles_of
from meldpunt.core.procedure import InvalidAnswerError, StepResult
from meldpunt.incidents.access import handler_required
from meldpunt.organisation import organisation

from . import services
from .access import may_follow_case
from .definitions import active_definition
from .forms import AbsenceForm, ConsultationForm, StepForm
from .mail import mailbox_address
from .models import Absence, ProcedureRun


def _run_for(request: HttpRequest, reference: str) -> ProcedureRun:
    """The case's run, for its handlers or the session that reported it."""
    run = (
        ProcedureRun.objects.select_related("incident", "definition")
        .filter(incident__reference=reference)
        .first()
    )
    # Whether a case exists is not told to someone who may not follow it.
    if run is None or not may_follow_case(request, run.incident):
        raise Http404(
            _("There is no procedure for case %(reference)s that you can follow.")
            % {"reference": reference[:32]}
        )
    return run


def _actor(request: HttpRequest) -> object:
    return request.user if request.user.is_authenticated else None


@require_http_methods(["GET", "POST"])
def guide(request: HttpRequest, reference: str) -> HttpResponse:
    run = _run_for(request, reference)
    state = services.run_state(run)
    form = StepForm(request.POST or None, step=state.step) if state.step else None

    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.answer_step(
                run=run,
                step_id=state.step.id,
                answer_id=form.chosen().id,
                data=form.answer_data(),
                actor=_actor(request),
            )
        except InvalidAnswerError:
            form.add_error(
                None,
                _(
                    "This step was already answered, or the answer no longer fits. "
                    "Reload the page."
                ),
            )
        else:
            return redirect("guidance:guide", reference=reference)

    status = 400 if form is not None and form.errors else 200
    return _render_guide(request, run, state, form, ConsultationForm(), status)


@require_POST
def consultation(request: HttpRequest, reference: str) -> HttpResponse:
    run = _run_for(request, reference)
    form = ConsultationForm(request.POST)
    if form.is_valid():
        services.record_consultation(
            incident=run.incident, actor=_actor(request), **form.cleaned_data
        )
        messages.success(
            request, _("The consultation has been recorded in the logbook.")
        )
        return redirect("guidance:guide", reference=reference)

    state = services.run_state(run)
    step_form = StepForm(step=state.step) if state.step else None
    return _render_guide(request, run, state, step_form, form, 400)


def _render_guide(
    request: HttpRequest,
    run: ProcedureRun,
    state: StepResult,
    form: StepForm | None,
    consultation_form: ConsultationForm,
    status: int,
) -> HttpResponse:
    context = {
        "run": run,
        "incident": run.incident,
        "state": state,
        "form": form,
        "consultation_form": consultation_form,
        "now": timezone.now(),
    }
    return render(request, "guidance/guide.html", context, status=status)


def contact(request: HttpRequest) -> HttpResponse:
    org = organisation()
    return render(
        request,
        "guidance/contact.html",
        {
            "ciso": org.section("ciso"),
            "servicedesk": org.section("servicedesk"),
            "security_mailbox": mailbox_address("security"),
        },
    )


def tips(request: HttpRequest) -> HttpResponse:
    org = organisation()
    return render(
        request,
        "guidance/tips.html",
        {
            "office_hour": org.text("office_hour"),
            "newsletter": org.text("newsletter"),
            "monthly_report": org.text("monthly_report"),
            "servicedesk": org.section("servicedesk"),
        },
    )


def stuck(request: HttpRequest) -> HttpResponse:
    org = organisation()
    return render(
        request,
        "guidance/stuck.html",
        {
            "office_management": org.section("office_management"),
            "security_mailbox": mailbox_address("security"),
        },
    )


@login_required
def emergency_number(request: HttpRequest) -> HttpResponse:
    if Role.OFFICE_MANAGEMENT not in roles_of(request.user):
        raise PermissionDenied
    number = services.disclose_emergency_number(user=request.user)
    response = render(request, "guidance/emergency.html", {"number": number})
    response["Cache-Control"] = "no-store"
    return response


@handler_required
@require_http_methods(["GET", "POST"])
def absences(request: HttpRequest) -> HttpResponse:
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_absence(person=request.user, **form.cleaned_data)
        messages.success(request, _("Your absence has been recorded."))
        return redirect("guidance:absences")

    now = timezone.now()
    context = {
        "form": form,
        "absences": Absence.objects.filter(person__groups__name__in=CASE_HANDLER_ROLES)
        .exclude(ends_at__lt=now)
        .select_related("person")
        .distinct(),
        "availability": services.current_availability(now),
        "threshold": active_definition().settings.thresholds["ciso_unreachable_hours"],
    }
    return render(
        request, "guidance/absences.html", context, status=400 if form.errors else 200
    )


@handler_required
@require_POST
def end_absence(request: HttpRequest, pk: int) -> HttpResponse:
    absence = Absence.objects.filter(pk=pk, person=request.user).first()
    if absence is None:
        raise Http404(_("This absence does not exist or is not yours."))
    services.end_absence(absence=absence)
    messages.success(request, _("Welcome back: your absence has ended."))
    return redirect("guidance:absences")
