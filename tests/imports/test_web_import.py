# SPDX-License-Identifier: EUPL-1.2
import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.imports import forms
from meldpunt.imports.models import Import, ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.logbook.storage import read_decrypted, store_encrypted
from meldpunt.logbook.verification import verify_incident

pytestmark = pytest.mark.django_db


def _confirm(client: Client, record: Import, **data: object) -> object:
    url = reverse("imports:confirm", args=[record.incident.reference, record.pk])
    return client.post(url, {"time_zone": "Europe/Amsterdam", **data})


def _choose_order(client: Client, record: Import, order: str = "DMY") -> None:
    url = reverse("imports:date_order", args=[record.incident.reference, record.pk])
    client.post(url, {"order": order})
    record.refresh_from_db()


def _imported(incident: Incident) -> list[LogbookEntry]:
    return list(
        LogbookEntry.objects.filter(incident=incident, source_index__isnull=False)
        .select_related("source_evidence")
        .order_by("sequence")
    )


def _all_entries(record: Import) -> dict[str, object]:
    return {"entries": [str(index) for index in range(record.entries_total)]}


def test_upload_shows_participants_period_count_and_warnings(
    upload: Callable[..., object],
    ciso_client: Client,
    shared_sample: Callable[[str], Path],
) -> None:
    data = shared_sample("wa_nl_android_24h.txt").read_bytes()

    response = upload("wa_nl_android_24h.txt", data)
    record = Import.objects.get()
    page = ciso_client.get(response.url).content.decode()

    assert response.status_code == 302
    assert record.status == ImportStatus.PREVIEW
    assert "Sanne Voorbeeld, Pieter Testbeeld" in page
    assert ">5 maart 2024 09:12</time> – <time" in page
    assert 'datetime="2024-03-05T13:05:00">5 maart 2024 13:05<' in page
    assert '<dd data-testid="count">8</dd>' in page
    assert 'Waarvan systeemberichten</dt><dd data-testid="system-count">3<' in page
    assert LogbookEntry.objects.filter(source_index__isnull=False).count() == 0


def test_confirmed_chat_becomes_entries_with_channel_time_author_and_source(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    shared_sample: Callable[[str], Path],
) -> None:
    data = shared_sample("wa_nl_android_24h.txt").read_bytes()
    upload("wa_nl_android_24h.txt", data)
    record = Import.objects.get()
    _choose_order(ciso_client, record)

    response = _confirm(
        ciso_client,
        record,
        ours=["Sanne Voorbeeld"],
        time_zone="Europe/Amsterdam",
        **_all_entries(record),
    )
    entries = _imported(incident)

    assert response.status_code == 302
    assert [entry.source_index for entry in entries] == list(range(8))
    assert {entry.channel for entry in entries} == {"whatsapp"}
    assert [entry.kind for entry in entries[:3]] == ["system_message"] * 3
    assert entries[3].kind == "communication"
    assert entries[3].participants == "Sanne Voorbeeld"
    assert entries[3].direction == "out"
    assert entries[4].direction == "in"
    assert entries[0].direction == "internal"
    assert entries[7].text == "FG gebeld om 12:40: melden bij de AP binnen 72 uur."
    assert entries[7].occurred_at == datetime(2024, 3, 5, 12, 5, tzinfo=UTC)
    assert all(entry.source_evidence.sha256 == record.sha256 for entry in entries)
    assert read_decrypted(entries[0].source_evidence.stored_name) == data
    assert verify_incident(incident) is None


