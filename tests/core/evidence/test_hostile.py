# SPDX-License-Identifier: EUPL-1.2
"""Files that must be refused with a clear error, or imported with warnings."""

import importlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from meldpunt.core.evidence import ArchiveLimits, EvidenceError, parse_bytes, parse_path

CHAT = (
    b"05-03-2024 09:12 - Sanne: Goedemorgen\n"
    b"05-03-2024 09:13 - Piet: IMG-0001.jpg (bestand bijgevoegd)\n"
    b"Foto van het scherm\n"
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_export_links_attachments_and_reports_missing_and_unused() -> None:
    data = _zip({"_chat.txt": CHAT, "extra.pdf": b"%PDF"})

    parsed = parse_bytes(data, "chat.zip")

    assert parsed["entries"][1]["attachment"] == "IMG-0001.jpg"
    assert parsed["entries"][1]["attachment_in_archive"] is False
    assert parsed["entries"][1]["caption"] == "Foto van het scherm"
    assert any("IMG-0001.jpg" in warning for warning in parsed["warnings"])
    assert any("extra.pdf" in warning for warning in parsed["warnings"])


def test_truncated_zip_is_refused_as_damaged() -> None:
    data = _zip({"_chat.txt": CHAT * 50, "IMG-0001.jpg": bytes(range(256)) * 40})

    with pytest.raises(EvidenceError, match="damaged or truncated"):
        parse_bytes(data[: len(data) // 2], "chat.zip")


def test_zip_bomb_is_refused_by_ratio() -> None:
    data = _zip({"_chat.txt": CHAT, "bomb.bin": bytes(20 * 1024 * 1024)})

    with pytest.raises(EvidenceError, match="ZIP bomb"):
        parse_bytes(data, "chat.zip")


def test_zip_bomb_is_refused_by_total_size() -> None:
    data = _zip({"_chat.txt": CHAT, "a.bin": b"x" * 5000})

    with pytest.raises(
        EvidenceError, match=r"unpacks to 5\.0 KB, more than the limit of 3\.9 KB"
    ):
        parse_bytes(data, "chat.zip", archive_limits=ArchiveLimits(max_total_size=4000))


def test_chat_member_larger_than_declared_limit_is_refused() -> None:
    data = _zip({"_chat.txt": CHAT * 100})

    with pytest.raises(EvidenceError, match="larger than 1000 bytes"):
        parse_bytes(data, "c.zip", archive_limits=ArchiveLimits(max_text_member=1000))


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/passwd", "a/../../b.jpg", "C:\\x.jpg"]
)
def test_zip_member_escaping_the_archive_is_refused(name: str) -> None:
    data = _zip({"_chat.txt": CHAT, name: b"x"})

    with pytest.raises(EvidenceError, match="path traversal"):
        parse_bytes(data, "chat.zip")


def test_zip_with_too_many_members_is_refused() -> None:
    data = _zip({"_chat.txt": CHAT, **{f"f{n}.jpg": b"x" for n in range(5)}})

    with pytest.raises(EvidenceError, match="holds 6 files, more than the limit of 3"):
        parse_bytes(data, "chat.zip", archive_limits=ArchiveLimits(max_members=3))


def test_zip_without_chat_text_is_refused() -> None:
    with pytest.raises(EvidenceError, match=r"no chat text \(.txt\)"):
        parse_bytes(_zip({"photo.jpg": b"x"}), "chat.zip")


def test_binary_file_named_txt_is_refused() -> None:
    with pytest.raises(EvidenceError, match="binary data"):
        parse_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), "chat.txt")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "chat.txt"
    empty.write_bytes(b"")

    with pytest.raises(EvidenceError, match="chat.txt: the file is empty"):
        parse_path(empty)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "chat.txt"
    big.write_bytes(CHAT)

    with pytest.raises(EvidenceError, match="more than the limit of 10 bytes"):
        parse_path(big, max_size=10)


def test_text_that_is_no_export_names_the_line_and_expectation() -> None:
    with pytest.raises(EvidenceError, match="line 1: not a recognised export"):
        parse_bytes(b"Dear diary,\ntoday nothing happened.\n", "notes.txt")


