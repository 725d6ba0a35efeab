# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_role_groups(**kwargs: Any) -> None:
    """Every role exists as a group after every migrate (and database flush)."""
    from django.contrib.auth.models import Group

    from .roles import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)


class AccountsConfig(AppConfig):
    name = "meldpunt.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        post_migrate.connect(ensure_role_groups, sender=self)
        from . import middleware, security_log  # noqa: F401 (connects signals)

        security_log.connect_lockout_signal()