def test_header_entry_holds_the_original_file_and_the_warnings(
    upload: Callable[..., object], ciso_client: Client, incident: Incident
) -> None:
    data = (
        b"Chat met iemand\n"
        b"15-03-2024 09:12 - Sanne: Eerste\n"
        b"15-03-2024 09:13 - Piet: Tweede\n"
    )
    upload("chat.txt", data)
    record = Import.objects.get()

    _confirm(ciso_client, record, **_all_entries(record))
    record.refresh_from_db()
    header = LogbookEntry.objects.get(incident=incident, sequence=record.first_sequence)

    assert header.kind == "note"
    assert [item.sha256 for item in header.evidence.all()] == [record.sha256]
    assert (
        "Waarschuwing: regel 1 vóór het eerste bericht kon niet worden geplaatst; "
        "niet geïmporteerd" in header.text
    )
    assert record.sha256 in header.text
    assert record.last_sequence == record.first_sequence + 2


def test_media_in_a_zip_become_evidence_of_their_message(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    shared_sample: Callable[[str], Path],
) -> None:
    path = shared_sample("wa_nl_android_with_media.zip")
    upload(path.name, path.read_bytes())
    record = Import.objects.get()
    _choose_order(ciso_client, record)

    _confirm(ciso_client, record, **_all_entries(record))
    entries = _imported(incident)

    with zipfile.ZipFile(path) as archive:
        image = archive.read("IMG-20240305-WA0003.jpg")
    photo = entries[0].evidence.get()
    assert photo.original_name == "IMG-20240305-WA0003.jpg"
    assert read_decrypted(photo.stored_name) == image
    assert [entry.evidence.count() for entry in entries] == [1, 1, 1, 0]
    assert verify_incident(incident) is None


def test_importing_the_same_file_twice_is_refused(
    upload: Callable[..., object],
    ciso_client: Client,
    shared_sample: Callable[[str], Path],
) -> None:
    data = shared_sample("wa_nl_android_multiline.txt").read_bytes()
    upload("chat.txt", data)
    record = Import.objects.get()
    _choose_order(ciso_client, record)
    _confirm(ciso_client, record, **_all_entries(record))
    before = (LogbookEntry.objects.count(), Evidence.objects.count())

    response = upload("andere-naam.txt", data)

    assert response.status_code == 400
    assert "al in deze zaak geïmporteerd" in response.content.decode()
    assert (LogbookEntry.objects.count(), Evidence.objects.count()) == before
    assert Import.objects.count() == 1


def test_ambiguous_dates_are_asked_and_the_file_read_again(
    upload: Callable[..., object], ciso_client: Client, incident: Incident
) -> None:
    data = b"03/05/2024, 09:12 - Sanne: Hallo\n04/05/2024, 10:00 - Piet: Dag\n"
    upload("chat.txt", data)
    record = Import.objects.get()
    first_page = ciso_client.get(record.get_absolute_url()).content.decode()

    refused = _confirm(ciso_client, record, entries=["0", "1"])
    url = reverse("imports:date_order", args=[incident.reference, record.pk])
    ciso_client.post(url, {"order": "MDY"})
    record.refresh_from_db()
    second_page = ciso_client.get(record.get_absolute_url()).content.decode()
    _confirm(ciso_client, record, entries=["0", "1"], time_zone="UTC")

    assert 'name="order"' in first_page
    assert "Datumvolgorde</dt><dd>niet zeker</dd>" in first_page
    # Each choice says what it makes of the file; the period read so far
    # is not shown as a fact.
    assert (
        "Dag eerst: 05-03-2024 is 5 maart 2024; het bestand loopt dan van "
        "3 mei 2024 tot 4 mei 2024" in first_page
    )
    assert (
        "Maand eerst: 05-03-2024 is 3 mei 2024; het bestand loopt dan van "
        "5 maart 2024 tot 5 april 2024" in first_page
    )
    assert "(gelezen als dag-maand-jaar, wat niet zeker is: zie" in first_page
    assert "wat niet zeker is" not in second_page
    assert "maand-dag-jaar (zoals u koos)" in second_page
    assert "Importeren in het logboek" not in first_page
    assert refused.status_code == 400
    assert record.summary["first"] == "2024-03-05T09:12:00"
    entries = _imported(incident)
    assert entries[0].occurred_at == datetime(2024, 3, 5, 9, 12, tzinfo=UTC)
    assert entries[1].occurred_at == datetime(2024, 4, 5, 10, 0, tzinfo=UTC)


