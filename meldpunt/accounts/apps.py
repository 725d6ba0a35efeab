# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "meldpunt.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from . import middleware, security_log  # noqa: F401 (connects signals)

        security_log.connect_lockout_signal()
