# SPDX-License-Identifier: EUPL-1.2
"""Helpers shared by the browser tests: accounts, logging in, axe-core."""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.test import Client

from meldpunt.accounts.roles import Role
from meldpunt.incidents.models import Incident
from meldpunt.reports.services import submit_report
from tests.conftest import log_in_verified

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}"""

# Who may be logged in during a visit: username -> roles.
ACCOUNTS = {
    "medewerker": (Role.REPORTER,),
    "ciso": (Role.REPORTER, Role.CISO),
    "plv-ciso": (Role.REPORTER, Role.DEPUTY_CISO),
    "office": (Role.REPORTER, Role.OFFICE_MANAGEMENT),
}


def make_accounts() -> dict[str, AbstractBaseUser]:
    """Create the accounts (and role groups, which a flushed database lacks)."""
    for role in Role:
        Group.objects.get_or_create(name=role)
    users = {}
    for username, roles in ACCOUNTS.items():
        user = get_user_model().objects.create_user(
            username=username, password="een-lang-wachtwoord", first_name="Demo"
        )
        user.groups.set(Group.objects.filter(name__in=roles))
        users[username] = user
    return users


def log_in(page, base_url: str, user: AbstractBaseUser) -> None:
    """Give the browser the session of ``user``, without typing a password."""
    client = log_in_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": base_url}]
    )


def report(description: str = "Laptop kwijt in de trein.", **kwargs) -> Incident:
    kwargs.setdefault("reporter", None)
    kwargs.setdefault("anonymous", kwargs["reporter"] is None)
    created = submit_report(
        description=description, submission_token=uuid.uuid4(), **kwargs
    )
    return created.incident


def axe_violations(page) -> list[dict[str, object]]:
    """Run axe-core on the page as served and return its WCAG 2.1 A/AA findings."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, WCAG_21_AA)


def tab_to(page, target, limit: int = 60) -> None:
    """Press Tab until ``target`` (CSS or a locator) has focus; fail if never."""
    locator = page.locator(target) if isinstance(target, str) else target
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("(element) => element === document.activeElement"):
            return
    raise AssertionError(f"{target} cannot be reached with the Tab key")


def log_in_with_code(
    page, base_url: str, user: AbstractBaseUser, password: str
) -> None:
    """Log in through the pages as a person would: password, then TOTP code."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "app"}
    )
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.get_username())
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
