# SPDX-License-Identifier: EUPL-1.2
"""Pages instead of a blank screen or a generic error: a form address opened
directly, a database that is locked or gone away."""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class MethodNotAllowedPage:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


# Seconds a browser or client is asked to wait before it tries again.
RETRY_AFTER_SECONDS = 60


def database_busy_page() -> HttpResponse:
    """503 for a database that is locked or away: nothing was saved, try again.

    The page is plain HTML that needs no database (not even for the user),
    and names nothing of the request.
    """
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyPage:
    """Answer a view's database fault (locked, gone away) with a page that
    says what happened to what was sent, instead of a generic error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning(
            "database_unavailable", extra={"error": type(exception).__name__}
        )
        return database_busy_page()
