# SPDX-License-Identifier: EUPL-1.2
"""Recording what happened: the entry form, its shortcuts, corrections, files."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meldpunt.logbook.models import Channel, EntryKind, Evidence, LogbookEntry
from meldpunt.logbook.services import UploadedEvidence, append_entry
from meldpunt.logbook.storage import read_decrypted
from meldpunt.logbook.verification import check_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(make_report):
    return make_report().incident


def _url(incident, query: str = "") -> str:
    return reverse("logbook:new_entry", args=[incident.reference]) + query


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "communication",
        "channel": "phone",
        "direction": "out",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "participants": "CISO; ontvanger",
        "summary": "Ontvanger gebeld",
        "text": "",
        "reasons": "",
    }
    data.update(overrides)
    return data


def _stored_files() -> list[Path]:
    folder = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(folder.glob("*.bin")) if folder.exists() else []


def test_form_defaults_to_now_the_user_and_the_channel_last_used(
    ciso_client, ciso, incident
) -> None:
    append_entry(
        incident=incident,
        actor=ciso,
        kind=EntryKind.NOTE,
        channel=Channel.SIGNAL,
        summary="Via Signal",
    )

    form = ciso_client.get(_url(incident)).context["form"]

    assert form.initial["channel"] == Channel.SIGNAL
    assert form.initial["participants"] == "Ciso"
    age = timezone.now() - form.initial["occurred_at"]
    assert timedelta(0) <= age < timedelta(minutes=1)


def test_an_entry_is_recorded_with_both_times_and_its_evidence(
    ciso_client, ciso, incident
) -> None:
    earlier = timezone.localtime() - timedelta(hours=3)
    upload = SimpleUploadedFile("verzoek.pdf", b"%PDF-1.7 verzoek")

    response = ciso_client.post(
        _url(incident),
        _form(occurred_at=earlier.strftime("%Y-%m-%dT%H:%M"), attachments=upload),
    )

    entry = LogbookEntry.objects.get(incident=incident, sequence=2)
    assert response.status_code == 302
    assert response.url.endswith("#entry-2")
    assert entry.occurred_at == earlier.replace(second=0, microsecond=0)
    assert timezone.now() - entry.recorded_at < timedelta(minutes=1)
    assert (entry.author, entry.participants) == (ciso, "CISO; ontvanger")
    evidence = entry.evidence.get()
    assert (evidence.original_name, evidence.content_type) == (
        "verzoek.pdf",
        "application/pdf",
    )
    assert read_decrypted(evidence.stored_name) == b"%PDF-1.7 verzoek"
    assert check_incident(incident).intact


@pytest.mark.parametrize(
    ("slug", "kind", "summary"),
    [
        ("verwijderverzoek", "measure", "verwijderen"),
        ("verwijdering-bevestigd", "communication", "verwijderd"),
        ("directie-geraadpleegd", "consultation", "directielid"),
        ("fg-geraadpleegd", "consultation", "(FG)"),
        ("besluit", "decision", "Besluit"),
    ],
)
def test_each_shortcut_fills_in_the_form(
    ciso_client, incident, slug, kind, summary
) -> None:
    response = ciso_client.get(_url(incident, f"?snel={slug}"))

    form = response.context["form"]
    assert form.initial["kind"] == kind
    assert summary in form.initial["summary"]
    assert form.initial["participants"].startswith("Ciso")
    assert not form.initial["participants"].endswith("; ")


def test_case_page_links_to_every_shortcut(ciso_client, incident) -> None:
    page = ciso_client.get(incident.get_absolute_url()).content.decode()

    for slug in ("verwijderverzoek", "verwijdering-bevestigd", "besluit"):
        assert f"{_url(incident)}?snel={slug}" in page
    assert "Hashketen intact" in page


def test_a_decision_without_reasons_is_refused(ciso_client, incident) -> None:
    response = ciso_client.post(_url(incident), _form(kind="decision"))

    assert response.status_code == 400
    assert "Geef de redenen voor het besluit." in response.content.decode()
    assert incident.logbook_entries.count() == 1


def test_a_time_in_the_future_is_refused(ciso_client, incident) -> None:
    later = timezone.localtime() + timedelta(hours=2)

    response = ciso_client.post(
        _url(incident), _form(occurred_at=later.strftime("%Y-%m-%dT%H:%M"))
    )

    assert response.status_code == 400
    assert incident.logbook_entries.count() == 1


def test_a_correction_is_a_new_entry_and_the_case_page_shows_both(
    ciso_client, incident
) -> None:
    form = ciso_client.get(_url(incident, "?corrigeert=1")).context["form"]
    assert form.initial["corrects"] == 1

    ciso_client.post(
        _url(incident),
        _form(corrects="1", kind="note", summary="Correctie: melding kwam per mail"),
    )

    original, correction = incident.logbook_entries.order_by("sequence")
    assert correction.corrects == original
    assert original.summary == "Melding ontvangen"
    page = ciso_client.get(incident.get_absolute_url()).content.decode()
    assert "Correctie: melding kwam per mail" in page
    assert "Melding ontvangen" in page
    assert 'href="?logboek=1#entry-2"' in page and 'href="?logboek=1#entry-1"' in page
    assert check_incident(incident).intact


def test_a_correction_of_an_unknown_entry_is_refused(ciso_client, incident) -> None:
    response = ciso_client.post(_url(incident), _form(corrects="7"))

    assert response.status_code == 400
    assert incident.logbook_entries.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.txt", b"", "leeg"),
        ("groot.pdf", b"%PDF-" + b"0" * 4000, "de limiet is"),
        ("factuur.exe", b"MZ\x90\x00", ".exe"),
        ("factuur.pdf", b"MZ\x90\x00\x03", "programma"),
        (".htaccess", b"Deny from all", "niet geaccepteerd"),
        ("rapport.pdf:stroom.exe", b"%PDF-1.7", "niet geaccepteerd"),
        ("CON.txt", b"tekst", "niet geaccepteerd"),
    ],
)
def test_a_bad_upload_is_refused_clearly_and_nothing_is_stored(
    ciso_client, incident, settings, name, data, message
) -> None:
    settings.MELDPUNT_MAX_ATTACHMENT_BYTES = 2048
    before = _stored_files()

    response = ciso_client.post(
        _url(incident), _form(attachments=SimpleUploadedFile(name, data))
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert incident.logbook_entries.count() == 1
    assert not Evidence.objects.filter(entry__incident=incident).exists()
    assert _stored_files() == before


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "..\\boot.ini", "map/bestand.txt", "bestand\x00.txt"]
)
def test_the_service_refuses_path_tricks_that_skip_the_form(
    incident, ciso, name
) -> None:
    before = _stored_files()

    with pytest.raises(ValidationError, match="niet geaccepteerd"):
        append_entry(
            incident=incident,
            actor=ciso,
            kind=EntryKind.NOTE,
            summary="Bijlage",
            files=[UploadedEvidence(name, b"inhoud")],
        )

    assert incident.logbook_entries.count() == 1
    assert _stored_files() == before


def test_a_crash_after_the_entry_leaves_neither_entry_nor_file(
    incident, ciso, monkeypatch
) -> None:
    before = _stored_files()

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Evidence.objects, "bulk_create", crash)
    with pytest.raises(RuntimeError):
        append_entry(
            incident=incident,
            actor=ciso,
            kind=EntryKind.NOTE,
            summary="Met bijlage",
            files=[UploadedEvidence("bewijs.txt", b"bewijs")],
        )

    assert incident.logbook_entries.count() == 1
    assert not Evidence.objects.exists()
    assert _stored_files() == before
    assert check_incident(incident).intact


def test_evidence_downloads_only_as_attachment(ciso_client, ciso, incident) -> None:
    entry = append_entry(
        incident=incident,
        actor=ciso,
        kind=EntryKind.NOTE,
        summary="Schermafdruk",
        files=[UploadedEvidence("pagina.html", b"<script>alert(1)</script>")],
    )
    evidence = entry.evidence.get()

    response = ciso_client.get(
        reverse("incidents:evidence", args=[incident.reference, evidence.pk])
    )

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"


@pytest.mark.parametrize(
    "route", ["logbook:new_entry", "logbook:dossier_pdf", "logbook:dossier_json"]
)
def test_logbook_pages_are_for_case_handlers_only(
    client: Client, make_user, incident, route
) -> None:
    url = reverse(route, args=[incident.reference])

    anonymous = client.get(url)
    client.force_login(make_user("collega"))
    reporter = client.get(url)

    assert anonymous.status_code == 302 and "/inloggen/" in anonymous.url
    assert reporter.status_code == 403
