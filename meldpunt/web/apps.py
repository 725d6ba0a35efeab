# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "meldpunt.web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        from .checks import check_theme

        checks.register(check_theme)
