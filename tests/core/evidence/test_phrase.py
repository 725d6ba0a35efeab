# SPDX-License-Identifier: EUPL-1.2
"""Warnings and refusals stay exact English, and keep what a translation needs."""

import copy
import io
import json
import zipfile

import pytest

from meldpunt.core.evidence import (
    EvidenceError,
    Phrase,
    parse_bytes,
    render_data,
    to_json,
)
from meldpunt.core.evidence.phrase import gettext_noop

# A stand-in catalogue: what gettext would return for each template.
CATALOGUE = {
    "line %(line)s looks like a message header but %(why)s; it is not imported": (
        "regel %(line)s lijkt op een berichtkop, maar %(why)s; niet geïmporteerd"
    ),
    "its date or time does not exist": "de datum of tijd bestaat niet",
    "%(where)s, part %(number)s": "%(where)s, deel %(number)s",
    "the mail": "de mail",
}


def _dutch(template: str) -> str:
    return CATALOGUE.get(template, template)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# Each case and the exact English the parsers gave before warnings kept their
# templates: the meldpunt.evidence/1 output must not change by a character.
WARNINGS = {
    "refused headers": (
        b"15-03-2024 09:12 - Sanne: Eerste\n"
        b"31-02-2024 09:13 - X: bad\n"
        b"15-03-2024 07:00 - Y: back\n"
        b"[15-03-2024, 09:14:00] Z: other\n",
        "chat.txt",
        [
            "line 2 looks like a message header but its date or time does not "
            "exist; it is kept as text of the message that starts on line 1",
            "line 3 looks like a message header but it is dated more than an hour "
            "before the message above; it is kept as text of the message that "
            "starts on line 1",
            "line 4 looks like a message header but its layout differs from the "
            "rest of the file; it is kept as text of the message that starts on "
            "line 1",
        ],
    ),
    "text before the first message": (
        b"Chat\nmet iemand\n15-03-2024 09:12 - Sanne: Eerste\n",
        "chat.txt",
        ["lines 1-2 before the first message could not be placed; not imported"],
    ),
    "windows-1252 and an ambiguous date order": (
        b"05/03/2024, 09:12 - A: caf\xe9\n06/03/2024, 09:13 - B: x\n",
        "chat.txt",
        [
            "line 1 is not valid UTF-8: the file was read as windows-1252 "
            "(a re-saved export); check special characters",
            "no date in the file proves whether the day or the month comes first; "
            "read as day-month-year (DMY) because English outside the US writes "
            "the day first; "
            "give the date order explicitly if that is wrong",
        ],
    ),
    "ISO-8859-1": (
        b"15-03-2024 09:12 - A: caf\x81\n",
        "chat.txt",
        [
            "line 1 is not valid UTF-8: the file was read as ISO-8859-1 "
            "(a re-saved export); check special characters"
        ],
    ),
    "archive members": (
        _zip(
            {
                "_chat.txt": b"15-03-2024 09:13 - Piet: IMG-1.jpg (bestand "
                b"bijgevoegd)\n",
                "extra.pdf": b"%PDF",
                "b.pdf": b"x",
            }
        ),
        "chat.zip",
        [
            "entry 2024-03-15T09:13:00 refers to 'IMG-1.jpg', which is not in the "
            "archive",
            "2 file(s) in the archive belong to no message: extra.pdf, b.pdf",
        ],
    ),
    "signal JSON Lines": (
        b'{"date": "2024-03-05T10:00:00", "sender": "A", "body": "x", '
        b'"attachments": [{"path": "./a.jpg"}, {"path": "./b.jpg"}]}\n'
        b"not json\n"
        b'{"date": "x", "sender": "A", "body": "y"}\n'
        b'{"a": 1}\n',
        "signal.jsonl",
        [
            "line 2 is not valid JSON; not imported",
            "line 3 has a date that is not ISO 8601 ('x'); not imported",
            "line 4 is not a message object with 'date', 'sender' and 'body'; "
            "not imported",
            "entry 1 has 2 attachments; besides 'a.jpg' it also has: b.jpg",
        ],
    ),
    "mail parts": (
        b"From: a@b.c\r\nDate: Tue, 05 Mar 2024 10:00:00 +0100\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain; charset=bogus-cs\r\n\r\n\xff body\r\n"
        b"--XX\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: c@d.e\r\nSubject: inner\r\n\r\nhi\r\n--XX--\r\n",
        "mail.eml",
        [
            "the mail, part 1.1: the text is not valid bogus-cs; it was read as "
            "windows-1252",
            "the mail, attached message in part 1.2 has no Date header and no "
            "Received header with a date",
        ],
    ),
}

