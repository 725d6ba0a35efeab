# SPDX-License-Identifier: EUPL-1.2
"""A flood of reports is refused; genuine reports from others still get in."""

import logging
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from meldpunt.reports.models import Report

pytestmark = pytest.mark.django_db


def _post(client: Client, text: str) -> int:
    data = {
        "description": text,
        "personal_data": "no",
        "submission_token": str(uuid.uuid4()),
    }
    return client.post(reverse("reports:report"), data).status_code


@pytest.fixture(autouse=True)
def _low_rate(settings) -> None:
    settings.MELDPUNT_REPORT_RATE = "5/10m"
    cache.clear()


def test_flood_from_one_client_is_refused_while_others_get_through(caplog) -> None:
    flooder = Client(REMOTE_ADDR="203.0.113.9")
    genuine = Client(REMOTE_ADDR="198.51.100.4")

    flood = [_post(flooder, f"spam {i}") for i in range(30)]
    real = _post(genuine, "Ik zie een onbekende USB-stick in de vergaderzaal.")

    assert flood[:5] == [200] * 5
    assert set(flood[5:]) == {429}
    assert real == 200
    assert Report.objects.count() == 6
    assert Report.objects.filter(description__startswith="Ik zie").exists()
    assert "203.0.113.9" not in caplog.text


def test_refusal_is_explained_in_dutch() -> None:
    flooder = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(5):
        _post(flooder, f"spam {i}")

    response = flooder.post(
        reverse("reports:report"),
        {
            "description": "Nog een melding",
            "personal_data": "no",
            "submission_token": str(uuid.uuid4()),
        },
    )

    assert response.status_code == 429
    assert "probeer het over tien minuten opnieuw" in response.content.decode()


def test_clients_behind_the_trusted_proxy_are_told_apart(settings) -> None:
    settings.MELDPUNT_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    second = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.4")

    flood = [_post(first, f"spam {i}") for i in range(8)]

    assert flood[-1] == 429
    assert _post(second, "Echte melding") == 200


def test_logged_rate_limit_names_no_address(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    flooder = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(6):
        _post(flooder, f"spam {i}")

    assert "public_form_rate_limited" in caplog.text
    assert "203.0.113.9" not in caplog.text
