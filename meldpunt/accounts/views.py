# SPDX-License-Identifier: EUPL-1.2
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.models import Device

from meldpunt.incidents.access import handler_required
from meldpunt.incidents.lookup import incident_or_404

from . import second_factor
from .forms import CodeForm, ConsultForm
from .models import AccessEvent
from .services import consult_on_case


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("home")


def _verified(request: HttpRequest, device: Device) -> None:
    # A new privilege level gets a new session id (no session fixation).
    request.session.cycle_key()
    django_otp.login(request, device)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if second_factor.confirmed_authenticator(request.user) is None:
        return redirect("accounts:second_factor_setup")

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.check_code(request.user, form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _(
                "This code is not right, or was used before. After several wrong "
                "codes you must wait a little longer before each try."
            ),
        )
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/second_factor.html", context)


def _qr_code(uri: str) -> str:
    svg = segno.make(uri, error="m").svg_inline(scale=4)
    # segno draws the SVG from the code's bits alone (no text of ours in it)
    # and without inline style, so it is safe as markup and under our CSP.
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    if second_factor.confirmed_authenticator(request.user) is not None:
        return redirect("accounts:second_factor")

    device = second_factor.pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_authenticator(
            user=request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            _verified(request, device)
            context = {"codes": codes, "next": _next_url(request)}
            return render(request, "accounts/recovery_codes.html", context)
        form.add_error("code", _("This code is not right. Try the newest code."))

    context = {
        "form": form,
        "secret": device.config_url.split("secret=")[1].split("&")[0],
        "uri": device.config_url,
        "qr_code": _qr_code(device.config_url),
        "next": _next_url(request),
    }
    return render(request, "accounts/second_factor_setup.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        codes = second_factor.replace_recovery_codes(user=request.user)
        context = {"codes": codes, "next": resolve_url("home")}
        return render(request, "accounts/recovery_codes.html", context)
    return render(request, "accounts/recovery_codes_replace.html")


def locked_out(
    request: HttpRequest, response: object = None, credentials: object = None
) -> HttpResponse:
    """What django-axes shows once an account is locked: 429, and how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"cooloff_minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)


@handler_required
def access_log(request: HttpRequest) -> HttpResponse:
    """Who viewed or downloaded which case or evidence, newest first."""
    events = AccessEvent.objects.select_related("person", "evidence")
    reference = request.GET.get("zaak", "").strip()[:32]
    if reference:
        events = events.filter(reference=reference)
    page = Paginator(events, 100).get_page(request.GET.get("pagina"))
    context = {"page": page, "reference": reference}
    return render(request, "accounts/access_log.html", context)


@handler_required
@require_http_methods(["GET", "POST"])
def consult(request: HttpRequest, reference: str) -> HttpResponse:
    """Open one case to a director or the FG."""
    incident = incident_or_404(reference)
    form = ConsultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consult_on_case(
            incident=incident, person=form.cleaned_data["person"], actor=request.user
        )
        messages.success(request, _("The case is open to them for consultation."))
        return redirect(incident)

    consulted = incident.consultations.select_related("person")
    context = {"incident": incident, "form": form, "consulted": consulted}
    status = 400 if form.errors else 200
    return render(request, "accounts/consult.html", context, status=status)


class LogoutView(auth_views.LogoutView):
    """Log out and tell the browser to drop what it kept of the session."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response
