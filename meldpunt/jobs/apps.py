# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "meldpunt.jobs"
    verbose_name = _("Background work")

    def ready(self) -> None:
        # Each app registers its job functions in its own tasks.py.
        autodiscover_modules("tasks")
