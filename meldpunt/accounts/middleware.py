# SPDX-License-Identifier: EUPL-1.2
"""Session rules: an absolute lifetime, and a second factor before case data.

Inactivity is handled by Django itself: the session cookie lives
``SESSION_COOKIE_AGE`` seconds and is renewed on every request
(``SESSION_SAVE_EVERY_REQUEST``), so an idle session simply expires.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .roles import requires_second_factor
from .security_log import security_event

_STARTED = "meldpunt_session_started"
# What a user who still owes the second factor may reach.
_OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:second_factor",
        "accounts:second_factor_setup",
        "logout",
        "set_language",
    }
)


@receiver(user_logged_in)
def _start_session_clock(sender: object, request: HttpRequest, **kwargs: Any) -> None:
    request.session[_STARTED] = int(time.time())


class SessionLifetimeMiddleware:
    """End a signed-in session once it is older than the absolute limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.setdefault(_STARTED, int(time.time()))
            if time.time() - started > settings.MELDPUNT_SESSION_MAX_SECONDS:
                security_event("session_expired", user_id=request.user.pk)
                logout(request)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Send a user whose role needs it to the second-factor step first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], *args: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[union-attr]
            return None
        if request.resolver_match.view_name in _OPEN_BEFORE_SECOND_FACTOR:
            return None
        if not requires_second_factor(user):
            return None

        target = reverse("accounts:second_factor")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
