# SPDX-License-Identifier: EUPL-1.2
"""WeasyPrint settings for documents made from case data."""

from weasyprint.urls import URLFetcher


class OfflineFetcher(URLFetcher):
    """Fetch only ``data:`` URLs: no network, no files, never this server.

    A dossier contains text that reporters and outsiders wrote; nothing in it
    may make the server reach out anywhere.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)
