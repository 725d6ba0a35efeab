# SPDX-License-Identifier: EUPL-1.2
"""A database that is locked or gone away gets a page that says so."""

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from meldpunt.incidents.models import Incident

pytestmark = pytest.mark.django_db


def test_a_locked_database_while_a_case_is_read_gives_a_busy_page(
    ciso_client: Client, make_report, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident: Incident = make_report().incident

    def locked(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr("meldpunt.incidents.views._load_case", locked)
    response = ciso_client.get(reverse("incidents:detail", args=[incident.reference]))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Meldpunt is even bezig" in page
    assert "niet opgeslagen" in page
    assert "database is locked" not in page


def test_a_session_that_cannot_be_saved_is_not_blamed_on_the_request(
    ciso_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: object, must_create: bool = False) -> None:
        raise UpdateError

    monkeypatch.setattr(
        "django.contrib.sessions.backends.db.SessionStore.save", interrupted
    )
    response = ciso_client.post(reverse("set_language"), {"language": "en"})

    assert response.status_code == 503
    assert "Meldpunt is even bezig" in response.content.decode()
    assert "te groot of onvolledig" not in response.content.decode()
