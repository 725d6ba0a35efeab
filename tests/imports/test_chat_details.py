# SPDX-License-Identifier: EUPL-1.2
"""Quotes and reactions in Signal exports are part of the logbook entry."""

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from meldpunt.imports import services
from meldpunt.imports.models import ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.logbook.dossier import build_dossier, dossier_data, dossier_html
from meldpunt.logbook.models import LogbookEntry
from meldpunt.logbook.verification import verify_incident

pytestmark = pytest.mark.django_db

SIGNAL_MARKDOWN = (
    "[2024-03-05 14:02:11] Me: Is de lijst met 48 namen verstuurd?  \n"
    "\n"
    "[2024-03-05 14:04:37] Sanne Voorbeeld: \n"
    "\n"
    "> Is de lijst met 48 namen verstuurd?\n"
    "> Naar wie?\n"
    "\n"
    "Ja, naar de verkeerde ontvanger.  \n"
    "Ik bel hem nu.  \n"
    "(- Me: 😮, Pieter Testbeeld: 👍 -)\n"
    "\n"
    "[2024-03-05 14:06:45] Pieter Testbeeld: Ik meld het bij de FG.  \n"
)

SIGTOP = (
    "Conversation: Sanne Voorbeeld\n"
    "\n"
    "From: You\n"
    "Type: outgoing\n"
    "Sent: Tue, 5 Mar 2024 14:02:11 +0100\n"
    "\n"
    "Is de lijst verstuurd?\n"
    "\n"
    "From: Sanne Voorbeeld\n"
    "Type: incoming\n"
    "Sent: Tue, 5 Mar 2024 14:04:37 +0100\n"
    "Reaction: 👍 from You\n"
    "\n"
    "> From: You\n"
    "> Sent: Tue, 5 Mar 2024 14:02:11 +0100\n"
    ">\n"
    "> Is de lijst verstuurd?\n"
    "\n"
    "Ja.\n"
)


def _import(
    incident: Incident, actor: AbstractBaseUser, name: str, data: bytes
) -> list[LogbookEntry]:
    record = services.start_import(incident=incident, actor=actor, name=name, data=data)
    record = services.confirm_import(
        record=record,
        actor=actor,
        selection=None,
        ours=["Me"],
        time_zone="Europe/Amsterdam",
    )
    assert record.status == ImportStatus.DONE
    return list(
        LogbookEntry.objects.filter(
            incident=incident, source_index__isnull=False
        ).order_by("sequence")
    )


def test_a_reply_shows_the_quote_before_its_text_and_who_reacted_with_what(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    entries = _import(incident, ciso, "chat.md", SIGNAL_MARKDOWN.encode())
    reply = entries[1]

    assert [entry.source_index for entry in entries] == [0, 1, 2]
    assert reply.participants == "Sanne Voorbeeld"
    assert reply.summary == "Ja, naar de verkeerde ontvanger."
    assert reply.text == (
        "Citaat uit een eerder bericht:\n"
        "> Is de lijst met 48 namen verstuurd?\n"
        "> Naar wie?\n"
        "\n"
        "Ja, naar de verkeerde ontvanger.\n"
        "Ik bel hem nu.\n"
        "\n"
        "Reacties (de export vermeldt geen tijdstip):\n"
        "Me reageerde met 😮\n"
        "Pieter Testbeeld reageerde met 👍"
    )
    # The messages without a quote or reactions keep their text as it was.
    assert entries[0].text == "Is de lijst met 48 namen verstuurd?"
    assert entries[2].text == "Ik meld het bij de FG."
    assert verify_incident(incident) is None


def test_a_sigtop_quote_names_whom_it_quotes(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    entries = _import(incident, ciso, "sigtop.txt", SIGTOP.encode())

    assert entries[1].text == (
        "Citaat van You:\n"
        "> Is de lijst verstuurd?\n"
        "\n"
        "Ja.\n"
        "\n"
        "Reacties (de export vermeldt geen tijdstip):\n"
        "You reageerde met 👍"
    )


def test_quote_and_reactions_read_on_the_case_page_and_in_the_dossier(
    incident: Incident, ciso: AbstractBaseUser, ciso_client: Client
) -> None:
    reply = _import(incident, ciso, "chat.md", SIGNAL_MARKDOWN.encode())[1]

    page = ciso_client.get(
        reverse("incidents:detail", args=[incident.reference])
    ).content.decode()
    dossier = build_dossier(incident)
    (exported,) = [
        item
        for item in dossier_data(dossier)["entries"]
        if item["sequence"] == reply.sequence  # type: ignore[index]
    ]
    html = dossier_html(dossier)

    assert (
        "Citaat uit een eerder bericht:<br>&gt; Is de lijst met 48 namen verstuurd?"
        in page
    )
    assert "Pieter Testbeeld reageerde met 👍" in page
    assert exported["text"] == reply.text  # type: ignore[index]
    assert "&gt; Is de lijst met 48 namen verstuurd?" in html
    assert "Me reageerde met 😮" in html


def test_a_sigtop_message_keeps_its_own_offset_whatever_zone_is_chosen(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    from datetime import UTC, datetime

    record = services.start_import(
        incident=incident, actor=ciso, name="sigtop.txt", data=SIGTOP.encode()
    )
    services.confirm_import(
        record=record, actor=ciso, selection=None, ours=[], time_zone="Asia/Tokyo"
    )
    first = LogbookEntry.objects.filter(
        incident=incident, source_index__isnull=False
    ).order_by("sequence")[0]

    assert first.occurred_at == datetime(2024, 3, 5, 13, 2, 11, tzinfo=UTC)


def test_a_signal_attachment_is_named_where_the_text_does_not_name_it(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    data = (
        "[2024-03-05 14:05:02] Sanne Voorbeeld: "
        "![IMG_0042.jpeg](./media/IMG_0042.jpeg)\n"
        "\n"
        "[2024-03-05 14:06:45] Me: (This message was deleted)\n"
    )

    photo, deleted = _import(incident, ciso, "signal.md", data.encode())

    assert photo.summary == "Bijlage: IMG_0042.jpeg"
    assert photo.text == ("Bijlage: IMG_0042.jpeg (niet in het geïmporteerde bestand)")
    assert deleted.summary == "(This message was deleted)"


def test_no_time_zone_is_asked_for_a_file_whose_times_carry_their_offsets(
    incident: Incident, ciso: AbstractBaseUser, ciso_client: Client
) -> None:
    record = services.start_import(
        incident=incident, actor=ciso, name="sigtop.txt", data=SIGTOP.encode()
    )
    page = ciso_client.get(record.get_absolute_url()).content.decode()
    ciso_client.post(
        reverse("imports:confirm", args=[incident.reference, record.pk]),
        {"entries": ["0", "1"]},
    )
    record.refresh_from_db()
    header = LogbookEntry.objects.get(incident=incident, sequence=record.first_sequence)

    assert 'name="time_zone"' not in page
    assert "Tijden gelezen met de UTC-afwijking die het bestand bij elk" in header.text
    assert "tijdzone" not in header.text.lower()
