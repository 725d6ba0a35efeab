# SPDX-License-Identifier: EUPL-1.2
"""An anonymous report stays anonymous: in the database, the logs and the mail."""

import logging
import re
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.logbook.verification import verify_incident
from meldpunt.reports.models import Report, ReporterMessage
from meldpunt.reports.services import ask_reporter
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 Identificeerbaar/42"
CODE_PATTERN = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")


def _report(client: Client, **extra: object) -> object:
    data = {
        "description": "Een collega stuurt klantgegevens naar een privéadres.",
        "personal_data": "yes",
        "submission_token": str(uuid.uuid4()),
        **extra,
    }
    return client.post(reverse("reports:report"), data)


def _receipt(response: object) -> str:
    return CODE_PATTERN.search(response.content.decode()).group(0)


def _database_text(skip_tables: set[str]) -> str:
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in skip_tables:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            lines.extend(f"{table} {row!r}" for row in cursor.fetchall())
    return "\n".join(lines)


def _is_coarse(moment: object) -> bool:
    return (moment.minute, moment.second, moment.microsecond) == (0, 0, 0)


def test_no_identifying_value_reaches_the_database_logs_or_mail(
    make_user, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks
) -> None:
    caplog.set_level(logging.DEBUG)
    staff = make_user("j.jansen-4471")
    staff.email, staff.first_name, staff.last_name = (
        "j.jansen@kiesraad.example",
        "Jolanda",
        "Jansen-Vermeulen",
    )
    staff.save()
    client = Client(REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = _report(client, anonymous="on")
        code = _receipt(response)
        client.post(
            reverse("reports:answer"), {"code": code, "text": "Het was dinsdag."}
        )

    report = Report.objects.get()
    assert report.anonymous and report.reporter is None
    assert all(entry.author is None for entry in LogbookEntry.objects.all())
    assert all(message.author is None for message in ReporterMessage.objects.all())
    incident = report.incident
    moments = [report.received_at, incident.reported_at, incident.updated_at]
    moments += [e.recorded_at for e in LogbookEntry.objects.all()]
    moments += [m.sent_at for m in ReporterMessage.objects.all()]
    assert all(_is_coarse(moment) for moment in moments)
    for session in Session.objects.all():
        assert incident.reference not in str(session.get_decoded())

    identifying = [IP, AGENT, "j.jansen", "Jolanda", "Jansen-Vermeulen", code]
    stored = _database_text(skip_tables={"auth_user"})
    logged = "\n".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    mailed = "\n".join(
        f"{m.subject} {m.body} {m.to} {m.extra_headers}" for m in mail.outbox
    )
    assert mail.outbox
    for value in identifying:
        assert value not in stored
        assert value not in logged
        assert value not in mailed
    assert code.replace("-", "")[8:] not in stored


def test_receipt_code_is_shown_once_and_stored_only_as_a_slow_hash(
    client: Client,
) -> None:
    data = {"submission_token": str(uuid.uuid4())}

    first = _report(client, **data)
    again = _report(client, **data)

    code = _receipt(first)
    report = Report.objects.get()
    assert report.receipt_hash.startswith("$argon2id$")
    assert report.receipt_lookup == code.replace("-", "")[:8]
    assert CODE_PATTERN.search(again.content.decode()) is None
    assert "al ontvangen" in again.content.decode()
    assert first["Cache-Control"].startswith("max-age=0")


def test_reporter_reads_a_question_and_answers_it_with_the_receipt_code(
    client: Client, ciso
) -> None:
    code = _receipt(_report(client))
    report = Report.objects.get()
    ask_reporter(report=report, text="Om welk adres ging het?", actor=ciso)

    thread = client.post(reverse("reports:follow_up"), {"code": code.lower()})
    answered = client.post(
        reverse("reports:answer"), {"code": code, "text": "Een Gmail-adres."}
    )

    assert "Om welk adres ging het?" in thread.content.decode()
    assert "Een Gmail-adres." in answered.content.decode()
    summaries = list(
        LogbookEntry.objects.order_by("sequence").values_list("summary", flat=True)
    )
    assert summaries[-2:] == ["Vraag aan de melder", "Antwoord van de melder"]
    assert verify_incident(report.incident) is None


def test_wrong_receipt_code_shows_nothing(client: Client, ciso) -> None:
    code = _receipt(_report(client))
    ask_reporter(report=Report.objects.get(), text="Geheime vraag", actor=ciso)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")

    response = client.post(reverse("reports:follow_up"), {"code": wrong})
    answer = client.post(reverse("reports:answer"), {"code": wrong, "text": "x"})

    assert "niet bekend" in response.content.decode()
    assert "Geheime vraag" not in response.content.decode()
    assert answer.status_code == 400
    assert ReporterMessage.objects.count() == 1


def test_ciso_asks_the_anonymous_reporter_from_the_case(client: Client, ciso) -> None:
    _report(client)
    reference = Incident.objects.get().reference
    handler = log_in_verified(Client(), ciso)
    url = reverse("reports:ask", args=[reference])

    handler.post(url, {"report": Report.objects.get().pk, "text": "Wanneer?"})

    assert "Wanneer?" in handler.get(url).content.decode()
    assert ReporterMessage.objects.get().author == ciso


def test_anonymous_evidence_keeps_only_the_hour(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _report(client, attachments=SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n"))

    assert _is_coarse(Evidence.objects.get().uploaded_at)


def test_web_server_access_log_records_no_address_or_user_agent(monkeypatch) -> None:
    import os

    from meldpunt import cli

    captured: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda path, args: captured.append(args))
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **k: None)

    cli.serve([])

    log_format = captured[0][captured[0].index("--access-logformat") + 1]
    assert "%(h)s" not in log_format
    assert "%(a)s" not in log_format
    assert "%({" not in log_format


def test_named_reporter_is_a_pseudonym_to_all_but_the_ciso_and_deputy(
    make_user, make_report, ciso
) -> None:
    from meldpunt.accounts.roles import Role
    from meldpunt.accounts.services import consult_on_case

    reporter = make_user("pbakker")
    reporter.first_name, reporter.last_name = "Pieter", "Bakker"
    reporter.save()
    director = make_user("directie", Role.DIRECTOR)
    deputy = make_user("plv", Role.DEPUTY_CISO)
    incident = make_report(reporter=reporter).incident
    consult_on_case(incident=incident, person=director, actor=ciso)
    url = reverse("incidents:detail", args=[incident.reference])

    as_director = log_in_verified(Client(), director).get(url).content.decode()
    as_deputy = log_in_verified(Client(), deputy).get(url).content.decode()

    assert "Pieter Bakker" not in as_director
    assert re.search(r"Melder [0-9A-F]{6}", as_director)
    assert "Pieter Bakker" in as_deputy
