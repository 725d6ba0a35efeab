# SPDX-License-Identifier: EUPL-1.2
"""A mail's attached files are named, with their size, in preview and logbook."""

from email.message import EmailMessage

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meldpunt.imports.models import Import, ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import LogbookEntry

pytestmark = pytest.mark.django_db


def _mail(subject: str, date: str, *files: tuple[str, bytes]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Bram Test <b.test@gemeente.example>"
    message["To"] = "ontvanger@elders.example"
    message["Subject"] = subject
    message["Date"] = date
    message.set_content("Zie bijlage.\n")
    for name, data in files:
        message.add_attachment(
            data, maintype="application", subtype="octet-stream", filename=name
        )
    return message


def _forward() -> bytes:
    inner = _mail(
        "Deelnemerslijst",
        "Mon, 04 Mar 2024 16:40:05 +0100",
        ("deelnemers 4 maart.xlsx", b"x" * 2048),
    )
    outer = _mail(
        "FW: Deelnemerslijst",
        "Tue, 05 Mar 2024 08:31:12 +0100",
        ("toelichting.pdf", b"y" * 500),
    )
    outer.add_attachment(inner)  # a message/rfc822 part: an entry of its own
    return bytes(outer)


def _upload(client: Client, incident: Incident) -> tuple[Import, str]:
    url = reverse("imports:upload", args=[incident.reference])
    file = SimpleUploadedFile("doorgestuurd.eml", _forward())
    response = client.post(url, {"file": file})
    return Import.objects.get(), client.get(response.url).content.decode()


def test_the_preview_names_every_attached_file_with_its_size(
    ciso_client: Client, incident: Incident
) -> None:
    _record, page = _upload(ciso_client, incident)

    assert "Bijgevoegde bestanden" in page
    assert "toelichting.pdf (500\xa0bytes)" in page
    assert "deelnemers 4 maart.xlsx (2,0\xa0KB)" in page


def test_each_mail_entry_names_its_own_attached_files(
    ciso_client: Client, ciso: AbstractBaseUser, incident: Incident
) -> None:
    record, _page = _upload(ciso_client, incident)
    url = reverse("imports:confirm", args=[incident.reference, record.pk])
    ciso_client.post(url, {"time_zone": "Europe/Amsterdam"})
    record.refresh_from_db()
    inner, outer = LogbookEntry.objects.filter(
        incident=incident, source_index__isnull=False
    ).order_by("sequence")

    assert record.status == ImportStatus.DONE
    assert outer.text.endswith(
        "Zie bijlage.\n\nBijlagen:\n- toelichting.pdf (500\xa0bytes)"
    )
    assert inner.text.endswith(
        "Zie bijlage.\n\nBijlagen:\n- deelnemers 4 maart.xlsx (2,0\xa0KB)"
    )
    assert "toelichting.pdf" not in inner.text
    assert "xlsx" not in outer.text  # the attached mail is its own entry
