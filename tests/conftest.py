# SPDX-License-Identifier: EUPL-1.2
import uuid
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AbstractBaseUser, Group
from django.test import Client

from meldpunt.accounts.roles import Role
from meldpunt.reports.services import submit_report


@pytest.fixture
def make_user(db: None) -> Callable[..., AbstractBaseUser]:
    from django.contrib.auth import get_user_model

    def make(
        username: str, *roles: Role, password: str = "een-lang-wachtwoord"
    ) -> AbstractBaseUser:
        user = get_user_model().objects.create_user(
            username=username, password=password, first_name=username.title()
        )
        # A transactional test's flush also empties the roles the migration
        # made, so a later transactional test creates them again.
        groups = [Group.objects.get_or_create(name=role)[0] for role in roles]
        reporter, _created = Group.objects.get_or_create(name=Role.REPORTER)
        user.groups.set([reporter, *groups])
        return user

    return make


@pytest.fixture
def ciso(make_user: Callable[..., AbstractBaseUser]) -> AbstractBaseUser:
    return make_user("ciso", Role.CISO)


@pytest.fixture
def staff(make_user: Callable[..., AbstractBaseUser]) -> AbstractBaseUser:
    return make_user("medewerker")


@pytest.fixture
def ciso_client(ciso: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(ciso)
    return client


@pytest.fixture
def make_report(db: None) -> Callable[..., object]:
    def make(description: str = "Laptop kwijt in de trein", **kwargs: object) -> object:
        kwargs.setdefault("reporter", None)
        kwargs.setdefault("anonymous", kwargs["reporter"] is None)
        return submit_report(
            description=description, submission_token=uuid.uuid4(), **kwargs
        )

    return make
