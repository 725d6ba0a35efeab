# SPDX-License-Identifier: EUPL-1.2
from django import template
from django.utils.translation import get_language

from meldpunt.core.procedure import Text

register = template.Library()


@register.filter
def get_text(text: Text | None) -> str:
    """A procedure text in the active language (Dutch when English is missing)."""
    if text is None:
        return ""
    return text.get((get_language() or "nl")[:2])
