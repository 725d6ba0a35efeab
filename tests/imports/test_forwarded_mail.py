# SPDX-License-Identifier: EUPL-1.2
"""A saved mail with mails attached to it gives one logbook entry per mail."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone as django_timezone

from meldpunt.imports import entries, services
from meldpunt.imports.models import Import, ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import LogbookEntry
from meldpunt.logbook.storage import read_decrypted
from meldpunt.logbook.verification import verify_incident

pytestmark = pytest.mark.django_db
CET = timezone(timedelta(hours=1))
SANNE = "Sanne Voorbeeld <s.voorbeeld@gemeente.example>"
BRAM = "Bram Test <b.test@gemeente.example>"
ELDERS = "Verkeerde Ontvanger <ontvanger@elders.example>"
PRIVACY = "privacy@gemeente.example"


def _mail(
    subject: str,
    sender: str,
    to: str,
    date: str | None,
    body: str,
    *attached: EmailMessage,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    if date is not None:
        message["Date"] = date
    message.set_content(body)
    for inner in attached:
        message.add_attachment(inner)  # a message/rfc822 part
    return message


def _import(
    incident: Incident, actor: AbstractBaseUser, message: EmailMessage, **kwargs: object
) -> tuple[Import, list[LogbookEntry]]:
    data = bytes(message)
    record = services.start_import(
        incident=incident, actor=actor, name="doorgestuurd.eml", data=data
    )
    record = services.confirm_import(
        record=record,
        actor=actor,
        selection=None,
        ours=kwargs.get("ours", []),  # type: ignore[arg-type]
        time_zone="Europe/Amsterdam",
    )
    assert record.status == ImportStatus.DONE
    entries = list(
        LogbookEntry.objects.filter(
            incident=incident, sequence__gte=record.first_sequence
        )
        .select_related("source_evidence")
        .order_by("sequence")
    )
    return record, entries


def _forward() -> EmailMessage:
    original = _mail(
        "Deelnemerslijst 4 maart",
        BRAM,
        ELDERS,
        "Mon, 04 Mar 2024 16:40:05 +0100",
        "Zie bijlage.\n",
    )
    return _mail(
        "FW: Deelnemerslijst 4 maart",
        SANNE,
        PRIVACY,
        "Tue, 05 Mar 2024 08:31:12 +0100",
        "Deze ging naar de verkeerde ontvanger.\n",
        original,
    )


def test_an_attached_mail_is_an_entry_of_its_own_with_its_sender_and_time(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    forward = _forward()
    record, (header, inner, outer) = _import(
        incident, ciso, forward, ours=[BRAM, SANNE, PRIVACY]
    )

    assert record.summary["entries"] == 2
    assert record.last_sequence == outer.sequence
    assert "2 van 2" in header.summary
    assert [inner.source_index, outer.source_index] == [1, 0]
    assert inner.kind == outer.kind == "communication"
    assert inner.channel == outer.channel == "email"
    assert inner.summary == "Deelnemerslijst 4 maart"
    assert inner.participants == f"{BRAM}; {ELDERS}"
    assert inner.direction == "out"  # from our Bram to someone outside
    assert inner.occurred_at == datetime(2024, 3, 4, 16, 40, 5, tzinfo=CET)
    assert inner.text == (
        "Bijgevoegd bij de e-mail “FW: Deelnemerslijst 4 maart” van "
        f"{SANNE}.\n\nZie bijlage.\n"
    )
    assert outer.summary == "FW: Deelnemerslijst 4 maart"
    assert outer.participants == f"{SANNE}; {PRIVACY}"
    assert outer.direction == "internal"
    assert outer.occurred_at == datetime(2024, 3, 5, 8, 31, 12, tzinfo=CET)
    assert outer.text == "Deze ging naar de verkeerde ontvanger.\n"
    assert inner.source_evidence == outer.source_evidence
    assert outer.source_evidence is not None
    assert read_decrypted(outer.source_evidence.stored_name) == bytes(forward)
    assert [item.sha256 for item in header.evidence.all()] == [record.sha256]
    assert verify_incident(incident) is None


def test_mails_nested_two_deep_come_in_order_of_time_and_point_into_the_file(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    first = _mail(
        "Lijst", BRAM, ELDERS, "Mon, 04 Mar 2024 16:40:05 +0100", "De lijst.\n"
    )
    second = _mail(
        "FW: Lijst",
        "Verkeerde Ontvanger <ontvanger@elders.example>",
        SANNE,
        "Mon, 04 Mar 2024 18:02:00 +0100",
        "Deze kreeg ik per ongeluk.\n",
        first,
    )
    third = _mail(
        "FW: FW: Lijst",
        SANNE,
        PRIVACY,
        "Tue, 05 Mar 2024 08:31:12 +0100",
        "Melding.\n",
        second,
    )

    record, (_header, *mails) = _import(incident, ciso, third)

    assert record.summary["entries"] == 3
    assert record.summary["attached_mails"] == 2
    assert [entry.summary for entry in mails] == ["Lijst", "FW: Lijst", "FW: FW: Lijst"]
    assert [entry.source_index for entry in mails] == [2, 1, 0]
    assert [entry.occurred_at.astimezone(UTC).hour for entry in mails] == [15, 17, 7]
    assert mails[0].text.startswith("Bijgevoegd bij de e-mail “FW: Lijst” van Verk")
    assert mails[1].text.startswith("Bijgevoegd bij de e-mail “FW: FW: Lijst” van")
    assert verify_incident(incident) is None


def test_mails_attached_side_by_side_are_written_in_order_of_time(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    later = _mail("Later", BRAM, ELDERS, "Mon, 04 Mar 2024 18:00:00 +0100", "b\n")
    earlier = _mail("Eerder", BRAM, ELDERS, "Mon, 04 Mar 2024 16:00:00 +0100", "a\n")
    carrier = _mail(
        "FW", SANNE, PRIVACY, "Tue, 05 Mar 2024 08:31:12 +0100", "c\n", later, earlier
    )

    _record, (_header, *mails) = _import(incident, ciso, carrier)

    assert [entry.summary for entry in mails] == ["Eerder", "Later", "FW"]
    assert [entry.source_index for entry in mails] == [2, 1, 0]


def test_an_attached_mail_without_a_date_takes_the_time_of_its_carrier_and_says_so(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    undated = _mail("Lijst", BRAM, ELDERS, None, "De lijst.\n")
    carrier = _mail(
        "FW: Lijst",
        SANNE,
        PRIVACY,
        "Tue, 05 Mar 2024 08:31:12 +0100",
        "Zonder datum.\n",
        undated,
    )

    record, (header, inner, outer) = _import(incident, ciso, carrier)

    assert inner.occurred_at == outer.occurred_at
    assert inner.source_index == 1  # carried mails first when the times are equal
    assert inner.text == (
        f"Bijgevoegd bij de e-mail “FW: Lijst” van {SANNE}.\n"
        "Deze e-mail heeft geen eigen datum; hij is vastgelegd op het tijdstip "
        "van de e-mail waarbij hij was bijgevoegd.\n\nDe lijst.\n"
    )
    assert "heeft geen Date-header" in header.text  # the parse's warning, in Dutch
    assert outer.text == "Zonder datum.\n"


def test_without_any_date_in_the_chain_the_mails_take_the_import_time_and_say_so(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    before = django_timezone.now()
    deepest = _mail("Lijst", BRAM, ELDERS, None, "De lijst.\n")
    carrier = _mail("FW: Lijst", SANNE, PRIVACY, None, "Zonder datum.\n", deepest)

    _record, (_header, inner, outer) = _import(incident, ciso, carrier)

    assert inner.occurred_at >= before
    assert outer.occurred_at >= before
    for entry in (inner, outer):
        assert (
            "Deze e-mail heeft geen datum; hij is vastgelegd op het tijdstip van "
            "het importeren." in entry.text
        )


def test_a_date_in_utc_with_unknown_zone_is_read_as_utc(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    # RFC 5322 "-0000": the time is UTC, the sender's zone unknown.
    original = _mail("Lijst", BRAM, ELDERS, "Mon, 04 Mar 2024 15:40:05 -0000", "x\n")
    carrier = _mail(
        "FW", SANNE, PRIVACY, "Tue, 05 Mar 2024 08:31:12 +0100", "y\n", original
    )

    _record, (_header, inner, _outer) = _import(incident, ciso, carrier)

    assert inner.occurred_at == datetime(2024, 3, 4, 15, 40, 5, tzinfo=UTC)


def test_the_preview_counts_every_mail_and_offers_no_choice_of_entries(
    incident: Incident,
    ciso_client: Client,
    upload: Callable[..., object],
) -> None:
    response = upload("doorgestuurd.eml", bytes(_forward()))
    page = ciso_client.get(response.url).content.decode()  # type: ignore[attr-defined]

    assert '<dd data-testid="count">2</dd>' in page
    assert '<dd data-testid="attached-mails">1 (' in page
    assert "Bram Test &lt;b.test@gemeente.example&gt;" in page
    assert 'name="entries"' not in page
    assert 'name="ranges"' not in page


def test_a_mail_file_is_imported_whole_and_only_once(
    incident: Incident, ciso: AbstractBaseUser
) -> None:
    data = bytes(_forward())
    record = services.start_import(
        incident=incident, actor=ciso, name="doorgestuurd.eml", data=data
    )
    record = services.confirm_import(
        record=record, actor=ciso, selection=[[0, 0]], ours=[], time_zone="UTC"
    )

    assert record.progress_total == 2
    assert LogbookEntry.objects.filter(source_index__isnull=False).count() == 2
    with pytest.raises(ValidationError) as refused:
        services.start_import(
            incident=incident, actor=ciso, name="nogmaals.eml", data=data
        )
    assert refused.value.code == "duplicate"
    assert LogbookEntry.objects.filter(source_index__isnull=False).count() == 2


def test_a_mail_import_that_fails_on_an_attached_mail_writes_nothing(
    incident: Incident, ciso: AbstractBaseUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = entries._mail_entry

    def failing(mail: entries.Mail, *args: Any) -> object:
        if mail.index == 1:
            raise RuntimeError("broken")
        return real(mail, *args)

    monkeypatch.setattr(entries, "_mail_entry", failing)
    before = LogbookEntry.objects.filter(incident=incident).count()
    record = services.start_import(
        incident=incident, actor=ciso, name="doorgestuurd.eml", data=bytes(_forward())
    )

    with pytest.raises(RuntimeError):
        services.confirm_import(
            record=record, actor=ciso, selection=None, ours=[], time_zone="UTC"
        )

    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED
    assert LogbookEntry.objects.filter(incident=incident).count() == before
