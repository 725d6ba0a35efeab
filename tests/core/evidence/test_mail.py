# SPDX-License-Identifier: EUPL-1.2
"""Mail headers and structures that trip other parsers."""

from meldpunt.core.evidence import parse_bytes


def _mail(headers: str, body: str = "Tekst\r\n") -> bytes:
    return (headers.replace("\n", "\r\n") + "\r\n" + body).encode("utf-8")


def test_raw_utf8_header_bytes_are_read_as_text() -> None:
    data = _mail(
        "From: Zoë Voorbeeld <z@example.org>\nSubject: Één melding\n"
        "Date: Tue, 05 Mar 2024 08:31:12 +0100\n"
    )

    message = parse_bytes(data, "mail.eml")["message"]

    assert message["from_name"] == "Zoë Voorbeeld"
    assert message["subject"] == "Één melding"


def test_encoded_words_splitting_a_character_are_joined_before_decoding() -> None:
    subject = "Subject: =?utf-8?b?Q2Fmw6k=?= =?utf-8?q?_=C3?= =?utf-8?q?=A9?=\n"
    data = _mail(
        "From: a@example.org\n" + subject + "Date: Tue, 05 Mar 2024 08:31:12 +0100\n"
    )

    assert parse_bytes(data, "mail.eml")["message"]["subject"] == "Café é"


def test_malformed_encoded_word_is_kept_literally() -> None:
    data = _mail("From: a@example.org\nSubject: =?utf-8?x?kapot?= rest\n")

    assert (
        parse_bytes(data, "mail.eml")["message"]["subject"] == "=?utf-8?x?kapot?= rest"
    )


def test_missing_date_without_received_is_reported() -> None:
    parsed = parse_bytes(_mail("From: a@example.org\nSubject: x\n"), "mail.eml")

    assert parsed["message"]["date"] is None
    assert parsed["message"]["date_source"] is None
    assert parsed["warnings"] == [
        "the mail has no Date header and no Received header with a date"
    ]


def test_rfc2231_continued_filename_is_joined() -> None:
    headers = (
        "From: a@example.org\nSubject: x\nDate: Tue, 05 Mar 2024 08:31:12 +0100\n"
        "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n"
    )
    body = (
        "--b\r\nContent-Type: text/plain\r\n\r\nzie bijlage\r\n"
        "--b\r\nContent-Type: application/pdf\r\n"
        "Content-Disposition: attachment;\r\n"
        " filename*0*=utf-8''Deelnemers%20lijst%20;\r\n"
        " filename*1*=%C3%A9n.pdf\r\nContent-Transfer-Encoding: base64\r\n"
        "\r\nJVBERg==\r\n--b--\r\n"
    )

    message = parse_bytes(_mail(headers, body), "mail.eml")["message"]

    assert message["body_plain"] == "zie bijlage"
    assert message["attachments"][0]["filename"] == "Deelnemers lijst én.pdf"
    assert message["attachments"][0]["size"] == 4


def test_truncated_multipart_is_imported_with_a_warning() -> None:
    headers = (
        "From: a@example.org\nSubject: x\nDate: Tue, 05 Mar 2024 08:31:12 +0100\n"
        "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n"
    )
    body = "--b\r\nContent-Type: text/plain\r\n\r\nhalve tek"

    parsed = parse_bytes(_mail(headers, body), "mail.eml")

    assert parsed["message"]["body_plain"] == "halve tek"
    assert any("damaged" in warning for warning in parsed["warnings"])
