# SPDX-License-Identifier: EUPL-1.2
"""Who may follow a case: its handlers, and the browser that reported it.

A reporter guided through the procedure (the CISO cannot be reached) gets
this case, and only this case. A named reporter gets it in their session; an
anonymous one in a signed cookie of its own, so that no session row (which
belongs to an account when someone is signed in) ties them to the report.
"""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from meldpunt.accounts.roles import handles_cases
from meldpunt.incidents.models import Incident

SESSION_CASES = "meldpunt_guided_cases"
GUIDE_COOKIE = "meldpunt_guide"
_COOKIE_SALT = "meldpunt.guidance.cookie"
_COOKIE_SECONDS = 12 * 60 * 60


def grant_guidance(
    request: HttpRequest, response: HttpResponse | None, reference: str
) -> None:
    """Let this browser follow the procedure for one case.

    With a response, the grant goes into the signed cookie (anonymous
    reports); without, into the session (named reports).
    """
    if response is None:
        cases = set(request.session.get(SESSION_CASES, []))
        cases.add(reference)
        request.session[SESSION_CASES] = sorted(cases)
        return
    cases = set(_cookie_cases(request)) | {reference}
    response.set_signed_cookie(
        GUIDE_COOKIE,
        ",".join(sorted(cases)),
        salt=_COOKIE_SALT,
        max_age=_COOKIE_SECONDS,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _cookie_cases(request: HttpRequest) -> list[str]:
    try:
        value = request.get_signed_cookie(
            GUIDE_COOKIE, default="", salt=_COOKIE_SALT, max_age=_COOKIE_SECONDS
        )
    except signing.BadSignature:
        return []
    return [reference for reference in value.split(",") if reference]


def may_follow_case(request: HttpRequest, incident: Incident) -> bool:
    """Case handlers, the case's own handler, or the browser that reported it."""
    user = request.user
    return (
        handles_cases(user)
        or (user.is_authenticated and incident.handler_id == user.pk)
        or incident.reference in request.session.get(SESSION_CASES, [])
        or incident.reference in _cookie_cases(request)
    )
