# SPDX-License-Identifier: EUPL-1.2
"""A real browser: Playwright driving Debian's Chromium.

Without /usr/bin/chromium the browser tests are skipped with one line saying
how to enable them; with MELDPUNT_REQUIRE_BROWSER=1 (as in CI) they fail.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("MELDPUNT_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# The sync Playwright API runs an event loop in this thread; Django's ORM
# refuses that unless told the tests know what they do.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists() or os.environ.get("MELDPUNT_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(
        reason=f"browser tests need Chromium at {CHROMIUM}: "
        "sudo apt-get install chromium (or set MELDPUNT_CHROMIUM)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
