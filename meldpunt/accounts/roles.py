# SPDX-License-Identifier: EUPL-1.2
"""The roles of the procedure, as Django groups.

The group names are stable English codes; people see the translated labels.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    CISO = "ciso", _("CISO")
    DEPUTY_CISO = "deputy_ciso", _("Deputy CISO")
    DIRECTOR = "director", _("Director on duty")
    FG = "fg", _("Data protection officer (FG)")
    OFFICE_MANAGEMENT = "office_management", _("Office Management")
    ADMINISTRATOR = "administrator", _("Administrator")


CASE_HANDLER_ROLES = frozenset({Role.CISO, Role.DEPUTY_CISO})
# Every role that can see case data, or manage the accounts that can.
SECOND_FACTOR_ROLES = frozenset(
    {Role.CISO, Role.DEPUTY_CISO, Role.DIRECTOR, Role.FG, Role.ADMINISTRATOR}
)


def roles_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """Return the role codes of ``user``, cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_meldpunt_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
        user._meldpunt_roles = cached  # type: ignore[union-attr]
    return cached


def handles_cases(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` may see and handle every case."""
    return bool(roles_of(user) & CASE_HANDLER_ROLES)


def requires_second_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` must prove a second factor before using their session."""
    if not user.is_authenticated:
        return False
    if roles_of(user) & SECOND_FACTOR_ROLES:
        return True
    if user.is_staff or user.is_superuser:  # type: ignore[union-attr]
        return True
    from meldpunt.incidents.models import Incident

    # A temporary handler sees the case handed to them. A reporter guided
    # through their own report while the CISO is away is not stopped for an
    # authenticator set-up in the middle of an incident: they see only what
    # they reported themselves.
    return (
        Incident.objects.filter(handler=user)
        .exclude(procedure_run__guided=True, reports__reporter=user)
        .exists()
    )
