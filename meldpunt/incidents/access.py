# SPDX-License-Identifier: EUPL-1.2
"""Who may see case data: the roles that handle cases."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from meldpunt.accounts.roles import handles_cases


def handler_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not handles_cases(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
