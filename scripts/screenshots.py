# SPDX-License-Identifier: EUPL-1.2
"""Regenerate docs/screenshots/: the main pages at phone and laptop width.

Runs Meldpunt with the demo organisation in a throwaway data folder (your own
database is not touched), serves it on a free local port and photographs each
page with Chromium. Usage: `make screenshots` or
`.venv/bin/python scripts/screenshots.py [--chromium /usr/bin/chromium]`.
"""

import argparse
import io
import os
import sys
import tempfile
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "screenshots"
QUIET_MAIL = "django.core.mail.backends.locmem.EmailBackend"
WIDTHS = {"phone": (360, 740), "laptop": (1280, 800)}
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def set_up_django(data_dir: Path) -> None:
    os.environ["MELDPUNT_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "meldpunt.settings.local"
    os.environ["MELDPUNT_EMAIL_BACKEND"] = QUIET_MAIL
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sys.path.insert(0, str(ROOT))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())


def serve() -> str:
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def session_cookie(username: str, base_url: str) -> dict[str, str]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    # The demo account's authenticator, as if its code had been typed.
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}


def photograph(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    page.screenshot(path=OUTPUT / f"{name}.png", full_page=True)


def photograph_reporter_pages(page, base_url: str, width: str) -> None:
    page.goto(base_url + "/")
    photograph(page, f"start-{width}")
    page.goto(base_url + "/melden/")
    photograph(page, f"report-form-{width}")
    page.get_by_role("button", name="Melding versturen").click()
    photograph(page, f"report-form-errors-{width}")
    page.get_by_label("Wat is er gebeurd?").fill(
        "Een collega kreeg een e-mail met een link naar een nagemaakte inlogpagina."
    )
    page.get_by_role("button", name="Melding versturen").click()
    photograph(page, f"report-received-{width}")


def photograph_case_pages(page, base_url: str, width: str) -> None:
    from meldpunt.incidents.models import Incident

    page.goto(base_url + "/zaken/?gesloten=1")
    photograph(page, f"worklist-{width}")
    busiest = max(Incident.objects.all(), key=lambda i: i.logbook_entries.count())
    page.goto(base_url + busiest.get_absolute_url())
    photograph(page, f"case-{width}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    arguments = parser.parse_args()

    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="meldpunt-screenshots-") as data_dir:
        set_up_django(Path(data_dir))
        base_url = serve()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=arguments.chromium, args=LAUNCH_ARGS
            )
            for width, (x, y) in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": x, "height": y},
                    locale="nl-NL",
                    timezone_id="Europe/Amsterdam",
                )
                photograph_reporter_pages(context.new_page(), base_url, width)
                context.add_cookies([session_cookie("ciso", base_url)])
                photograph_case_pages(context.new_page(), base_url, width)
                context.close()
            browser.close()
    print(f"Screenshots written to {OUTPUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