REFUSALS = {
    "empty": (b"", "chat.txt", {}, "chat.txt: the file is empty"),
    "two chats in a ZIP": (
        _zip({"a.txt": b"x", "b.txt": b"y"}),
        "chat.zip",
        {},
        "chat.zip: the ZIP archive holds 2 chat text files (a.txt, b.txt); "
        "expected exactly one",
    ),
    "contradicted order": (
        b"15/03/2024, 09:12 - A: a\n",
        "chat.txt",
        {"date_order": "MDY"},
        "line 1: 15/03/2024 is not a valid date in the requested order MDY; "
        "line 1 shows the order is DMY",
    ),
    "unknown order": (
        b"15-03-2024 09:12 - A: a\n",
        "chat.txt",
        {"date_order": "XYZ"},
        "date order 'XYZ' is not one of DMY, MDY, YMD",
    ),
}


@pytest.mark.parametrize("case", sorted(WARNINGS))
def test_warnings_are_the_same_english_in_the_documented_output(case: str) -> None:
    data, name, expected = WARNINGS[case]

    parsed = parse_bytes(data, name)

    assert parsed["warnings"] == expected
    assert json.loads(to_json(parsed))["warnings"] == expected
    assert all(isinstance(warning, Phrase) for warning in parsed["warnings"])


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusals_are_the_same_english_and_keep_their_phrase(case: str) -> None:
    data, name, options, expected = REFUSALS[case]

    with pytest.raises(EvidenceError) as caught:
        parse_bytes(data, name, **options)

    assert str(caught.value) == expected
    assert caught.value.phrase == expected
    assert caught.value.phrase.template != expected


def test_a_phrase_inside_a_sentence_is_translated_with_it() -> None:
    data = b"31-02-2024 09:13 - X: bad\n15-03-2024 09:12 - Sanne: Eerste\n"

    warning = parse_bytes(data, "chat.txt")["warnings"][0]

    assert warning == (
        "line 1 looks like a message header but its date or time does not exist; "
        "it is not imported"
    )
    assert warning.render(_dutch) == (
        "regel 1 lijkt op een berichtkop, maar de datum of tijd bestaat niet; "
        "niet geïmporteerd"
    )


def test_stored_form_renders_like_the_phrase_and_plain_text_as_it_is() -> None:
    where = Phrase(
        gettext_noop("%(where)s, part %(number)s"),
        where=Phrase(gettext_noop("the mail")),
        number="1.2",
    )
    stored = json.loads(json.dumps(where.as_data()))

    assert render_data(stored, _dutch) == "de mail, deel 1.2"
    assert render_data(stored, str) == "the mail, part 1.2"
    assert render_data("line 1 as stored before", _dutch) == "line 1 as stored before"


def test_damaged_stored_form_falls_back_to_its_english_text() -> None:
    stored = {"text": "the mail, part 1", "template": "%(where)s", "params": []}

    assert render_data(stored, _dutch) == "the mail, part 1"


def test_a_translation_with_other_placeholders_gives_the_english_not_an_error() -> None:
    phrase = Phrase(gettext_noop("%(file)s: the file is empty"), file="a.txt")

    assert phrase.render(lambda template: "%(bestand)s: leeg") == (
        "a.txt: the file is empty"
    )


def test_copies_keep_the_template_even_with_a_percent_sign_in_a_value() -> None:
    phrase = Phrase(gettext_noop("%(file)s: the file is empty"), file="100%.txt")

    for copied in (copy.copy(phrase), copy.deepcopy(phrase)):
        assert copied == "100%.txt: the file is empty"
        assert copied.template == phrase.template
        assert copied.params == {"file": "100%.txt"}


def test_sizes_in_refusals_read_as_people_write_them() -> None:
    from meldpunt.core.evidence.phrase import size_text

    assert [size_text(n) for n in (0, 1023, 1024, 1536 * 1024, 3 * 1024**3)] == [
        "0 bytes",
        "1023 bytes",
        "1.0 KB",
        "1.5 MB",
        "3.0 GB",
    ]
