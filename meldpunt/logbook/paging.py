# SPDX-License-Identifier: EUPL-1.2
"""The case page shows a logbook in pages; where on it an entry is."""

from django.urls import reverse

# Entries on one page of a case's logbook.
PAGE_SIZE = 100


def page_of(sequence: int) -> int:
    """The page of the case's logbook that holds entry ``sequence``."""
    return (int(sequence) - 1) // PAGE_SIZE + 1


def entry_url(reference: str, sequence: int) -> str:
    """The case page, at the page and the place of entry ``sequence``."""
    url = reverse("incidents:detail", args=[reference])
    return f"{url}?logboek={page_of(sequence)}#entry-{sequence}"