def test_lines_before_the_first_message_are_reported_not_dropped() -> None:
    data = b"Chat export\n" + CHAT

    parsed = parse_bytes(data, "chat.txt")

    assert (
        "line 1 before the first message could not be placed; not imported"
        in (parsed["warnings"])
    )
    assert len(parsed["entries"]) == 2


def test_pasted_header_dated_earlier_stays_in_the_message_with_a_warning() -> None:
    data = (
        b"05-03-2024 09:12 - Sanne: Zie het bericht van gisteren:\n"
        b"04-03-2024 16:40 - Piet: de lijst is verstuurd\n"
        b"05-03-2024 09:14 - Piet: Klopt\n"
    )

    parsed = parse_bytes(data, "chat.txt")

    assert len(parsed["entries"]) == 2
    assert parsed["entries"][0]["text"].endswith(
        "\n04-03-2024 16:40 - Piet: de lijst is verstuurd"
    )
    assert any(
        warning.startswith("line 2 looks like a message header")
        for warning in parsed["warnings"]
    )


def test_explicit_date_order_decides_an_ambiguous_file() -> None:
    data = b"3/4/24, 9:02 - Dana: one\n3/5/24, 9:03 - Dana: two\n"

    day_first = parse_bytes(data, "chat.txt", date_order="DMY")
    month_first = parse_bytes(data, "chat.txt", date_order="mdy")

    assert day_first["entries"][0]["timestamp"] == "2024-04-03T09:02:00"
    assert month_first["entries"][0]["timestamp"] == "2024-03-04T09:02:00"
    assert day_first["source"]["ambiguous_dates"] is True


def test_date_order_contradicted_by_a_date_is_refused() -> None:
    data = b"23/06/2023, 9:00 pm - Robin: late\n"

    with pytest.raises(
        EvidenceError,
        match="line 1: 23/06/2023 is not a valid date in the requested order MDY",
    ):
        parse_bytes(data, "chat.txt", date_order="MDY")


def test_unknown_date_order_is_refused() -> None:
    with pytest.raises(EvidenceError, match="not one of DMY, MDY, YMD"):
        parse_bytes(CHAT, "chat.txt", date_order="DDMM")


def test_dates_in_sequence_decide_an_order_no_single_date_proves() -> None:
    data = b"1/3/24, 9:00 - A: x\n2/2/24, 9:00 - A: y\n"

    parsed = parse_bytes(data, "chat.txt")

    assert parsed["source"]["date_order"] == "MDY"
    assert parsed["source"]["ambiguous_dates"] is True
    assert "read as month-day-year (MDY)" in parsed["warnings"][0]


def test_bom_crlf_and_year_first_ios_layout_are_read() -> None:
    data = "\ufeff[2024/03/05 21:56:03] ~\u202fRiley: hoi\r\nnog iets\r\n".encode()

    parsed = parse_bytes(data, "chat.txt")

    entry = parsed["entries"][0]
    assert (entry["author"], entry["text"]) == ("Riley", "hoi\nnog iets")
    assert parsed["source"]["date_order"] == "YMD"
    assert parsed["source"]["platform"] == "ios"


def test_spanish_twelve_hour_markers_are_read() -> None:
    data = "5/3/24, 9:02\u00a0p.\u00a0m. - Ana: <Multimedia omitido>\n".encode()

    entry = parse_bytes(data, "chat.txt")["entries"][0]

    assert entry["timestamp"] == "2024-03-05T21:02:00"
    assert entry["media_omitted"] is True


def test_missing_extract_msg_names_the_extra_to_install(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.import_module

    def without_extract_msg(name: str, *args: Any) -> Any:
        if name == "extract_msg":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_extract_msg)

    with pytest.raises(EvidenceError, match=r"pip install meldpunt\[outlook\]"):
        parse_path(sample_dir / "msg_unicode_with_attachment.msg")


def test_damaged_outlook_file_is_refused() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)

    with pytest.raises(EvidenceError, match="part 1: expected an Outlook message"):
        parse_bytes(data, "mail.msg")
