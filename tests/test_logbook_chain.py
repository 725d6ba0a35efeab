# SPDX-License-Identifier: EUPL-1.2
"""Tampering with the logbook in the database is found by `logbook verify`."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from meldpunt.core.chain import GENESIS, entry_hash, parse_anchors
from meldpunt.logbook.models import (
    AppendOnlyError,
    ChainHead,
    EntryKind,
    Evidence,
    LogbookEntry,
)
from meldpunt.logbook.services import UploadedEvidence, append_entry, entry_content
from meldpunt.logbook.storage import store_encrypted
from meldpunt.logbook.verification import check_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(make_report, ciso):
    incident = make_report(
        files=[UploadedEvidence("mail.eml", b"Subject: lijst\n\nBSN ...")]
    ).incident
    for number in range(2, 6):
        append_entry(
            incident=incident,
            actor=ciso,
            kind=EntryKind.NOTE,
            summary=f"Notitie {number}",
            text=f"Tekst {number}",
        )
    return incident


def _entry(incident, sequence: int) -> LogbookEntry:
    return LogbookEntry.objects.get(incident=incident, sequence=sequence)


def _break(incident) -> tuple[int, str] | None:
    problem = check_incident(incident).problem
    return (problem.sequence, problem.reason) if problem else None


def test_an_untouched_chain_verifies(incident) -> None:
    state = check_incident(incident)

    assert state.intact
    assert state.length == 5
    assert state.head_hash == _entry(incident, 5).entry_hash


def test_changed_text_is_found_at_that_entry(incident) -> None:
    LogbookEntry.objects.filter(pk=_entry(incident, 3).pk).update(text="Anders")

    assert _break(incident) == (3, "content_hash_mismatch")


def test_changed_time_is_found_at_that_entry(incident) -> None:
    entry = _entry(incident, 2)
    LogbookEntry.objects.filter(pk=entry.pk).update(
        occurred_at=entry.occurred_at - timedelta(hours=1)
    )

    assert _break(incident) == (2, "content_hash_mismatch")


def test_deleted_entry_is_found_where_it_is_missing(incident) -> None:
    LogbookEntry.objects.filter(pk=_entry(incident, 3).pk).delete()

    assert _break(incident) == (4, "sequence_gap")


def test_deleted_last_entry_is_found_through_the_head(incident) -> None:
    LogbookEntry.objects.filter(pk=_entry(incident, 5).pk).delete()

    assert _break(incident) == (4, "entries_missing_at_end")


def test_swapped_entries_are_found(incident) -> None:
    second, third = _entry(incident, 2), _entry(incident, 3)
    LogbookEntry.objects.filter(pk=second.pk).update(sequence=99)
    LogbookEntry.objects.filter(pk=third.pk).update(sequence=2)
    LogbookEntry.objects.filter(pk=second.pk).update(sequence=3)

    assert _break(incident) == (2, "previous_hash_mismatch")


def test_changed_evidence_file_is_found(incident) -> None:
    evidence = Evidence.objects.get(entry__incident=incident)
    forged = store_encrypted(b"Subject: iets anders\n", "mail.eml")
    storage = storages["default"]
    with storage.open(forged.stored_name, "rb") as handle:
        token = handle.read()
    storage.delete(evidence.stored_name)
    storage.save(evidence.stored_name, ContentFile(token))

    assert _break(incident) == (1, "evidence_changed")


def test_missing_evidence_file_is_found(incident) -> None:
    storages["default"].delete(Evidence.objects.get().stored_name)

    assert _break(incident) == (1, "evidence_missing")


def test_changed_evidence_hash_in_the_database_is_found(incident) -> None:
    Evidence.objects.update(sha256="0" * 64)

    assert _break(incident) == (1, "content_hash_mismatch")


def test_the_product_refuses_to_edit_or_delete_entries(incident) -> None:
    entry = _entry(incident, 2)
    entry.text = "Anders"

    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Evidence.objects.get().delete()
    assert check_incident(incident).intact


def test_verify_command_names_the_first_broken_entry_and_exits_non_zero(
    incident, make_report, capsys
) -> None:
    untouched = make_report().incident
    LogbookEntry.objects.filter(pk=_entry(incident, 4).pk).update(summary="Weg")

    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["meldpunt", "logbook", "verify"])

    output = capsys.readouterr()
    assert exit_info.value.code == 1
    assert f"{incident.reference}: BROKEN at entry #4" in output.out
    assert f"{untouched.reference}: ok (1 entries)" in output.out
    assert "1 problem(s)" in output.err


def test_verify_command_checks_one_case_and_passes(incident, capsys) -> None:
    call_command("logbook", "verify", incident.reference)

    assert capsys.readouterr().out.strip() == f"{incident.reference}: ok (5 entries)"


def test_verify_command_refuses_an_unknown_reference() -> None:
    with pytest.raises(CommandError, match="no case with reference MP-0"):
        call_command("logbook", "verify", "MP-0")


def _rewrite_from(incident, sequence: int, text: str) -> None:
    """What an attacker with database and code access can do: recompute it all."""
    previous = _entry(incident, sequence - 1).entry_hash if sequence > 1 else GENESIS
    for entry in LogbookEntry.objects.filter(
        incident=incident, sequence__gte=sequence
    ).order_by("sequence"):
        if entry.sequence == sequence:
            entry.text = text
        entry.previous_hash = previous
        entry.entry_hash = entry_hash(
            entry_content(entry, list(entry.evidence.all())), previous
        )
        LogbookEntry.objects.filter(pk=entry.pk).update(
            text=entry.text, previous_hash=previous, entry_hash=entry.entry_hash
        )
        previous = entry.entry_hash
    ChainHead.objects.filter(incident=incident).update(entry_hash=previous)


def test_a_full_rewrite_passes_verify_but_fails_against_kept_anchors(
    incident, tmp_path, capsys
) -> None:
    call_command("logbook", "anchor")
    anchor_file = tmp_path / "anchors.txt"
    anchor_file.write_text(capsys.readouterr().out)
    assert [a.reference for a in parse_anchors(anchor_file.read_text())] == [
        incident.reference
    ]

    _rewrite_from(incident, 2, "Herschreven")

    assert check_incident(incident).intact
    with pytest.raises(CommandError):
        call_command("logbook", "verify", "--anchors", str(anchor_file))
    assert f"{incident.reference}: ANCHOR #5 FAILS (anchor_mismatch" in (
        capsys.readouterr().out
    )


def test_anchors_still_hold_after_new_entries(incident, ciso, tmp_path, capsys) -> None:
    call_command("logbook", "anchor")
    anchor_file = tmp_path / "anchors.txt"
    anchor_file.write_text(capsys.readouterr().out)

    append_entry(incident=incident, actor=ciso, kind=EntryKind.NOTE, summary="Later")
    call_command("logbook", "verify", "--anchors", str(anchor_file))

    assert "Anchors checked: 1, failed: 0" in capsys.readouterr().out


def test_an_unreadable_anchor_file_is_refused_clearly(incident, tmp_path) -> None:
    anchor_file = tmp_path / "anchors.txt"
    anchor_file.write_text("MP-2026-0001 niet goed\n")

    with pytest.raises(CommandError, match="line 1 is not an anchor"):
        call_command("logbook", "verify", "--anchors", str(anchor_file))
