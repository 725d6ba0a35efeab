# SPDX-License-Identifier: EUPL-1.2
"""System checks for the look: a configured extra theme must exist."""

import re
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import CheckMessage, Error

_CLASS_NAME = re.compile(r"-?[_a-zA-Z][_a-zA-Z0-9-]*")


def check_theme(**kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    css, css_class = settings.MELDPUNT_THEME_CSS, settings.MELDPUNT_THEME_CLASS
    if css and not finders.find(css):
        errors.append(
            Error(
                f"MELDPUNT_THEME_CSS names {css!r}, which is not a static file.",
                hint="Run the theme build step in docs/theme.md, or unset it.",
                id="meldpunt.E001",
            )
        )
    if css_class and not _CLASS_NAME.fullmatch(css_class):
        errors.append(
            Error(
                f"MELDPUNT_THEME_CLASS must be one CSS class name, not {css_class!r}.",
                id="meldpunt.E002",
            )
        )
    return errors
