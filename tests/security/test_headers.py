# SPDX-License-Identifier: EUPL-1.2
"""Every response carries a strict policy; production refuses weak configuration."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

PACKAGE = Path(__file__).resolve().parents[2] / "meldpunt"


def _directives(header: str) -> dict[str, str]:
    pairs = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


@pytest.mark.parametrize("path", ["/", "/melden/", "/inloggen/", "/bestaat-niet/"])
def test_pages_send_a_strict_content_security_policy(db: None, path: str) -> None:
    response = Client().get(path)

    policy = _directives(response["Content-Security-Policy"])
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["form-action"] == "'self'"


def test_pages_send_the_other_protective_headers(db: None) -> None:
    response = Client().get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_session_and_csrf_cookies_are_http_only(staff: object) -> None:
    client = Client()
    client.post(
        "/inloggen/", {"username": "medewerker", "password": "een-lang-wachtwoord"}
    )

    assert client.cookies["csrftoken"]["httponly"]
    assert client.cookies["sessionid"]["httponly"]
    assert client.cookies["sessionid"]["samesite"] == "Lax"


# Rendered into a PDF by WeasyPrint and never served to a browser, where the
# CSP applies; the stylesheet travels inside the document.
PDF_ONLY = {"logbook/templates/logbook/dossier.html"}


def test_no_template_holds_inline_script_style_or_event_handlers() -> None:
    inline = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=", re.I)
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("templates/**/*.html")
        if inline.search(path.read_text(encoding="utf-8"))
        and str(path.relative_to(PACKAGE)) not in PDF_ONLY
    ]

    assert offenders == []


def _production(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "MELDPUNT_EVIDENCE_KEY", "DATABASE_URL"}
    }
    clean.update(DJANGO_SETTINGS_MODULE="meldpunt.settings.production", **env)
    script = f"import django; django.setup(); from django.conf import settings; {code}"
    return subprocess.run(
        [sys.executable, "-c", script],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60,
    "MELDPUNT_EVIDENCE_KEY": "3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "ALLOWED_HOSTS": "meldpunt.example.org",
}


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {**PRODUCTION_ENV, "MELDPUNT_DATA_DIR": str(tmp_path)}
    del env["SECRET_KEY"]

    result = _production(env, "print(settings.SECRET_KEY)")

    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_production_sends_hsts_and_secure_cookies(tmp_path: Path) -> None:
    env = {**PRODUCTION_ENV, "MELDPUNT_DATA_DIR": str(tmp_path)}

    result = _production(
        env,
        "print(settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE,"
        " settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True"]


def test_log_lines_carry_utc_times_and_key_value_context() -> None:
    import logging

    from meldpunt.logs import EventFormatter

    formatter = EventFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    record = logging.makeLogRecord(
        {"name": "meldpunt.security", "levelname": "WARNING", "msg": "login_failed"}
    )
    record.created, record.msecs, record.user_id = 0.0, 0.0, 7

    line = formatter.format(record)

    assert (
        line
        == "1970-01-01T00:00:00.000Z WARNING meldpunt.security login_failed user_id=7"
    )


def test_pages_behind_a_login_are_never_cached(ciso_client: Client) -> None:
    response = ciso_client.get("/zaken/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_logout_tells_the_browser_to_clear_what_it_kept(ciso_client: Client) -> None:
    response = ciso_client.post("/uitloggen/")

    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
