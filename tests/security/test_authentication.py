# SPDX-License-Identifier: EUPL-1.2
"""Passwords, lockout, sessions and the second factor."""

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.models import RecoveryCode
from meldpunt.accounts.roles import Role

pytestmark = pytest.mark.django_db
LOGIN = "/inloggen/"
PASSWORD = "een-lang-wachtwoord"


def _log_in(client: Client, username: str, password: str = PASSWORD) -> object:
    return client.post(LOGIN, {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def _security_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "meldpunt.security"]


def test_passwords_are_hashed_with_argon2_outside_the_test_suite() -> None:
    from meldpunt.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_account_is_locked_after_five_wrong_passwords(
    staff: object, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    caplog.set_level(logging.INFO)

    for _attempt in range(5):
        _log_in(client, "medewerker", "verkeerd-wachtwoord")
    response = _log_in(client, "medewerker")

    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    events = [r.security_event for r in _security_lines(caplog)]
    assert events.count("login_failed") >= 5
    assert "login_locked_out" in events


def test_security_events_name_no_person(
    staff: object, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = Client(REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT="Agent/7.7")

    for _attempt in range(6):
        _log_in(client, "medewerker", "verkeerd-wachtwoord")

    text = "\n".join(
        f"{record.getMessage()} {vars(record)}" for record in caplog.records
    )
    assert "login_locked_out" in text
    for personal in ("medewerker", "Medewerker", "198.51.100.23", "Agent/7.7"):
        assert personal not in text


def test_lockout_ends_after_the_cool_off(staff: object) -> None:
    client = Client()
    for _attempt in range(5):
        _log_in(client, "medewerker", "verkeerd-wachtwoord")

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = _log_in(client, "medewerker")

    assert response.status_code == 302


def test_idle_session_expires(staff: object) -> None:
    client = Client()
    _log_in(client, "medewerker")

    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get("/account/herstelcodes/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_active_session_still_ends_after_the_absolute_limit(staff: object) -> None:
    client = Client()
    start = timezone.now()
    _log_in(client, "medewerker")

    statuses = []
    for step in range(1, 20):
        with time_machine.travel(start + timedelta(minutes=29 * step)):
            statuses.append(client.get("/account/herstelcodes/").status_code)

    assert statuses[0] == 200
    assert statuses[-1] == 302


def test_case_handler_must_give_a_code_before_seeing_cases(ciso: object) -> None:
    TOTPDevice.objects.create(user=ciso, name="app", confirmed=True)
    client = Client()

    _log_in(client, "ciso")
    response = client.get("/zaken/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/tweede-factor/")


def test_wrong_code_is_refused_and_right_code_opens_the_cases(ciso: object) -> None:
    device = TOTPDevice.objects.create(user=ciso, name="app", confirmed=True)
    client = Client()
    _log_in(client, "ciso")

    wrong = client.post("/account/tweede-factor/", {"code": "000000"})
    # After a wrong code django-otp makes the next try wait a moment.
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        right = client.post(
            "/account/tweede-factor/", {"code": _code(device), "next": "/zaken/"}
        )

    assert "klopt niet" in wrong.content.decode()
    assert right.status_code == 302
    assert right["Location"] == "/zaken/"
    assert client.get("/zaken/").status_code == 200


def test_second_factor_refuses_a_foreign_next_url(ciso: object) -> None:
    device = TOTPDevice.objects.create(user=ciso, name="app", confirmed=True)
    client = Client()
    _log_in(client, "ciso")

    response = client.post(
        "/account/tweede-factor/",
        {"code": _code(device), "next": "https://evil.example/"},
    )

    assert response["Location"] == "/"


def test_first_login_sets_up_the_app_and_shows_recovery_codes_once(
    ciso: object,
) -> None:
    client = Client()
    _log_in(client, "ciso")

    setup = client.get(client.get("/zaken/", follow=True).request["PATH_INFO"])
    pending = TOTPDevice.objects.get(user=ciso, confirmed=False)
    assert "Stel uw authenticator-app in" in setup.content.decode()
    secret = pending.config_url.split("secret=")[1].split("&")[0]
    assert secret in setup.content.decode()
    done = client.post("/account/tweede-factor/instellen/", {"code": _code(pending)})

    shown = re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", done.content.decode())
    stored = list(RecoveryCode.objects.filter(device__user=ciso))
    assert len(shown) == len(stored) == 10
    assert sorted(code[:4] for code in shown) == sorted(row.lookup for row in stored)
    hashes = " ".join(row.secret_hash for row in stored)
    assert all(row.secret_hash.startswith("$argon2id$") for row in stored)
    assert not any(code.replace("-", "")[4:] in hashes for code in shown)
    assert done["Cache-Control"].startswith("max-age=0")
    assert TOTPDevice.objects.get(user=ciso).confirmed
    assert client.get("/zaken/").status_code == 200


def test_recovery_code_works_once(ciso: object) -> None:
    TOTPDevice.objects.create(user=ciso, name="app", confirmed=True)
    from meldpunt.accounts.second_factor import replace_recovery_codes

    code = replace_recovery_codes(user=ciso)[0]
    first, second = Client(), Client()
    _log_in(first, "ciso")
    _log_in(second, "ciso")

    used = first.post("/account/tweede-factor/", {"code": code.lower()})
    reused = second.post("/account/tweede-factor/", {"code": code})

    assert used.status_code == 302
    assert reused.status_code == 200
    assert second.get("/zaken/").status_code == 302


def test_reporter_needs_no_second_factor(staff: object) -> None:
    client = Client()
    _log_in(client, "medewerker")

    assert client.get("/melden/").status_code == 200


@pytest.mark.parametrize(
    "role", [Role.DEPUTY_CISO, Role.DIRECTOR, Role.FG, Role.ADMINISTRATOR]
)
def test_every_role_that_sees_case_data_needs_the_second_factor(
    make_user: object, role: Role
) -> None:
    make_user("persoon", role)
    client = Client()
    _log_in(client, "persoon")

    response = client.get("/melden/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/tweede-factor/")


def test_demo_prints_what_a_case_handler_needs_to_log_in(capsys) -> None:
    import base64
    import re

    from django.core.management import call_command

    call_command("demo")
    out = capsys.readouterr().out

    password = re.search(r"^  ciso\s+(\S+)$", out, re.M).group(1)
    secret = re.search(r"otpauth://totp/Meldpunt%3Aciso\?secret=(\w+)", out).group(1)
    client = Client()
    _log_in(client, "ciso", password)
    code = f"{totp(base64.b32decode(secret)):06d}"
    client.post("/account/tweede-factor/", {"code": code})
    assert client.get("/zaken/").status_code == 200
    assert "otpauth" not in re.search(r"^  medewerker.*\n.*$", out, re.M).group(0)


def test_temporary_handler_needs_the_second_factor_once_handed_a_case(
    staff: object, ciso: object, make_report
) -> None:
    from meldpunt.incidents.services import assign_handler

    assign_handler(incident=make_report().incident, handler=staff, actor=ciso)
    client = Client()
    _log_in(client, "medewerker")

    response = client.get("/zaken/")

    assert response["Location"].startswith("/account/tweede-factor/")
