# SPDX-License-Identifier: EUPL-1.2
"""Links to a logbook entry on the case page, which shows the logbook in pages."""

from django import template

from meldpunt.logbook import paging

register = template.Library()


@register.filter
def logbook_page(sequence: int) -> int:
    """The page of the case's logbook that holds entry ``sequence``."""
    return paging.page_of(sequence)


@register.simple_tag
def entry_url(reference: str, sequence: int) -> str:
    """The case page at entry ``sequence``, on the page that holds it."""
    return paging.entry_url(reference, sequence)
