# SPDX-License-Identifier: EUPL-1.2
"""A flood of posts to the public forms is refused; genuine reports get through.

Counts are kept per client in the cache, under a keyed hash of the address
(never the address itself), in fixed windows. Only POSTs count.
"""

import hashlib
import hmac
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)


def _client_key(request: HttpRequest, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()[:32]
    window = int(timezone.now().timestamp()) // settings.MELDPUNT_RATE_WINDOW_SECONDS
    return f"rate:{scope}:{digest}:{window}"


def rate_limited(
    scope: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                key = _client_key(request, scope)
                cache.add(key, 0, timeout=settings.MELDPUNT_RATE_WINDOW_SECONDS)
                if cache.incr(key) > settings.MELDPUNT_RATE_LIMIT:
                    logger.warning("rate_limit_refused", extra={"scope": scope})
                    return render(request, "reports/too_many.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
