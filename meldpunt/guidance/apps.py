# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "meldpunt.guidance"
    verbose_name = _("Procedure guidance")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
