# SPDX-License-Identifier: EUPL-1.2
"""A large upload is read by the worker, not inside the web request."""

import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meldpunt.imports import services
from meldpunt.imports.models import Import, ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.jobs.models import Job
from meldpunt.jobs.runner import run_pending
from meldpunt.logbook.models import LogbookEntry

pytestmark = pytest.mark.django_db

CHAT = b"15-03-2024 09:12 - Sanne: Hallo\n15-03-2024 09:13 - Piet: Dag\n"


@pytest.fixture(autouse=True)
def every_file_is_large(settings: object) -> None:
    settings.MELDPUNT_IMPORT_READ_INLINE_BYTES = 16  # type: ignore[attr-defined]


def _progress(client: Client, record: Import) -> object:
    url = reverse("imports:progress", args=[record.incident.reference, record.pk])
    return client.get(url)


def _run_jobs(capture: Callable[..., object]) -> int:
    with capture(execute=True):  # type: ignore[operator]
        return run_pending()


def test_a_large_upload_is_read_by_the_worker_then_previewed_and_imported(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    response = upload("chat.txt", CHAT)
    record = Import.objects.get()
    reading_status, reading_kind = record.status, record.kind
    reading = ciso_client.get(response.url, follow=True)

    ran = _run_jobs(django_capture_on_commit_callbacks)
    record.refresh_from_db()
    preview = ciso_client.get(
        reverse("imports:progress", args=[incident.reference, record.pk]), follow=True
    ).content.decode()
    confirmed = ciso_client.post(
        reverse("imports:confirm", args=[incident.reference, record.pk]),
        {"time_zone": "Europe/Amsterdam", "entries": ["0", "1"]},
    )
    queued_status = Import.objects.get().status
    _run_jobs(django_capture_on_commit_callbacks)
    record.refresh_from_db()

    assert reading_status == ImportStatus.READING
    assert reading_kind == ""
    assert reading.status_code == 200
    assert reading["Refresh"] == "2"
    assert "Het bestand wordt gelezen." in reading.content.decode()
    assert ran == 1
    assert record.kind == "whatsapp"
    assert "Sanne, Piet" in preview
    assert "Importeren in het logboek" in preview
    # A large file is imported by the worker too, however few its entries.
    assert confirmed.status_code == 302
    assert queued_status == ImportStatus.QUEUED
    assert record.status == ImportStatus.DONE
    texts = LogbookEntry.objects.filter(incident=incident, source_index__isnull=False)
    assert list(texts.order_by("sequence").values_list("text", flat=True)) == [
        "Hallo",
        "Dag",
    ]


def test_a_file_the_worker_refuses_is_deleted_and_the_reason_shown(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    upload("chat.txt", b"\x00\x01\x02 binary, not a chat \xff\xfe" * 4)
    record = Import.objects.get()
    stored = record.stored_name
    entries_before = LogbookEntry.objects.count()

    _run_jobs(django_capture_on_commit_callbacks)
    record.refresh_from_db()
    page = _progress(ciso_client, record)

    assert record.status == ImportStatus.FAILED
    assert record.error.startswith("Dit bestand kan niet worden geïmporteerd: ")
    assert record.stored_name == ""
    assert not storages["default"].exists(stored)
    assert LogbookEntry.objects.count() == entries_before
    assert "Refresh" not in page
    assert record.error in page.content.decode()
    assert reverse("imports:upload", args=[incident.reference]) in (
        page.content.decode()
    )


def test_an_upload_discarded_while_it_is_read_stays_discarded(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    upload("chat.txt", CHAT)
    record = Import.objects.get()
    stored = record.stored_name
    reading = _progress(ciso_client, record).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        ciso_client.post(
            reverse("imports:cancel", args=[incident.reference, record.pk])
        )
    _run_jobs(django_capture_on_commit_callbacks)
    record.refresh_from_db()

    assert "Deze upload weggooien" in reading
    assert record.status == ImportStatus.CANCELLED
    assert not storages["default"].exists(stored)
    assert Job.objects.get().status == "done"


def test_a_date_order_chosen_for_a_large_file_is_read_by_the_worker(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    upload(
        "chat.txt", b"03/05/2024, 09:12 - Sanne: Hallo\n04/05/2024, 10:00 - Piet: Dag\n"
    )
    _run_jobs(django_capture_on_commit_callbacks)
    record = Import.objects.get()
    asked = record.needs_date_order
    readings = record.summary["readings"]

    ciso_client.post(
        reverse("imports:date_order", args=[incident.reference, record.pk]),
        {"order": "MDY"},
    )
    record.refresh_from_db()
    status_while_read = record.status
    _run_jobs(django_capture_on_commit_callbacks)
    record.refresh_from_db()
    page = ciso_client.get(record.get_absolute_url()).content.decode()

    assert asked
    assert readings == {
        "DMY": {"first": "2024-05-03T09:12:00", "last": "2024-05-04T10:00:00"},
        "MDY": {"first": "2024-03-05T09:12:00", "last": "2024-04-05T10:00:00"},
    }
    assert record.summary["readings"] == readings  # kept for a second choice
    assert status_while_read == ImportStatus.READING
    assert record.status == ImportStatus.PREVIEW
    assert record.summary["first"] == "2024-03-05T09:12:00"
    assert record.summary["last"] == "2024-04-05T10:00:00"
    assert not record.needs_date_order
    assert "maand-dag-jaar (zoals u koos)" in page


def test_the_same_large_file_uploaded_again_while_it_is_read_is_the_same_upload(
    incident: Incident, ciso: object
) -> None:
    first = services.start_import(
        incident=incident, actor=ciso, name="chat.txt", data=CHAT
    )
    again = services.start_import(
        incident=incident, actor=ciso, name="kopie.txt", data=CHAT
    )

    assert again.pk == first.pk
    assert Job.objects.filter(name=services.READ_JOB_NAME).count() == 1


def test_an_upload_whose_reading_never_ended_is_deleted_after_its_window(
    incident: Incident,
    ciso: object,
    settings: object,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    record = services.start_import(
        incident=incident, actor=ciso, name="chat.txt", data=CHAT
    )
    stored = record.stored_name
    later = timezone.now() + timezone.timedelta(
        hours=settings.MELDPUNT_IMPORT_UNCONFIRMED_HOURS + 1  # type: ignore[attr-defined]
    )

    with django_capture_on_commit_callbacks(execute=True):
        deleted = services.discard_unconfirmed(later)
    record.refresh_from_db()

    assert deleted == 1
    assert record.status == ImportStatus.CANCELLED
    assert not storages["default"].exists(stored)


def test_an_unexpected_error_while_reading_fails_the_upload_and_the_job(
    incident: Incident,
    ciso: object,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    record = services.start_import(
        incident=incident, actor=ciso, name="chat.txt", data=CHAT
    )

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(services, "parse_bytes", broken)
    _run_jobs(django_capture_on_commit_callbacks)
    record.refresh_from_db()

    assert record.status == ImportStatus.FAILED
    assert record.error == "Een onverwachte fout stopte het lezen van het bestand."
    assert Job.objects.get().status == "failed"
    # Not the file's fault: it is kept for the usual window, then deleted.
    assert storages["default"].exists(record.stored_name)


def test_a_large_zip_still_offers_its_messages_to_tick(
    upload: Callable[..., object],
    ciso_client: Client,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("WhatsApp-chat met Sanne.txt", CHAT)
        bundle.writestr("IMG-20240315-WA0001.jpg", b"\xff\xd8\xff" + b"0" * 64)
    upload("WhatsApp-chat met Sanne.zip", archive.getvalue())
    _run_jobs(django_capture_on_commit_callbacks)
    record = Import.objects.get()

    page = ciso_client.get(record.get_absolute_url()).content.decode()

    assert record.status == ImportStatus.PREVIEW
    assert 'name="entries"' in page


def test_the_case_page_lists_uploads_that_are_not_in_the_logbook_yet(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    upload("gelezen.txt", CHAT)
    _run_jobs(django_capture_on_commit_callbacks)
    upload("wordt-gelezen.txt", CHAT + b"15-03-2024 09:14 - Sanne: Nog iets\n")
    reading = Import.objects.get(original_name="wordt-gelezen.txt")

    page = ciso_client.get(incident.get_absolute_url()).content.decode()

    assert "Imports die niet af zijn" in page
    progress = reverse("imports:progress", args=[incident.reference, reading.pk])
    assert f'href="{progress}">wordt-gelezen.txt</a>' in page
    assert "wordt gelezen</li>" in page
    size = f"{len(CHAT)}\xa0bytes"  # filesizeformat keeps number and unit together
    assert f"gelezen.txt</a> ({size}): wacht op bevestiging" in page


def test_an_import_whose_worker_died_fails_with_a_reason_instead_of_spinning(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload("chat.txt", CHAT)
    record = Import.objects.get()
    # The worker was killed on each attempt: the runner gave the job up.
    Job.objects.update(status="failed", error="abandoned")

    page = _progress(ciso_client, record).content.decode()
    record.refresh_from_db()

    assert record.status == ImportStatus.FAILED
    assert "Het werk op de achtergrond is gestopt voordat het klaar was" in page
    assert "Het bestand wordt gelezen." not in page


def test_a_job_nobody_picks_up_asks_whether_the_worker_runs(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload("chat.txt", CHAT)
    record = Import.objects.get()
    fresh = _progress(ciso_client, record).content.decode()
    Job.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=2))

    late = _progress(ciso_client, record).content.decode()

    assert "meldpunt worker" not in fresh
    assert "vraag de beheerder dan of het achtergrondwerk van Meldpunt" in late


def test_a_date_order_posted_for_a_file_whose_dates_show_it_keeps_the_upload(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    upload("chat.txt", b"15-03-2024 09:12 - Sanne: Hallo\n")
    _run_jobs(django_capture_on_commit_callbacks)
    record = Import.objects.get()

    response = ciso_client.post(
        reverse("imports:date_order", args=[incident.reference, record.pk]),
        {"order": "MDY"},
    )
    record.refresh_from_db()

    assert response.status_code == 400
    assert "De datums in dit bestand laten zien in welke volgorde" in (
        response.content.decode()
    )
    assert record.status == ImportStatus.PREVIEW
    assert record.date_order == ""
    assert storages["default"].exists(record.stored_name)


def test_a_form_posted_while_the_file_is_read_says_so(
    upload: Callable[..., object], ciso_client: Client, incident: Incident
) -> None:
    upload("chat.txt", CHAT)
    record = Import.objects.get()

    response = ciso_client.post(
        reverse("imports:confirm", args=[incident.reference, record.pk]),
        {"time_zone": "Europe/Amsterdam"},
        follow=True,
    )

    assert "Het bestand wordt nog gelezen; wacht tot dat klaar is." in (
        response.content.decode()
    )
    assert "al afgehandeld" not in response.content.decode()


def test_the_same_file_uploaded_again_under_another_name_says_where_it_went(
    upload: Callable[..., object], ciso_client: Client
) -> None:
    upload("chat.txt", CHAT)
    response = upload("kopie.txt", CHAT)

    page = ciso_client.get(response.url, follow=True).content.decode()

    assert Import.objects.count() == 1
    assert "Dit bestand is al eerder geüpload, als chat.txt, en nog niet" in page


def test_a_refused_file_stays_listed_on_the_case_page_for_a_day(
    upload: Callable[..., object],
    ciso_client: Client,
    incident: Incident,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    upload("kapot.txt", b"\x00\x01\x02 binary, not a chat \xff\xfe" * 4)
    _run_jobs(django_capture_on_commit_callbacks)
    record = Import.objects.get()

    page = ciso_client.get(incident.get_absolute_url()).content.decode()
    Import.objects.update(created_at=timezone.now() - timezone.timedelta(days=2))
    later = ciso_client.get(incident.get_absolute_url()).content.decode()

    progress = reverse("imports:progress", args=[incident.reference, record.pk])
    assert f'href="{progress}">kapot.txt</a>' in page
    assert "mislukt</li>" in page
    assert "kapot.txt" not in later
