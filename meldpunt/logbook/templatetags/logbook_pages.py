# SPDX-License-Identifier: EUPL-1.2
"""Links to a logbook entry on the case page, which shows the logbook in pages."""

from django import template

register = template.Library()


@register.filter
def logbook_page(sequence: int, page_size: int) -> int:
    """The page of the case's logbook that holds entry ``sequence``."""
    return (int(sequence) - 1) // int(page_size) + 1
