# SPDX-License-Identifier: EUPL-1.2
"""The WhatsApp parser reads the whole file the same way, however it is read."""

import pytest

from meldpunt.core.evidence import parse_bytes
from meldpunt.core.evidence import whatsapp_phrases as phrases
from meldpunt.core.evidence.model import new_entry


def _android(day: int, minute: int, text: str) -> str:
    return f"{day:02d}/03/2024, 09:{minute:02d} - Sanne: {text}\n"


def _ios(day: int, minute: int, text: str) -> str:
    return f"[{day:02d}/03/2024, 09:{minute:02d}:00] Piet: {text}\n"


def test_message_entry_has_the_keys_of_every_chat_entry_in_order() -> None:
    entry = parse_bytes(_android(5, 1, "hoi").encode(), "chat.txt")["entries"][0]

    assert list(entry) == list(new_entry(timestamp="", author=None, text=""))


def test_layout_of_most_headers_wins_even_when_the_start_has_another() -> None:
    start = "".join(_ios(5, minute % 60, "oud formaat") for minute in range(400))
    rest = "".join(_android(6, minute % 60, "nieuw") for minute in range(500))

    parsed = parse_bytes((start + rest).encode(), "chat.txt")

    assert parsed["source"]["platform"] == "android"
    assert len(parsed["entries"]) == 500
    assert parsed["entries"][0]["text"] == "nieuw"
    refused = [warning for warning in parsed["warnings"] if "layout differs" in warning]
    assert len(refused) == 400
    assert refused[0].startswith("line 1 looks like a message header")


def test_date_late_in_the_file_decides_the_order_of_all_dates() -> None:
    early = "".join(
        f"3/4/24, 9:{minute % 60:02d} - Ana: vroeg\n" for minute in range(400)
    )
    proof = "25/4/24, 10:00 - Ana: bewijs\n"

    parsed = parse_bytes((early + proof).encode(), "chat.txt")

    assert parsed["source"]["date_order"] == "DMY"
    assert parsed["source"]["ambiguous_dates"] is False
    assert parsed["entries"][0]["timestamp"] == "2024-04-03T09:00:00"


def test_line_ends_marks_and_blanks_are_cleaned_per_line() -> None:
    data = (
        "05/03/2024, 09:01 - Sanne: eerste \u200e\r\n"
        "tweede\u200f  \r\n"
        "\r\n"
        "05/03/2024, 09:02 - Piet: los\t\r\n"
    ).encode()

    entries = parse_bytes(data, "chat.txt")["entries"]

    assert [entry["text"] for entry in entries] == ["eerste\ntweede", "los"]


def _spellings(phrase: str) -> list[str]:
    return [phrase, phrase.upper(), phrase.title(), phrase + "."]


def test_every_placeholder_and_deletion_phrase_is_recognised_in_any_case() -> None:
    # A one-line message skips the phrase checks unless its ending allows one;
    # this holds every phrase the checks know against that shortcut.
    media = sorted(phrases.MEDIA_OMITTED) + [
        f"{noun} {verb}"
        for noun in ("image", "afbeelding", "documento")
        for verb in phrases._MEDIA_LAST_WORDS
    ]
    cases = [(text, "media_omitted") for phrase in media for text in _spellings(phrase)]
    cases += [
        (text, "deleted")
        for phrase in sorted(phrases.DELETED)
        for text in _spellings(phrase)
    ]
    data = "".join(_android(5, 0, text) for text, _ in cases).encode()

    entries = parse_bytes(data, "chat.txt")["entries"]

    assert len(entries) == len(cases)
    for (text, flag), entry in zip(cases, entries, strict=True):
        expected = phrases.is_media_omitted(text) or phrases.is_deleted(text)
        assert entry[flag] is expected, text
    assert all(entry["media_omitted"] for entry in entries[:4])  # "<media omitted>"
    assert sum(entry["deleted"] for entry in entries) == 4 * len(phrases.DELETED)


def test_plain_messages_that_only_end_like_a_phrase_stay_plain() -> None:
    texts = [
        "ik heb het weggelaten",
        "wie heeft dat gedeleted",
        "zie bijlage)",
        "a > b",
    ]
    data = "".join(_android(5, 0, text) for text in texts).encode()

    entries = parse_bytes(data, "chat.txt")["entries"]

    assert [entry["text"] for entry in entries] == texts
    flags = ("edited", "deleted", "media_omitted")
    assert not any(entry[flag] for entry in entries for flag in flags)
    assert all(entry["attachment"] is None for entry in entries)


def test_french_exports_join_date_and_time_with_a_and_write_the_day_first() -> None:
    data = (
        "05/03/2024 à 09:12 - Les messages envoyés dans cette discussion sont "
        "protégés avec le chiffrement de bout en bout.\n"
        "05/03/2024 à 09:13 - Marie: Salut :)\n"
        "[05/03/2024 à 09:14:10] Paul: collé d'une autre discussion\n"
    ).encode()

    parsed = parse_bytes(data, "Discussion WhatsApp avec Marie.txt")

    assert parsed["source"]["date_order"] == "DMY"
    assert parsed["source"]["ambiguous_dates"] is True
    assert "'à' are day-first" in parsed["warnings"][0]
    assert [(e["type"], e["timestamp"], e["author"]) for e in parsed["entries"]] == [
        ("system", "2024-03-05T09:12:00", None),
        ("message", "2024-03-05T09:13:00", "Marie"),
    ]
    assert parsed["entries"][1]["text"].endswith("collé d'une autre discussion")


