# SPDX-License-Identifier: EUPL-1.2
"""A flood of reports from one sender is refused; genuine reports get through.

Counting is django-ratelimit's, per account when signed in and per client
address otherwise (``meldpunt.reports.throttle.client_address``). Only
accepted reports count, so typing errors never use up the limit, and a refused
report is shown again with its text instead of being thrown away.
"""

import logging

from django.http import HttpRequest
from django_ratelimit.core import get_usage

from .throttle import report_rate

logger = logging.getLogger(__name__)


def _usage(request: HttpRequest, scope: str, *, increment: bool) -> dict[str, int]:
    usage = get_usage(
        request,
        group=f"accepted_{scope}",
        key="user_or_ip",
        rate=report_rate,
        increment=increment,
    )
    return usage or {"count": 0, "limit": 1}


def over_limit(request: HttpRequest, scope: str) -> bool:
    """Whether this sender already reached the limit in the current window."""
    usage = _usage(request, scope, increment=False)
    if usage["count"] >= usage["limit"]:
        logger.warning("public_form_rate_limited", extra={"scope": scope})
        return True
    return False


def count_accepted(request: HttpRequest, scope: str) -> None:
    _usage(request, scope, increment=True)
