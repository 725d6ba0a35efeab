# SPDX-License-Identifier: EUPL-1.2
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.test.utils import override_settings

from meldpunt.demo import DemoCredentials, create_accounts, create_cases
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

    def handle(self, *args: Any, reset_passwords: bool, **options: Any) -> None:
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
            "otpauth:// line to an authenticator app (or compute a code with "
            "'oathtool --totp -b SECRET')."
        )