def test_a_date_order_choice_names_the_one_day_it_gives_the_messages(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload(
        "chat.txt", b"03/05/2024, 09:12 - Sanne: Hallo\n03/05/2024, 10:00 - Piet: Dag\n"
    )
    record = Import.objects.get()

    page = ciso_client.get(record.get_absolute_url()).content.decode()

    assert (
        "Dag eerst: 05-03-2024 is 5 maart 2024; elk bericht is dan van 3 mei 2024"
        in page
    )
    assert (
        "Maand eerst: 05-03-2024 is 3 mei 2024; elk bericht is dan van 5 maart 2024"
        in page
    )


def test_only_the_chosen_entries_are_imported_and_the_rest_is_named(
    upload: Callable[..., object], ciso_client: Client, incident: Incident
) -> None:
    lines = [
        f"15-03-2024 09:{minute:02d} - Sanne: bericht {minute}" for minute in range(6)
    ]
    upload("chat.txt", "\n".join(lines).encode())
    record = Import.objects.get()

    page = ciso_client.get(record.get_absolute_url()).content.decode()
    none_chosen = _confirm(ciso_client, record).content.decode()
    _confirm(ciso_client, record, entries=["0", "2", "3"])
    record.refresh_from_db()

    assert "Te importeren berichten</legend>" in page  # not "(optioneel)"
    assert "Kies ten minste één bericht om te importeren." in none_chosen
    assert [entry.source_index for entry in _imported(incident)] == [0, 2, 3]
    header = LogbookEntry.objects.get(incident=incident, sequence=record.first_sequence)
    assert "2, 5-6" in header.text


def test_large_file_is_chosen_by_ranges_and_runs_as_background_work(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    settings: object,
) -> None:
    settings.MELDPUNT_IMPORT_INLINE_MAX = 100
    lines = [
        f"15-03-2024 {hour:02d}:{minute:02d} - Sanne: bericht {hour}-{minute}"
        for hour in range(10)
        for minute in range(60)
    ]
    upload("chat.txt", "\n".join(lines).encode())
    record = Import.objects.get()
    page = ciso_client.get(record.get_absolute_url()).content.decode()

    response = _confirm(ciso_client, record, ranges="1-200, 401-600")
    queued = ciso_client.get(response.url)
    from meldpunt.jobs.runner import run_pending

    ran = run_pending()
    done = ciso_client.get(response.url)

    assert 'name="entries"' not in page
    assert 'name="ranges"' in page
    assert "<progress" in queued.content.decode()
    assert queued["Refresh"] == "2"
    assert ran == 1
    assert "Refresh" not in done
    assert len(_imported(incident)) == 400
    assert verify_incident(incident) is None


def test_discarding_an_upload_removes_the_stored_file(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks,
) -> None:
    from .conftest import stored_files

    upload("chat.txt", b"15-03-2024 09:12 - Sanne: Hallo\n")
    record = Import.objects.get()
    before = stored_files()

    url = reverse("imports:cancel", args=[incident.reference, record.pk])
    with django_capture_on_commit_callbacks(execute=True):
        ciso_client.post(url)
    record.refresh_from_db()

    assert record.status == ImportStatus.CANCELLED
    assert len(stored_files()) == len(before) - 1


def test_a_mail_becomes_one_communication_entry_at_its_own_time(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    shared_sample: Callable[[str], Path],
) -> None:
    path = shared_sample("eml_rfc2047_split_display_name.eml")
    upload(path.name, path.read_bytes())
    record = Import.objects.get()

    _confirm(ciso_client, record)
    (entry,) = _imported(incident)

    assert entry.channel == "email"
    assert entry.kind == "communication"
    assert entry.occurred_at.tzinfo is not None
    assert verify_incident(incident) is None


def test_people_without_a_handling_role_cannot_import(
    make_user: Callable[..., object], incident: Incident
) -> None:
    client = Client()
    client.force_login(make_user("buitenstaander"))
    url = reverse("imports:upload", args=[incident.reference])

    response = client.post(url, {"file": io.BytesIO(b"05-03-2024 09:12 - A: b\n")})

    assert response.status_code == 403
    assert Import.objects.count() == 0


def test_the_preview_words_the_date_order_and_lists_places_as_zones(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload("chat.txt", b"25/03/2024, 09:12 - Sanne: Hallo\n")
    page = ciso_client.get(Import.objects.get().get_absolute_url()).content.decode()

    assert "Datumvolgorde</dt><dd>dag-maand-jaar</dd>" in page
    assert '<option value="Europe/Amsterdam" selected>' in page
    assert '<option value="UTC">' in page
    assert '<option value="America/Argentina/Buenos_Aires">' in page
    assert 'value="US/Eastern"' not in page and 'value="Etc/GMT+5"' not in page
    assert '<option value="Asia/Kolkata">' in page
    if forms._listed_zones():  # one name per place: no old aliases
        assert 'value="Asia/Calcutta"' not in page


def test_forms_of_a_discarded_upload_posted_again_say_where_it_stands(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks,
) -> None:
    upload("chat.txt", b"15-03-2024 09:12 - Sanne: Hallo\n")
    record = Import.objects.get()
    cancel = reverse("imports:cancel", args=[incident.reference, record.pk])
    with django_capture_on_commit_callbacks(execute=True):
        ciso_client.post(cancel)  # the stored file is gone from here on

    confirmed = _confirm(ciso_client, record)
    ordered = ciso_client.post(
        reverse("imports:date_order", args=[incident.reference, record.pk]),
        {"order": "DMY"},
        follow=True,
    )

    progress = reverse("imports:progress", args=[incident.reference, record.pk])
    assert (confirmed.status_code, confirmed.url) == (302, progress)
    page = ordered.content.decode()
    assert "Deze import is al afgehandeld: geannuleerd." in page
    assert "de upload is weggegooid; er is niets aan het logboek toegevoegd" in (
        page.lower()
    )
    assert not _imported(incident)


def test_a_confirmation_posted_twice_leads_to_the_imported_entries(
    upload: Callable[..., object], ciso_client: Client, incident: Incident, settings
) -> None:
    settings.MELDPUNT_IMPORT_INLINE_MAX = 1000
    chat = "".join(
        f"15-03-2024 10:{n // 60:02d} - Sanne: bericht {n}\n" for n in range(150)
    )
    upload("chat.txt", chat.encode())
    record = Import.objects.get()

    first = _confirm(ciso_client, record, **_all_entries(record))
    again = _confirm(ciso_client, record, **_all_entries(record))
    shown = ciso_client.get(again.url).content.decode()
    record.refresh_from_db()

    assert first.url.endswith(f"?logboek=1#entry-{record.first_sequence}")
    assert "Deze import is al afgehandeld: geïmporteerd." in shown
    assert f"?logboek=1#entry-{record.first_sequence}" in shown
    assert len(_imported(incident)) == 150


def test_a_flood_of_warnings_is_listed_in_part_and_counted(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    # Every other header is dated a day back: each one is a warning.
    lines = [
        f"{15 - (n % 2):02d}-03-2024 10:{n % 60:02d} - Sanne: bericht {n}\n"
        for n in range(500)
    ]
    upload("chat.txt", "".join(lines).encode())
    record = Import.objects.get()
    page = ciso_client.get(record.get_absolute_url()).content.decode()

    total = record.summary["warnings_total"]
    assert total > 200
    assert page.count('<li class="utrecht-unordered-list__item">regel ') == 200
    assert f"En nog {total - 200} waarschuwingen" in page
    assert len(record.summary["warnings"]) == 200  # what the preview needs
    _confirm(ciso_client, record, **_all_entries(record))
    record.refresh_from_db()
    header = LogbookEntry.objects.get(sequence=record.first_sequence)
    assert header.text.count("Waarschuwing: ") == total  # every one recorded


def test_the_rest_of_a_file_imported_in_part_can_be_imported_later(
    upload: Callable[..., object], ciso_client: Client, incident: Incident
) -> None:
    lines = [f"15-03-2024 09:{n:02d} - Sanne: bericht {n}\n" for n in range(5)]
    data = "".join(lines).encode()
    upload("chat.txt", data)
    first = Import.objects.get()
    _confirm(ciso_client, first, entries=["0", "1"])

    upload("chat.txt", data)
    rest = Import.objects.exclude(pk=first.pk).get()
    page = ciso_client.get(rest.get_absolute_url()).content.decode()
    # Ticking everything again imports only what is not in the logbook yet.
    _confirm(ciso_client, rest, **_all_entries(rest))
    rest.refresh_from_db()
    refused = upload("chat.txt", data)

    assert "De berichten 1-2 staan al in het logboek" in page
    assert 'value="0" id="id_entries_0" checked' not in page
    assert 'value="2" id="id_entries_2" checked' in page
    assert [entry.source_index for entry in _imported(incident)] == [0, 1, 2, 3, 4]
    header = LogbookEntry.objects.get(incident=incident, sequence=rest.first_sequence)
    assert "Eerder uit dit bestand geïmporteerd en nu weggelaten: berichten 1-2" in (
        header.text
    )
    assert "Bewust niet geïmporteerd" not in header.text
    assert refused.status_code == 400
    assert "Elk bericht van dit bestand is al in deze zaak geïmporteerd" in (
        refused.content.decode()
    )
    assert Import.objects.count() == 2


def _twin(record: Import) -> Import:
    """A second upload of the same file, as two requests sent at once make."""
    twin = Import.objects.get(pk=record.pk)
    twin.pk = None
    copy = store_encrypted(read_decrypted(record.stored_name), record.original_name)
    twin.stored_name = copy.stored_name
    twin.save()
    return twin


def test_two_uploads_of_one_file_made_at_once_never_import_an_entry_twice(
    upload: Callable[..., object], ciso_client: Client, incident: Incident
) -> None:
    lines = [f"15-03-2024 09:{n:02d} - Sanne: bericht {n}\n" for n in range(5)]
    upload("chat.txt", "".join(lines).encode())
    first = Import.objects.get()
    second = _twin(first)

    _confirm(ciso_client, first, entries=["0", "1"])
    same = _confirm(ciso_client, second, entries=["0", "1"]).content.decode()
    _confirm(ciso_client, second, entries=["1", "2", "3"])
    second.refresh_from_db()

    assert "Elk bericht dat u koos, is al eerder geïmporteerd" in same
    assert [entry.source_index for entry in _imported(incident)] == [0, 1, 2, 3]
    header = LogbookEntry.objects.get(incident=incident, sequence=second.first_sequence)
    assert "Eerder uit dit bestand geïmporteerd en nu weggelaten: berichten 1-2" in (
        header.text
    )


def test_a_mail_uploaded_twice_at_once_is_imported_once(
    upload: Callable[..., object], ciso_client: Client, incident: Incident
) -> None:
    mail = (
        b"From: Sanne <sanne@example.org>\r\nTo: piet@example.org\r\n"
        b"Subject: Laptop\r\nDate: Fri, 15 Mar 2024 09:12:00 +0100\r\n\r\nKwijt.\r\n"
    )
    upload("bericht.eml", mail)
    first = Import.objects.get()
    second = _twin(first)

    _confirm(ciso_client, first)
    refused = _confirm(ciso_client, second).content.decode()
    second.refresh_from_db()

    assert "Elk bericht van dit bestand is al in deze zaak geïmporteerd" in refused
    assert second.status == ImportStatus.PREVIEW
    assert len(_imported(incident)) == 1
