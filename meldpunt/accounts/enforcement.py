# SPDX-License-Identifier: EUPL-1.2
"""Apply the declared access policy to every request, and record case access."""

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from .models import AccessEvent
from .policy import Rule, rule_for
from .security_log import security_event


def _case_of(kwargs: dict[str, Any]) -> object:
    from meldpunt.incidents.models import Incident

    reference = kwargs.get("reference")
    if reference is None:
        return None
    return Incident.objects.filter(reference=reference).first()


def deny(request: HttpRequest, view_name: str, reason: str) -> PermissionDenied:
    security_event(
        "permission_denied",
        level=logging.WARNING,
        user_id=request.user.pk,
        view=view_name,
        reason=reason,
    )
    return PermissionDenied()


class PolicyMiddleware:
    """Refuse every request that the rule for its URL does not allow."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        rule = getattr(request, "meldpunt_rule", None)
        if rule is not None and not rule.public:
            # Pages behind a login hold case or account data: no browser or
            # proxy may keep a copy.
            add_never_cache_headers(response)
        if response.status_code == 200:
            _record_access(request)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        view_name = request.resolver_match.view_name
        rule = rule_for(view_name)
        if rule is None:
            raise deny(request, view_name, "no_policy")
        if rule.public:
            request.meldpunt_rule = rule  # type: ignore[attr-defined]
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())

        case = _case_of(kwargs)
        if not rule.allows(request.user, case):
            raise deny(request, view_name, "rule")
        request.meldpunt_rule = rule  # type: ignore[attr-defined]
        request.meldpunt_case = case  # type: ignore[attr-defined]
        return None


def _record_access(request: HttpRequest) -> None:
    rule: Rule | None = getattr(request, "meldpunt_rule", None)
    case = getattr(request, "meldpunt_case", None)
    if rule is None or not rule.audit or case is None:
        return
    AccessEvent.objects.create(
        person=request.user,
        action=rule.audit,
        incident=case,
        reference=case.reference,
        evidence_id=request.resolver_match.kwargs.get("pk")
        if rule.audit == "download"
        else None,
    )
