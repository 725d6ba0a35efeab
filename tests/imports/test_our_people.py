# SPDX-License-Identifier: EUPL-1.2
"""Who is ours is chosen with care: never everyone ticked by default.

The choice decides each entry's direction; ticking everyone would record a
mail to an outsider as internal.
"""

import html
import re
from collections.abc import Callable
from email.message import EmailMessage

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meldpunt.accounts.roles import Role
from meldpunt.imports.models import Import, ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import LogbookEntry
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db

SANNE = "Sanne Voorbeeld <s.voorbeeld@gemeente.example>"
ELDERS = "Verkeerde Ontvanger <ontvanger@elders.example>"
PRIVACY = "privacy@GEMEENTE.example"
CHAT = (
    "05-03-2024 09:12 - Sanne Voorbeeld: De lijst is verstuurd.\n"
    "05-03-2024 09:14 - Pieter Testbeeld: Naar wie?\n"
    "13-03-2024 09:15 - Sanne Voorbeeld: Naar de verkeerde ontvanger.\n"
)


@pytest.fixture
def handler(ciso: AbstractBaseUser) -> AbstractBaseUser:
    ciso.first_name, ciso.last_name = "Sanne", "Voorbeeld"  # type: ignore[attr-defined]
    ciso.email = "ciso@gemeente.example"  # type: ignore[attr-defined]
    ciso.save()
    return ciso


def _mail() -> bytes:
    message = EmailMessage()
    message["From"] = SANNE
    message["To"] = ELDERS
    message["Cc"] = PRIVACY
    message["Subject"] = "Deelnemerslijst"
    message["Date"] = "Tue, 05 Mar 2024 08:31:12 +0100"
    message.set_content("Zie bijlage.\n")
    return bytes(message)


def _ticked(page: str) -> list[str]:
    boxes = re.findall(r'<input type="checkbox"[^>]*name="ours"[^>]*>', page)
    return [
        html.unescape(re.search(r'value="([^"]*)"', box)[1])  # type: ignore[index]
        for box in boxes
        if " checked" in box
    ]


def _preview(
    client: Client, incident: Incident, name: str, data: bytes
) -> tuple[Import, str]:
    url = reverse("imports:upload", args=[incident.reference])
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    return Import.objects.get(), client.get(response.url).content.decode()


def _confirm(client: Client, record: Import, ours: list[str]) -> None:
    url = reverse("imports:confirm", args=[record.incident.reference, record.pk])
    everything = [str(index) for index in range(record.entries_total)]
    data = {"ours": ours, "time_zone": "Europe/Amsterdam", "entries": everything}
    client.post(url, data)
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE


def test_a_mail_ticks_the_people_of_the_users_own_mail_domain(
    handler: AbstractBaseUser, incident: Incident
) -> None:
    client = log_in_verified(Client(), handler)
    record, page = _preview(client, incident, "lijst.eml", _mail())

    ticked = _ticked(page)
    _confirm(client, record, ticked)
    entry = LogbookEntry.objects.get(incident=incident, source_index=0)

    assert ticked == [SANNE, PRIVACY]
    assert "only when you tick everyone" not in page  # said in Dutch
    assert "alleen als u iedereen aanvinkt" in page
    assert entry.direction == "out"  # to someone outside, not internal


def test_a_mail_ticks_nobody_when_the_user_has_no_mail_address(
    ciso_client: Client, incident: Incident
) -> None:
    _record, page = _preview(ciso_client, incident, "lijst.eml", _mail())

    assert _ticked(page) == []


def test_a_chat_ticks_only_the_participant_with_the_users_own_name(
    handler: AbstractBaseUser, incident: Incident
) -> None:
    client = log_in_verified(Client(), handler)
    record, page = _preview(client, incident, "chat.txt", CHAT.encode())

    ticked = _ticked(page)
    _confirm(client, record, ticked)
    directions = list(
        LogbookEntry.objects.filter(incident=incident, source_index__isnull=False)
        .order_by("source_index")
        .values_list("direction", flat=True)
    )

    assert ticked == ["Sanne Voorbeeld"]
    assert directions == ["out", "in", "out"]


def test_a_chat_ticks_nobody_when_no_participant_has_the_users_name(
    make_user: Callable[..., AbstractBaseUser], incident: Incident
) -> None:
    client = log_in_verified(Client(), make_user("bram", Role.CISO))
    _record, page = _preview(client, incident, "chat.txt", CHAT.encode())

    assert 'name="ours"' in page
    assert _ticked(page) == []
