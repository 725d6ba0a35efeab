# SPDX-License-Identifier: EUPL-1.2
"""Parser warnings and refusals reach the person in their own language."""

import html
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from meldpunt.core.evidence import EvidenceError, Phrase
from meldpunt.core.evidence.phrase import gettext_noop
from meldpunt.imports.models import Import, ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.jobs.runner import run_pending
from meldpunt.logbook.models import LogbookEntry

pytestmark = pytest.mark.django_db

# Text before the first message, a header whose date does not exist, and only
# day-first dates that could also be month-first.
CHAT = (
    b"Chat met iemand\n"
    b"05/03/2024, 09:12 - Sanne: Eerste\n"
    b"05/03/2024, 25:13 - Piet: geplakt\n"
    b"06/03/2024, 09:14 - Piet: Tweede\n"
)
DUTCH = [
    "geen enkele datum in het bestand bewijst of de dag of de maand voorop staat; "
    "gelezen als dag-maand-jaar (DMY), want Engels buiten de VS zet de dag "
    "voorop; geef de datumvolgorde zelf op als dat niet klopt",
    "regel 1 vóór het eerste bericht kon niet worden geplaatst; niet geïmporteerd",
    "regel 3 lijkt op een berichtkop, maar de datum of tijd bestaat niet; de regel "
    "is bewaard als tekst van het bericht dat begint op regel 2",
]
ENGLISH = [
    "no date in the file proves whether the day or the month comes first; read as "
    "day-month-year (DMY) because English outside the US writes the day first; "
    "give the date order explicitly if that is wrong",
    "line 1 before the first message could not be placed; not imported",
    "line 3 looks like a message header but its date or time does not exist; it is "
    "kept as text of the message that starts on line 2",
]
BINARY = b"\x00\x01\x02\x03" * 500


def _page(client: Client, record: Import) -> str:
    return html.unescape(client.get(record.get_absolute_url()).content.decode())


def _confirm_all(client: Client, record: Import) -> None:
    base = [record.incident.reference, record.pk]
    client.post(reverse("imports:date_order", args=base), {"order": "DMY"})
    record.refresh_from_db()
    entries = [str(index) for index in range(record.entries_total)]
    client.post(
        reverse("imports:confirm", args=base),
        {"time_zone": "Europe/Amsterdam", "entries": entries},
    )
    record.refresh_from_db()


def _header(record: Import) -> LogbookEntry:
    """The entry the import writes first: the file, its facts and warnings."""
    return LogbookEntry.objects.get(
        incident=record.incident, sequence=record.first_sequence
    )


def _import_all(client: Client, record: Import) -> LogbookEntry:
    _confirm_all(client, record)
    return _header(record)


def _english(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en"})


def test_dutch_user_sees_every_warning_in_dutch_in_the_preview(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload("chat.txt", CHAT)

    page = _page(ciso_client, Import.objects.get())

    assert all(warning in page for warning in DUTCH)
    assert not any(warning in page for warning in ENGLISH)


def test_dutch_user_gets_the_warnings_in_dutch_in_the_logbook_entry(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload("chat.txt", CHAT)

    header = _import_all(ciso_client, Import.objects.get())

    # Read again in the order the person chose, the date order is no longer
    # a guess to warn about: the entry records it as their choice.
    assert "Waarschuwing: " + DUTCH[1] in header.text
    assert "Waarschuwing: " + DUTCH[2] in header.text
    order = "Datumvolgorde: dag-maand-jaar (DMY), gekozen door wie importeerde"
    assert order in header.text
    assert "bewijst of de dag of de maand voorop staat" not in header.text
    assert "line 1" not in header.text


def test_dutch_user_gets_a_dutch_refusal_on_upload(
    upload: Callable[..., object],
) -> None:
    response = upload("notities.txt", BINARY)

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert (
        "Dit bestand kan niet worden geïmporteerd: notities.txt: het bestand bevat "
        "binaire gegevens, niet de tekst van een export" in page
    )
    assert "binary data" not in page


def test_english_user_reads_english_but_the_logbook_keeps_its_language(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    _english(ciso_client)

    refused = html.unescape(upload("notities.txt", BINARY).content.decode())
    upload("chat.txt", CHAT)
    record = Import.objects.get()
    page = _page(ciso_client, record)
    header = _import_all(ciso_client, record)

    assert (
        "This file cannot be imported: notities.txt: the file holds binary data, "
        "not the text of an export" in refused
    )
    assert all(warning in page for warning in ENGLISH)
    assert not any(warning in page for warning in DUTCH)
    # The logbook is written in the organisation's language (LANGUAGE_CODE),
    # whoever imports: one record, not a mix of languages.
    assert "Waarschuwing: " + DUTCH[1] in header.text
    assert "Waarschuwing: " + DUTCH[2] in header.text
    assert ENGLISH[1] not in header.text


def test_the_preview_follows_the_language_of_the_reader_not_of_the_upload(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload("chat.txt", CHAT)
    record = Import.objects.get()

    _english(ciso_client)
    page = _page(ciso_client, record)

    assert all(warning in page for warning in ENGLISH)


def test_warnings_stored_before_as_plain_text_are_shown_as_they_are(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload("chat.txt", CHAT)
    record = Import.objects.get()
    record.summary = {**record.summary, "warnings": ENGLISH[1:]}
    record.save(update_fields=["summary"])

    page = _page(ciso_client, record)

    assert ENGLISH[1] in page
    assert ENGLISH[2] in page
    assert DUTCH[1] not in page


def test_the_summary_keeps_the_english_text_beside_the_template(
    upload: Callable[..., object], incident: Incident
) -> None:
    upload("chat.txt", CHAT)

    stored = Import.objects.get(incident=incident).summary["warnings"]

    assert [item["text"] for item in stored] == ENGLISH
    assert stored[2]["params"]["why"]["template"] == "its date or time does not exist"


def test_a_background_import_writes_the_logbook_in_the_organisations_language(
    upload: Callable[..., object], ciso_client: Client, settings: object
) -> None:
    settings.MELDPUNT_IMPORT_INLINE_MAX = 0  # type: ignore[attr-defined]
    _english(ciso_client)
    upload("chat.txt", CHAT)
    record = Import.objects.get()
    _confirm_all(ciso_client, record)
    queued = record.status

    with translation.override("en"):  # neither the worker's nor the confirmer's
        run_pending()
    record.refresh_from_db()
    header = _header(record)

    assert queued == ImportStatus.QUEUED
    assert record.language == "en"  # kept for a refusal, see below
    assert header.text.startswith("Bestand: chat.txt")
    assert "Waarschuwing: " + DUTCH[1] in header.text


def test_a_background_import_gives_its_refusal_in_that_language_too(
    upload: Callable[..., object],
    ciso_client: Client,
    settings: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.MELDPUNT_IMPORT_INLINE_MAX = 0  # type: ignore[attr-defined]
    upload("chat.txt", CHAT)
    record = Import.objects.get()
    _confirm_all(ciso_client, record)

    def refuse(data: bytes, name: str, **options: object) -> None:
        raise EvidenceError(
            Phrase(gettext_noop("%(file)s: the file is empty"), file=name)
        )

    monkeypatch.setattr("meldpunt.imports.services.parse_bytes", refuse)
    with translation.override("en"):
        run_pending()
    record.refresh_from_db()

    assert record.status == ImportStatus.FAILED
    assert record.error == "chat.txt: het bestand is leeg"
