# SPDX-License-Identifier: EUPL-1.2
"""Flood protection for the public forms, counted per client in the cache.

A signed-in account is counted by its id, anyone else by network address
(behind ``MELDPUNT_TRUSTED_PROXIES`` proxies, the address they report). The
address lives only as a hashed cache key for the length of the window: it is
never written to the database or a log.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address, skipping the organisation's own proxies."""
    proxies = settings.MELDPUNT_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies and len(hops) >= proxies:
        return hops[-proxies]
    # No address at all (a Unix socket without proxy headers): one shared bucket.
    return str(request.META.get("REMOTE_ADDR") or ipaddress.IPv4Address(0))


def report_rate(group: str, request: HttpRequest) -> str:
    return str(settings.MELDPUNT_REPORT_RATE)
