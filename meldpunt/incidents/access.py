# SPDX-License-Identifier: EUPL-1.2
"""A second lock on case views: they run only behind the declared access policy.

The policy itself (who may use which URL on which case) lives in
``meldpunt.accounts.policy`` and is applied by its middleware before any view.
This decorator refuses to run a case view that did not pass through it, so a
view can never be reached by a configuration that forgot the middleware.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def handler_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rule = getattr(request, "meldpunt_rule", None)
        if rule is None or rule.public:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
