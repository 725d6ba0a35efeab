# SPDX-License-Identifier: EUPL-1.2
"""The assessment page: the facts as questions, the advice, the decision."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meldpunt.accounts.roles import handles_cases
from meldpunt.core.assessment import FactsError, assess
from meldpunt.guidance.access import may_follow_case
from meldpunt.incidents.lookup import incident_or_404
from meldpunt.incidents.models import Incident

from . import services
from .changes import latest_changes
from .clocks import case_clocks
from .forms import DecisionForm, FactsForm, answers_from_facts, facts_from_answers
from .models import FactsVersion
from .prefill import starting_facts
from .questions import QUESTIONS, Question, questions_for

QUESTION_TITLES = {q.key: q.title for q in QUESTIONS}


class _LoginNeeded(Exception):
    pass


def _case(request: HttpRequest, reference: str) -> Incident:
    found = incident_or_404(reference, Incident.objects.select_related("handler"))
    if may_follow_case(request, found):
        return found
    if not request.user.is_authenticated:
        raise _LoginNeeded
    raise PermissionDenied


def _actor(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


def _page_url(incident: Incident) -> str:
    return reverse("assessments:assessment", args=[incident.reference])


@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        incident = _case(request, reference)
    except _LoginNeeded:
        return redirect_to_login(request.get_full_path())

    stored = starting_facts(incident)
    form = FactsForm(request.POST or None, initial=answers_from_facts(stored))
    if _wizard_mode(request):
        return _wizard(request, incident, form, stored)

    if request.method == "POST" and form.is_valid():
        saved = _save(request, incident, form, stored)
        if saved is not None:
            return saved
    unsaved = not incident.facts_versions.exists()
    preview = _preview(stored) if unsaved else None
    return _render(
        request,
        incident,
        form=form,
        mode="all",
        preview=preview,
        preview_facts=stored,
        unsaved=unsaved,
    )


def _wizard_mode(request: HttpRequest) -> bool:
    if "vraag" in request.GET or "vraag" in request.POST:
        return True
    return "alles" not in request.GET and not handles_cases(request.user)


def _save(
    request: HttpRequest, incident: Incident, form: FactsForm, stored: dict[str, Any]
) -> HttpResponse | None:
    try:
        services.record_facts(
            incident=incident, facts=form.facts(stored), actor=_actor(request)
        )
    except FactsError as error:
        for problem in error.problems:
            form.add_error(None, problem)
        return None
    messages.success(request, _("The facts and the recommendation have been saved."))
    return redirect(_page_url(incident) + "#advies")


def _wizard(
    request: HttpRequest, incident: Incident, form: FactsForm, stored: dict[str, Any]
) -> HttpResponse:
    """One question at a time; the other answers travel along as hidden fields."""
    valid = form.is_valid() if form.is_bound else False
    current = _form_facts(form, stored)
    questions = questions_for(current)
    index = _index(request.POST.get("vraag") or request.GET.get("vraag"), questions)

    if form.is_bound and not _has_errors(form, questions[index - 1]):
        step = request.POST.get("stap")
        if step == "opslaan" or (step != "vorige" and index == len(questions)):
            if valid and (saved := _save(request, incident, form, stored)):
                return saved
            index = _first_with_errors(form, questions) or index
        else:
            index = index - 1 if step == "vorige" else index + 1
            index = _index(str(index), questions)
            # A fresh form for the next question: no errors before it is answered.
            form = FactsForm(initial=answers_from_facts(current))

    question = questions[index - 1]
    show_errors = _has_errors(form, question) or bool(
        form.is_bound and form.non_field_errors()
    )
    return _render(
        request,
        incident,
        status=400 if show_errors else 200,
        form=form,
        mode="wizard",
        question=question,
        index=index,
        total=len(questions),
        preview=_preview(current),
        preview_facts=current,
        unsaved=current != stored or not incident.facts_versions.exists(),
        show_errors=show_errors,
    )


def _index(raw: str | None, questions: list[Question]) -> int:
    number = int(raw) if raw and raw.isdigit() else 1
    return min(max(number, 1), len(questions))


def _form_facts(form: FactsForm, stored: dict[str, Any]) -> dict[str, Any]:
    if not form.is_bound:
        return stored
    return facts_from_answers(getattr(form, "cleaned_data", {}), stored)


def _has_errors(form: FactsForm, question: Question) -> bool:
    if not form.is_bound:
        return False
    return any(name in form.errors for name in question.fields)


def _first_with_errors(form: FactsForm, questions: list[Question]) -> int | None:
    for number, question in enumerate(questions, start=1):
        if _has_errors(form, question):
            return number
    return None


def _preview(facts: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return assess(facts, language=_language())
    except FactsError:
        return None


def _language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _advice(version: FactsVersion | None) -> dict[str, Any] | None:
    """The stored advice; in English recomputed from the same facts."""
    if version is None:
        return None
    if _language() == "nl":
        return version.assessment
    return _preview(version.facts) or version.assessment


def _people(facts: dict[str, Any]) -> str:
    """How many people, as the facts give it: "40" or "40–60"."""
    subjects = facts.get("subjects")
    if not isinstance(subjects, dict):
        return ""
    low, high = subjects.get("min"), subjects.get("max")
    return str(low) if low == high else f"{low}–{high}"


def _render(
    request: HttpRequest, incident: Incident, status: int = 200, **extra: Any
) -> HttpResponse:
    versions = list(incident.facts_versions.order_by("number"))
    latest = versions[-1] if versions else None
    preview = extra.pop("preview", None)
    form = extra.get("form")
    bound = bool(form is not None and form.is_bound)
    if extra.get("mode") == "all" and bound and form.errors:
        status = 400
    advice = preview or _advice(latest)
    advice_facts = extra.pop("preview_facts", None) if preview else None
    if advice_facts is None and latest is not None:
        advice_facts = latest.facts
    context = {
        "status_error": status == 400,
        "is_preview": preview is not None and extra.pop("unsaved", False),
        "questions": QUESTIONS,
        "incident": incident,
        "latest": latest,
        "advice": advice,
        "missing": [
            QUESTION_TITLES.get(name, name)
            for name in (advice or {}).get("missing", [])
        ],
        "changes": latest_changes(versions),
        "people": _people(advice_facts or {}),
        "decision_form": extra.pop("decision_form", None) or DecisionForm(),
        "decisions": list(incident.breach_decisions.select_related("decided_by")),
        "clocks": case_clocks(incident),
        "now": timezone.now(),
        "page_url": _page_url(incident),
        "is_handler": handles_cases(request.user),
        **extra,
    }
    context["overdue"] = any(
        c.key == "authority" and c.urgency(context["now"]) == "overdue"
        for c in context["clocks"]
    )
    return render(request, "assessments/assessment.html", context, status=status)


@require_POST
def decide(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        incident = _case(request, reference)
    except _LoginNeeded:
        return redirect_to_login(request.get_full_path())

    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.record_decision(
                incident=incident, actor=_actor(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(_page_url(incident) + "#besluit")
    stored = starting_facts(incident)
    facts_form = FactsForm(initial=answers_from_facts(stored))
    return _render(
        request, incident, status=400, form=facts_form, mode="all", decision_form=form
    )
