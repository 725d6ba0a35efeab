# SPDX-License-Identifier: EUPL-1.2
"""Who may follow a case: its handlers, and the session that reported it.

A reporter guided through the procedure (the CISO cannot be reached) gets
this case, and only this case, in their browser session.
"""

from django.http import HttpRequest

from meldpunt.accounts.roles import handles_cases
from meldpunt.incidents.models import Incident

SESSION_CASES = "meldpunt_guided_cases"


def grant_guidance(request: HttpRequest, reference: str) -> None:
    """Let this browser session follow the procedure for one case."""
    cases = set(request.session.get(SESSION_CASES, []))
    cases.add(reference)
    request.session[SESSION_CASES] = sorted(cases)


def may_follow_case(request: HttpRequest, incident: Incident) -> bool:
    """Case handlers, the case's own handler, or the session that reported it."""
    user = request.user
    return (
        handles_cases(user)
        or (user.is_authenticated and incident.handler_id == user.pk)
        or incident.reference in request.session.get(SESSION_CASES, [])
    )
