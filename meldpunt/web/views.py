# SPDX-License-Identifier: EUPL-1.2
from datetime import date

from django.contrib.sessions.exceptions import SessionInterrupted
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meldpunt.guidance.mail import mailbox_address

from .middleware import database_busy_page

# The day the accessibility statement was last reviewed; change it with the text.
STATEMENT_REVIEWED = date(2026, 12, 3)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, as Dutch government sites publish one."""
    context = {
        "reviewed": STATEMENT_REVIEWED,
        "contact": mailbox_address("security"),
    }
    return render(request, "web/accessibility.html", context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose security token did not match: explain, keep nothing."""
    return render(request, "403_csrf.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Show our own explanation, never the resolver's internals."""
    message = ""
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"message": message}, status=404)


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """A session that could not be saved because the database was busy is
    not a bad request: say so, rather than blame what was sent."""
    if isinstance(exception, SessionInterrupted):
        return database_busy_page()
    return render(request, "400.html", status=400)
