# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.http import HttpRequest

from meldpunt.accounts.roles import handles_cases


def meldpunt(request: HttpRequest) -> dict[str, object]:
    return {
        "handles_cases": handles_cases(request.user),
        "theme_css": settings.MELDPUNT_THEME_CSS,
        "theme_class": settings.MELDPUNT_THEME_CLASS,
    }
