# SPDX-License-Identifier: EUPL-1.2
"""Uploaded files live no longer than their import needs them."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from meldpunt.imports import services
from meldpunt.imports.models import Import, ImportStatus

from .conftest import stored_files

pytestmark = pytest.mark.django_db

CHAT = b"15-03-2024 09:12 - Sanne: Hallo\n15-03-2024 09:13 - Piet: Dag\n"


def stored_exists(name: str) -> bool:
    return bool(name) and storages["default"].exists(name)


def _upload(incident, actor, data: bytes = CHAT) -> Import:
    return services.start_import(
        incident=incident, actor=actor, name="chat.txt", data=data
    )


def _confirm(record: Import, actor) -> Import:
    return services.confirm_import(
        record=record,
        actor=actor,
        selection=None,
        ours=[],
        time_zone="Europe/Amsterdam",
    )


def _retention_at(moment, capture) -> None:
    with time_machine.travel(moment), capture(execute=True):
        call_command("retention")


def test_an_upload_nobody_confirms_is_deleted_after_its_window(
    incident, ciso, django_capture_on_commit_callbacks, settings
) -> None:
    settings.MELDPUNT_IMPORT_UNCONFIRMED_HOURS = 24
    before = stored_files()
    waiting = _upload(incident, ciso)
    imported = _confirm(_upload(incident, ciso, CHAT + b"extra\n"), ciso)
    name = waiting.stored_name
    now = timezone.now()

    _retention_at(now + timedelta(hours=23), django_capture_on_commit_callbacks)
    waiting.refresh_from_db()
    assert waiting.status == ImportStatus.PREVIEW
    assert stored_exists(name)

    _retention_at(now + timedelta(hours=25), django_capture_on_commit_callbacks)
    waiting.refresh_from_db()
    imported.refresh_from_db()
    assert waiting.status == ImportStatus.CANCELLED
    assert waiting.stored_name == ""
    assert not stored_exists(name)
    assert imported.status == ImportStatus.DONE
    assert stored_exists(imported.stored_name)  # the imported original is evidence
    assert len(stored_files()) == len(before) + 1


def test_a_failed_import_keeps_its_reason_but_loses_its_file(
    incident, ciso, django_capture_on_commit_callbacks
) -> None:
    record = _upload(incident, ciso)
    name = record.stored_name
    Import.objects.filter(pk=record.pk).update(
        status=ImportStatus.FAILED, error="De database was onbereikbaar."
    )

    _retention_at(
        timezone.now() + timedelta(hours=25), django_capture_on_commit_callbacks
    )
    record.refresh_from_db()

    assert record.status == ImportStatus.FAILED
    assert record.error == "De database was onbereikbaar."
    assert record.stored_name == ""
    assert not stored_exists(name)


def test_an_upload_confirmed_meanwhile_is_left_alone(incident, ciso) -> None:
    record = _upload(incident, ciso)
    _confirm(record, ciso)

    assert services.discard_unconfirmed(timezone.now() + timedelta(days=2)) == 0
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE
    assert stored_exists(record.stored_name)


def test_the_preview_says_how_long_an_unconfirmed_upload_is_kept(
    upload, ciso_client, settings
) -> None:
    settings.MELDPUNT_IMPORT_UNCONFIRMED_HOURS = 12
    response = upload("chat.txt", CHAT)

    page = ciso_client.get(response.url).content.decode()

    assert "hoogstens 12 uur bewaard; daarna wordt het verwijderd" in page


def test_a_confirmation_posted_twice_imports_once_and_keeps_the_file(
    incident, ciso, django_capture_on_commit_callbacks
) -> None:
    from django.core.exceptions import ValidationError

    from meldpunt.logbook.models import LogbookEntry
    from meldpunt.logbook.verification import verify_incident

    record = _upload(incident, ciso)
    first, second = (Import.objects.get(pk=record.pk) for _ in range(2))
    _confirm(first, ciso)
    entries = LogbookEntry.objects.filter(incident=incident).count()

    # The second request read the upload before the first one confirmed it.
    with pytest.raises(ValidationError) as refused:
        _confirm(second, ciso)
    with pytest.raises(ValidationError):
        services.cancel_import(record=Import.objects.get(pk=record.pk), actor=ciso)
    stale = Import.objects.get(pk=record.pk)
    stale.status = ImportStatus.PREVIEW  # as a copy loaded before the import
    with (
        pytest.raises(ValidationError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.cancel_import(record=stale, actor=ciso)
    _retention_at(
        timezone.now() + timedelta(hours=25), django_capture_on_commit_callbacks
    )

    record.refresh_from_db()
    assert refused.value.code == "status"
    assert record.status == ImportStatus.DONE
    assert LogbookEntry.objects.filter(incident=incident).count() == entries
    assert stored_exists(record.stored_name)
    assert verify_incident(incident) is None


def test_cleaning_up_never_deletes_a_file_that_is_evidence(
    incident, ciso, django_capture_on_commit_callbacks
) -> None:
    record = _confirm(_upload(incident, ciso), ciso)
    Import.objects.filter(pk=record.pk).update(status=ImportStatus.FAILED)

    _retention_at(
        timezone.now() + timedelta(hours=25), django_capture_on_commit_callbacks
    )

    assert stored_exists(record.stored_name)
