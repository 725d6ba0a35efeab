# SPDX-License-Identifier: EUPL-1.2
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.demo import ACCOUNTS, DemoCredentials, create_accounts, create_cases
from meldpunt.incidents.models import Incident

_QUIET_MAIL = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Load a demo organisation: one account per role and a handful of cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="give every demo account a new password and print it",
        )
        parser.add_argument(
            "--code",
            metavar="USERNAME",
            help="print the current authenticator code of a demo account "
            "(local installations only)",
        )

    def handle(self, *args: Any, reset_passwords: bool, **options: Any) -> None:
        if options["code"]:
            self._code(options["code"])
            return
        credentials = create_accounts(reset_passwords=reset_passwords)
        if not Incident.objects.exists():
            # The demo's own reports should not flood the console with mail.
            with override_settings(EMAIL_BACKEND=_QUIET_MAIL):
                count = create_cases()
            self.stdout.write(f"Demo: {count} cases created.")
        else:
            self.stdout.write("Demo: cases already present; none added.")

        if credentials:
            self._show(credentials)
        else:
            self.stdout.write(
                "Demo accounts already exist; their passwords were shown when they "
                f"were created. New ones: {sys.argv[0]} demo --reset-passwords"
            )

    def _show(self, credentials: dict[str, DemoCredentials]) -> None:
        self.stdout.write(self.style.WARNING("Demo accounts (shown only now):"))
        for username, account in credentials.items():
            self.stdout.write(f"  {username:<12} {account.password}")
            if account.authenticator_uri:
                self.stdout.write(f"  {'':<12} {account.authenticator_uri}")
        self.stdout.write(
            "Accounts that see case data log in with a second factor. Add the "
            "otpauth:// line to an authenticator app, or ask for the current code: "
            f"{sys.argv[0]} demo --code ciso"
        )

    def _code(self, username: str) -> None:
        """The code an authenticator would show now, for trying the demo."""
        if not settings.MELDPUNT_DEMO_CODES:
            raise CommandError("Codes are only shown on a local installation.")
        if username not in {account.username for account in ACCOUNTS}:
            raise CommandError(f"{username!r} is not a demo account.")
        device = TOTPDevice.objects.filter(user__username=username).first()
        if device is None:
            raise CommandError(f"{username!r} has no authenticator.")
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{totp(device.bin_key):06d} (valid for {left} more seconds)")
