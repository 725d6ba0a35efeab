# SPDX-License-Identifier: EUPL-1.2
"""The look: stylesheets, fonts and scripts are served, and an extra theme is
configured safely."""

import re

import pytest
from django.test import Client

from meldpunt.web.checks import check_theme

pytestmark = pytest.mark.django_db


def _assets(html: str, tag: str, attribute: str) -> list[str]:
    return re.findall(rf'<{tag}[^>]* {attribute}="(/static/[^"]+)"', html)


def _fetch(client: Client, url: str) -> tuple[int, bytes]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else b""
    response.close()
    return response.status_code, body


def test_every_stylesheet_script_and_font_of_a_page_is_served(client: Client) -> None:
    html = client.get("/").content.decode()
    stylesheets = _assets(html, "link", "href")
    scripts = _assets(html, "script", "src")

    fonts = []
    for url in stylesheets:
        status, body = _fetch(client, url)
        assert status == 200, url
        css = body.decode()
        folder = url.rsplit("/", 1)[0]
        fonts += [f"{folder}/{name}" for name in re.findall(r"url\(\./([^)]+)\)", css)]

    assert len(stylesheets) == 4
    assert len(scripts) == 1
    assert any("latin-ext" in font for font in fonts)
    for url in scripts + fonts:
        assert _fetch(client, url)[0] == 200, url


def test_pages_carry_no_inline_script_or_style(client: Client) -> None:
    html = client.get("/melden/").content.decode()

    assert re.search(r"<script(?![^>]* src=)", html) is None
    assert "<style" not in html
    assert " style=" not in html


def test_extra_theme_is_loaded_after_our_own_with_its_class(
    client: Client, settings
) -> None:
    settings.MELDPUNT_THEME_CSS = "theme/rijkshuisstijl.css"
    settings.MELDPUNT_THEME_CLASS = "rhc-theme"

    html = client.get("/").content.decode()

    assert '<body class="meldpunt-theme rhc-theme ' in html
    own, extra = (
        html.index("meldpunt/theme.css"),
        html.index("theme/rijkshuisstijl.css"),
    )
    assert own < extra < html.index("meldpunt/meldpunt.css")


def test_no_extra_theme_by_default(client: Client) -> None:
    html = client.get("/").content.decode()

    assert '<body class="meldpunt-theme utrecht-document' in html
    assert "theme/rijkshuisstijl.css" not in html


def test_theme_check_refuses_a_missing_stylesheet_and_a_bad_class(settings) -> None:
    settings.MELDPUNT_THEME_CSS = "theme/not-fetched.css"
    settings.MELDPUNT_THEME_CLASS = 'rhc-theme" onload="x'

    assert [error.id for error in check_theme()] == ["meldpunt.E001", "meldpunt.E002"]


def test_theme_check_accepts_a_stylesheet_that_is_found(settings) -> None:
    settings.MELDPUNT_THEME_CSS = "meldpunt/theme.css"
    settings.MELDPUNT_THEME_CLASS = "rhc-theme"

    assert check_theme() == []
