# SPDX-License-Identifier: EUPL-1.2
"""A flood of reports from one sender is refused; genuine reports get through.

Only accepted reports count. A logged-in sender is counted by account, so a
whole organisation behind one proxy address is not refused as one sender;
anyone else by client address, read from ``X-Forwarded-For`` when
``MELDPUNT_PROXY_HOPS`` says how many proxies stand in front. The cache key
holds a keyed hash of that identity, never the identity itself.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The sender's address: the one the nearest trusted proxy saw."""
    hops = settings.MELDPUNT_PROXY_HOPS
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if hops and len(addresses) >= hops:
        return addresses[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))


def _key(request: HttpRequest, scope: str) -> str:
    if request.user.is_authenticated:
        identity = f"user:{request.user.pk}"
    else:
        identity = f"address:{client_address(request)}"
    digest = hmac.new(
        settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256
    ).hexdigest()[:32]
    window = int(timezone.now().timestamp()) // settings.MELDPUNT_RATE_WINDOW_SECONDS
    return f"rate:{scope}:{digest}:{window}"


def over_limit(request: HttpRequest, scope: str) -> bool:
    """Whether this sender already reached the limit in the current window."""
    count = cache.get(_key(request, scope), 0)
    if count >= settings.MELDPUNT_RATE_LIMIT:
        logger.warning("rate_limit_refused", extra={"scope": scope})
        return True
    return False


def count_accepted(request: HttpRequest, scope: str) -> None:
    key = _key(request, scope)
    cache.add(key, 0, timeout=settings.MELDPUNT_RATE_WINDOW_SECONDS)
    cache.incr(key)
