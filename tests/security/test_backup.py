# SPDX-License-Identifier: EUPL-1.2
"""A backup comes back whole on an empty installation, or not at all."""

import hashlib
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.logbook.storage import read_decrypted
from meldpunt.logbook.verification import verify_incident
from meldpunt.maintenance.archive import ArchiveError
from meldpunt.maintenance.backup import create_backup, restore_backup

pytestmark = pytest.mark.django_db


def _empty_installation() -> None:
    """What 'meldpunt migrate' leaves on a new machine: tables and roles only."""
    storage = storages["default"]
    for name in Evidence.objects.values_list("stored_name", flat=True):
        storage.delete(name)
    if connection.vendor == "postgresql":
        # Inside the test's transaction PostgreSQL refuses to truncate tables
        # with deferred checks pending; run them now, defer again after.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            call_command("flush", interactive=False, verbosity=0)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        call_command("flush", interactive=False, verbosity=0)
    roles = importlib.import_module("meldpunt.accounts.migrations.0001_roles")
    roles.create_roles(apps, None)


def _snapshot() -> dict[str, object]:
    return {
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "cases": sorted(Incident.objects.values_list("reference", "status")),
        "hashes": sorted(LogbookEntry.objects.values_list("entry_hash", flat=True)),
        "evidence": sorted(Evidence.objects.values_list("sha256", flat=True)),
    }


def test_backup_and_restore_round_trip_keeps_every_chain_and_hash(
    tmp_path: Path, capsys
) -> None:
    call_command("demo")
    before = _snapshot()
    evidence_count = Evidence.objects.count()
    archive = tmp_path / "meldpunt.backup"
    call_command("backup", str(archive))
    raw = archive.read_bytes()
    _empty_installation()

    call_command("restore", str(archive))

    assert _snapshot() == before
    assert all(verify_incident(incident) is None for incident in Incident.objects.all())
    for item in Evidence.objects.all():
        assert (
            hashlib.sha256(read_decrypted(item.stored_name)).hexdigest() == item.sha256
        )
    assert b"kandidatenlijst" not in raw
    assert b"ciso" not in raw
    assert (
        f"Restored and verified 4 cases and {evidence_count} evidence files."
        in capsys.readouterr().out
    )


def test_restore_refuses_a_non_empty_installation(tmp_path: Path, make_report) -> None:
    make_report()
    archive = tmp_path / "meldpunt.backup"
    create_backup(archive)

    with pytest.raises(CommandError, match="empty"):
        call_command("restore", str(archive))


def test_restore_refuses_a_tampered_archive_and_stores_nothing(
    tmp_path: Path, make_report
) -> None:
    make_report()
    archive = tmp_path / "meldpunt.backup"
    create_backup(archive)
    data = bytearray(archive.read_bytes())
    data[200] ^= 1
    archive.write_bytes(bytes(data))
    _empty_installation()

    with pytest.raises(ArchiveError):
        restore_backup(archive)

    assert not Incident.objects.exists()


def test_restore_that_fails_verification_leaves_nothing_behind(
    tmp_path: Path, make_report, monkeypatch
) -> None:
    from meldpunt.logbook.services import UploadedEvidence
    from meldpunt.maintenance import backup

    make_report(files=[UploadedEvidence("a.txt", b"inhoud")])
    archive = tmp_path / "meldpunt.backup"
    create_backup(archive)
    _empty_installation()
    files_before = set(storages["default"].listdir("")[1])
    monkeypatch.setattr(backup, "verify_incident", lambda incident: "broken")

    with pytest.raises(backup.RestoreError, match="does not verify"):
        restore_backup(archive)

    assert not Incident.objects.exists()
    assert set(storages["default"].listdir("")[1]) == files_before
