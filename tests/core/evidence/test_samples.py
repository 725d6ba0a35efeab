# SPDX-License-Identifier: EUPL-1.2
"""Every shared sample parses to what EXPECTED.yaml says."""

from pathlib import Path
from typing import Any

import pytest

from meldpunt.core.evidence import parse_path

from .conftest import load_expected

EXPECTED = load_expected()
SAMPLES = sorted(EXPECTED)
MAIL_KINDS = ("eml", "outlook-msg")
# A chat sample lists its entries; a mail sample describes its message.
CHAT_SAMPLES = [name for name in SAMPLES if "messages_total" in EXPECTED[name]]
MAIL_SAMPLES = [name for name in SAMPLES if EXPECTED[name]["kind"] in MAIL_KINDS]
KINDS = {
    "whatsapp-txt": "whatsapp",
    "whatsapp-zip": "whatsapp",
    "signal-export-markdown": "signal",
    "sigtop-text": "signal",
    "eml": "email",
    "outlook-msg": "outlook-msg",
}
FLAGS = ("edited", "deleted", "media_omitted")
ENTRY_KEYS = {
    "index",
    "type",
    "timestamp",
    "author",
    "text",
    "edited",
    "deleted",
    "media_omitted",
    "attachment",
    "attachment_in_archive",
    "caption",
}


def test_every_sample_is_there_and_is_checked(sample_dir: Path) -> None:
    assert len(SAMPLES) >= 16
    assert all((sample_dir / name).is_file() for name in SAMPLES)
    assert set(CHAT_SAMPLES) | set(MAIL_SAMPLES) == set(SAMPLES)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_parses_to_expected_kind_and_source(sample_dir: Path, name: str) -> None:
    expected = EXPECTED[name]
    parsed = parse_path(sample_dir / name)

    assert parsed["format"] == "meldpunt.evidence/1"
    assert parsed["kind"] == KINDS[expected["kind"]]
    source = parsed["source"]
    assert source["filename"] == name
    assert source["size"] == (sample_dir / name).stat().st_size
    for key in ("platform", "date_order"):
        if key in expected:
            assert source[key] == expected[key]
    if "encoding" in expected and expected["kind"] not in MAIL_KINDS:
        assert source["encoding"] == expected["encoding"]
    if "members" in expected:
        assert source["members"] == expected["members"]


@pytest.mark.parametrize("name", CHAT_SAMPLES)
def test_sample_entries_match_expected(sample_dir: Path, name: str) -> None:
    expected = EXPECTED[name]
    entries = parse_path(sample_dir / name)["entries"]

    assert len(entries) == expected["messages_total"]
    assert [entry["index"] for entry in entries] == list(range(len(entries)))
    assert all(entry.keys() >= ENTRY_KEYS for entry in entries)
    _check_counts(entries, expected)
    for check in expected.get("checks", []):
        _check_entry(entries[check["index"]], check)


def _check_counts(entries: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    messages = [entry for entry in entries if entry["type"] == "message"]
    if "user_messages" in expected:
        assert len(messages) == expected["user_messages"]
        assert len(entries) - len(messages) == expected["system_messages"]
    if "participants" in expected:
        assert {entry["author"] for entry in messages} == set(expected["participants"])


def _check_entry(entry: dict[str, Any], check: dict[str, Any]) -> None:
    renamed = {"attachment_in_zip": "attachment_in_archive"}
    for key, value in check.items():
        assert entry[renamed.get(key, key)] == value, (key, entry)
    for flag in FLAGS:
        assert entry[flag] is check.get(flag, False), (flag, entry)
    if "attachment" not in check:
        assert entry["attachment"] is None


@pytest.mark.parametrize("name", MAIL_SAMPLES)
def test_sample_mail_matches_expected(sample_dir: Path, name: str) -> None:
    expected = EXPECTED[name]
    message = parse_path(sample_dir / name)["message"]

    _check_mail(message, expected)


def _check_mail(message: dict[str, Any], expected: dict[str, Any]) -> None:
    simple = {
        "subject": "subject",
        "from_name": "from_name",
        "from_addr": "from_address",
        "date": "date",
        "message_class": "message_class",
        "body": "body_plain",
        "logbook_timestamp": "logbook_timestamp",
        "logbook_timestamp_source": "date_source",
    }
    for key, field in simple.items():
        if key in expected:
            assert message[field] == expected[key], key
    if "to" in expected:
        assert expected["to"] in message["to"]
    if "body_starts_with" in expected:
        assert message["body_plain"].startswith(expected["body_starts_with"])
    if "attachments_count" in expected:
        assert len(message["attachments"]) == expected["attachments_count"]
    if "attachments" in expected:
        _check_attachments(message["attachments"], expected["attachments"])
    for forwarded in expected.get("forwarded", []):
        inner = [item["message"] for item in message["attachments"] if item["message"]]
        assert len(inner) == 1
        _check_mail(inner[0], forwarded)


def _check_attachments(
    found: list[dict[str, Any]], wanted: list[dict[str, Any]]
) -> None:
    assert len(found) == len(wanted)
    for attachment, expected in zip(found, wanted, strict=True):
        assert attachment["filename"] == expected["filename"]
        assert len(attachment["sha256"]) == 64
        if "content_type" in expected:
            assert attachment["content_type"] == expected["content_type"]
        if "size" in expected:
            assert attachment["size"] == expected["size"]
        if "embedded_message" in expected:
            _check_mail(attachment["message"], expected["embedded_message"])
        elif expected.get("content_type") != "message/rfc822":
            assert attachment["message"] is None
