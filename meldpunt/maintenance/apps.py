# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaintenanceConfig(AppConfig):
    name = "meldpunt.maintenance"
    verbose_name = _("Backups, restores, retention and keys")
