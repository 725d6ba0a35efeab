# SPDX-License-Identifier: EUPL-1.2
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from meldpunt.core.evidence.output import ENTRY_KEYS, MESSAGE_KEYS, SOURCE_KEYS

TOP_KEYS = ["format", "kind", "source", "warnings", "entries", "message"]


def _parse(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    call_command("evidence", "parse", *args)
    return json.loads(capsys.readouterr().out)


def test_parse_prints_a_chat_in_exactly_the_documented_shape(
    capsys: pytest.CaptureFixture[str], shared_sample: Callable[[str], Path]
) -> None:
    path = shared_sample("wa_nl_android_24h.txt")

    printed = _parse(capsys, str(path))

    assert list(printed) == TOP_KEYS
    assert printed["format"] == "meldpunt.evidence/1"
    assert list(printed["source"]) == list(SOURCE_KEYS)
    assert printed["source"]["filename"] == "wa_nl_android_24h.txt"
    assert printed["message"] is None
    assert len(printed["entries"]) == 8
    assert all(list(entry) == list(ENTRY_KEYS) for entry in printed["entries"])
    assert printed["entries"][4]["author"] == "Pieter Testbeeld"


def test_parse_prints_a_mail_with_nested_messages_in_the_documented_shape(
    capsys: pytest.CaptureFixture[str], shared_sample: Callable[[str], Path]
) -> None:
    path = shared_sample("eml_forwarded_rfc822_with_attachment.eml")

    printed = _parse(capsys, str(path))

    message = printed["message"]
    assert printed["kind"] == "email"
    assert printed["entries"] == []
    assert list(message) == list(MESSAGE_KEYS)
    inner = [item["message"] for item in message["attachments"] if item["message"]]
    assert len(inner) == 1
    assert list(inner[0]) == list(MESSAGE_KEYS)


def test_parse_follows_the_given_date_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("03/05/2024, 09:12 - Sanne: Hallo\n", encoding="utf-8")

    printed = _parse(capsys, str(path), "--date-order", "MDY")

    assert printed["entries"][0]["timestamp"] == "2024-03-05T09:12:00"
    assert printed["source"]["date_order"] == "MDY"


def test_parse_refuses_an_unreadable_file_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x00\x01\x02binary" * 100)

    with pytest.raises(CommandError, match="binary data"):
        call_command("evidence", "parse", str(path))


def test_parse_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("evidence", "parse", str(tmp_path / "absent.txt"))


def test_parse_says_a_folder_or_a_device_is_not_an_evidence_file(
    tmp_path: Path,
) -> None:
    with pytest.raises(CommandError, match="is a folder; give one evidence file"):
        call_command("evidence", "parse", str(tmp_path))
    with pytest.raises(CommandError, match="not a regular file; use - to read"):
        call_command("evidence", "parse", os.devnull)


def test_parse_reads_standard_input_given_as_a_dash(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "meldpunt.cli", "evidence", "parse", "-"],
        input=b"15/03/2024, 09:12 - Sanne: Hallo\n",
        env={**os.environ, "MELDPUNT_DATA_DIR": str(tmp_path)},
        capture_output=True,
        timeout=60,
        check=True,
    )

    printed = json.loads(result.stdout)
    assert printed["source"]["filename"] == "stdin"
    assert printed["entries"][0]["text"] == "Hallo"


def test_command_line_prints_the_error_on_stderr_and_exits_non_zero(
    tmp_path: Path,
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")

    result = subprocess.run(
        [sys.executable, "-m", "meldpunt.cli", "evidence", "parse", str(path)],
        env={**os.environ, "MELDPUNT_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert result.stdout == ""
    assert "the file is empty" in result.stderr


def test_parse_prints_the_english_warnings_whatever_language_is_active(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(
        b"Chat met iemand\n15-03-2024 09:12 - Sanne: Eerste\n"
        b"15-03-2024 25:13 - Piet: geplakt\n"
    )

    with translation.override("nl"):
        printed = _parse(capsys, str(path))
        with pytest.raises(CommandError) as refused:
            call_command("evidence", "parse", str(path), "--date-order", "MDY")

    assert printed["warnings"] == [
        "line 1 before the first message could not be placed; not imported",
        "line 3 looks like a message header but its date or time does not exist; "
        "it is kept as text of the message that starts on line 2",
    ]
    assert str(refused.value) == (
        "line 2: 15/03/2024 is not a valid date in the requested order MDY; "
        "line 2 shows the order is DMY"
    )


def test_parse_prints_signal_quotes_reactions_and_offsets_where_there_are_any(
    capsys: pytest.CaptureFixture[str], shared_sample: Callable[[str], Path]
) -> None:
    printed = _parse(capsys, str(shared_sample("sigtop_text.txt")))

    reply = printed["entries"][1]
    assert list(reply)[: len(ENTRY_KEYS)] == list(ENTRY_KEYS)
    assert reply["quote"] == "Heb jij de lijst al gezien?"
    assert reply["reactions"] == [["You", "👍"]]
    assert reply["timestamp_with_offset"] == "2024-03-05T14:04:37+01:00"
    assert "quote" not in printed["entries"][0]
    assert "reactions" not in printed["entries"][0]