def test_finnish_exports_write_klo_before_a_dotted_time() -> None:
    data = b"5.3.2024 klo 9.12 - Aino: Hei\n5.3.2024 klo 21.05 - Eero: Moi\n"

    parsed = parse_bytes(data, "chat.txt")

    assert [(e["timestamp"], e["author"]) for e in parsed["entries"]] == [
        ("2024-03-05T09:12:00", "Aino"),
        ("2024-03-05T21:05:00", "Eero"),
    ]


def test_old_ios_exports_close_the_header_with_a_colon() -> None:
    data = (
        b"3/24/14, 1:59:59 PM: Sanne de Vries: Is de lijst verstuurd?\n"
        b"3/24/14, 2:00:41 PM: Piet: Ja: om 13:58, naar het verkeerde adres\n"
        b"nog een regel\n"
    )

    parsed = parse_bytes(data, "chat.txt")

    assert parsed["source"]["platform"] == "ios"
    assert parsed["source"]["date_order"] == "MDY"
    assert [(e["timestamp"], e["author"], e["text"]) for e in parsed["entries"]] == [
        ("2014-03-24T13:59:59", "Sanne de Vries", "Is de lijst verstuurd?"),
        (
            "2014-03-24T14:00:41",
            "Piet",
            "Ja: om 13:58, naar het verkeerde adres\nnog een regel",
        ),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # Hungarian: year first, a full stop and a space between the parts.
        [
            "2024. 03. 05. 9:12 - Kovács Anna: Szia",
            "2024. 03. 05. 13:40 - Nagy Péter: Ok",
        ],
        # Chinese: a one-digit day after the year, the marker before the time.
        ["2024/3/5 上午9:12 - 王芳: 你好", "2024/3/5 下午1:40 - 李伟: 收到"],
        # Korean: both, and a space after the marker.
        ["2024. 3. 5. 오전 9:12 - 김민수: 안녕", "2024. 3. 5. 오후 1:40 - 이지은: 네"],
        [
            "[2024. 3. 5. 오전 9:12:00] 김민수: 안녕",
            "[2024. 3. 5. 오후 1:40:00] 이지은: 네",
        ],
    ],
)
def test_year_first_exports_with_spaced_dates_and_leading_markers(
    lines: list[str],
) -> None:
    data = "\n".join([*lines, "tweede regel\n"])

    parsed = parse_bytes(data.encode(), "chat.txt")

    assert parsed["source"]["date_order"] == "YMD"
    assert parsed["warnings"] == []
    assert [e["timestamp"] for e in parsed["entries"]] == [
        "2024-03-05T09:12:00",
        "2024-03-05T13:40:00",
    ]
    assert parsed["entries"][1]["text"].endswith("\ntweede regel")


def test_edit_markers_are_recognised_with_or_without_a_full_stop() -> None:
    texts = ["hola <Se editó este mensaje.>", "hola <Se editó este mensaje>"]
    data = "".join(_android(5, minute, text) for minute, text in enumerate(texts))

    entries = parse_bytes(data.encode(), "chat.txt")["entries"]

    assert [(entry["text"], entry["edited"]) for entry in entries] == [
        ("hola", True),
        ("hola", True),
    ]


def test_spanish_clock_markers_may_hold_a_narrow_no_break_space() -> None:
    data = (
        "5/3/24, 9:12\u202fa.\u202fm. - Ana: Hola\n"
        "5/3/24, 1:12\u202fp.\u202fm. - Luis: Buenas\n"
    )

    entries = parse_bytes(data.encode(), "chat.txt")["entries"]

    assert [entry["timestamp"] for entry in entries] == [
        "2024-03-05T09:12:00",
        "2024-03-05T13:12:00",
    ]


def test_notices_about_the_exporting_person_are_system_lines_in_every_language() -> (
    None
):
    notices = [
        'You changed the subject from "Oud" to "Lek: 2024"',
        'Je hebt de groepsnaam gewijzigd naar "Lek: 2024"',
        'U hebt groep "Lek: 2024" aangemaakt',
        "Du hast den Gruppennamen zu „Leck: 2024“ geändert",
        "Vous avez modifié le sujet en « Fuite : 2024 »",
        'Cambiaste el asunto a "Fuga: 2024"',
        "Hai cambiato l'oggetto in «Falla: 2024»",
    ]
    data = "".join(
        f"05/03/2024, 09:{minute:02d} - {text}\n" for minute, text in enumerate(notices)
    )
    data += "05/03/2024, 09:30 - Hebt u de lijst: nog niet\n"

    entries = parse_bytes(data.encode(), "chat.txt")["entries"]

    assert [entry["type"] for entry in entries] == ["system"] * 7 + ["message"]
    assert all(entry["author"] is None for entry in entries[:7])
    assert entries[7]["author"] == "Hebt u de lijst"  # a sender, whatever the name
