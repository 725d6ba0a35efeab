# SPDX-License-Identifier: EUPL-1.2
import os
import uuid
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AbstractBaseUser, Group
from django.test import Client
from hypothesis import settings as hypothesis_settings

from meldpunt.accounts.apps import ensure_role_groups
from meldpunt.accounts.roles import Role
from meldpunt.reports.services import submit_report

# In CI every property test runs the same examples, so a run cannot fail by
# chance; a developer's runs keep exploring new ones.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rate-limit counters and other cached state never leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db: None) -> Callable[..., AbstractBaseUser]:
    from django.contrib.auth import get_user_model

    # A transactional test's flush empties the groups table as well.
    ensure_role_groups()

    def make(
        username: str, *roles: Role, password: str = "een-lang-wachtwoord"
    ) -> AbstractBaseUser:
        user = get_user_model().objects.create_user(
            username=username, password=password, first_name=username.title()
        )
        # A transactional test flushes the tables, the role groups included.
        user.groups.set(
            Group.objects.get_or_create(name=role)[0]
            for role in {Role.REPORTER, *roles}
        )
        return user

    return make


@pytest.fixture
def ciso(make_user: Callable[..., AbstractBaseUser]) -> AbstractBaseUser:
    return make_user("ciso", Role.CISO)


@pytest.fixture
def staff(make_user: Callable[..., AbstractBaseUser]) -> AbstractBaseUser:
    return make_user("medewerker")


def log_in_verified(client: Client, user: AbstractBaseUser) -> Client:
    """Log ``user`` in as if they gave their password and a TOTP code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "authenticator"}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def ciso_client(ciso: AbstractBaseUser) -> Client:
    return log_in_verified(Client(), ciso)


@pytest.fixture
def make_report(db: None) -> Callable[..., object]:
    def make(description: str = "Laptop kwijt in de trein", **kwargs: object) -> object:
        kwargs.setdefault("reporter", None)
        kwargs.setdefault("anonymous", kwargs["reporter"] is None)
        return submit_report(
            description=description, submission_token=uuid.uuid4(), **kwargs
        )

    return make
