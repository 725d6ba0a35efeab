# SPDX-License-Identifier: EUPL-1.2
"""Generated input: no form answers with a server error or stores half a report."""

import os

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.logbook.services import UploadedEvidence
from meldpunt.reports.models import Report
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=25,
    # The same examples on every run: CI must not pass or fail by chance.
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text as browsers can send it: no NUL (refused by the form layer alike) and
# no lone surrogates (not encodable).
text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=300)
any_value = st.one_of(text, st.just(""), st.integers().map(str))


def _uploadable(name: str) -> str:
    """A name Django's test upload can carry: a browser sends only the last
    path part, and a request whose part is empty, "." or ".." has no file."""
    last = os.path.basename(name)
    return last if last not in {"", ".", ".."} else "x"


def _stored_files() -> set[str]:
    storage = storages["default"]
    return set(storage.listdir("")[1]) if storage.exists("") else set()


def _consistent() -> None:
    for incident in Incident.objects.all():
        assert Report.objects.filter(incident=incident).exists()
        assert LogbookEntry.objects.filter(incident=incident).exists()
    names = set(Evidence.objects.values_list("stored_name", flat=True))
    assert names <= _stored_files()


@FUZZ
@given(
    description=any_value,
    discovered_at=any_value,
    personal_data=st.one_of(st.sampled_from(["yes", "no", "unknown"]), any_value),
    token=st.one_of(st.uuids().map(str), any_value),
    file_name=text,
    file_data=st.binary(max_size=2048),
)
@example(
    description="",
    discovered_at="",
    personal_data="",
    token="",
    file_name="/",
    file_data=b"\x17",
)
def test_report_form_survives_generated_input(
    description, discovered_at, personal_data, token, file_name, file_data
) -> None:
    reports, files = Report.objects.count(), _stored_files()
    data = {
        "description": description,
        "discovered_at": discovered_at,
        "personal_data": personal_data,
        "submission_token": token,
        "attachments": SimpleUploadedFile(_uploadable(file_name), file_data),
    }

    response = Client().post(reverse("reports:report"), data)

    assert response.status_code in {200, 302}
    if Report.objects.count() == reports:
        assert _stored_files() == files
    _consistent()


@pytest.fixture
def case_client(ciso, make_report) -> tuple[Client, str]:
    reference = make_report().incident.reference
    return log_in_verified(Client(), ciso), reference


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("incidents:note", ["text"]),
        ("incidents:status", ["status", "note"]),
        ("incidents:classify", ["kind"]),
        ("incidents:close", ["resolution", "solved_at"]),
        ("incidents:assign", ["handler"]),
        ("reports:ask", ["report", "text"]),
    ],
)
def test_case_forms_survive_generated_input(case_client, name, fields) -> None:
    client, reference = case_client
    url = reverse(name, args=[reference])

    @FUZZ
    @given(st.fixed_dictionaries({field: any_value for field in fields}))
    def post(data: dict[str, str]) -> None:
        entries = LogbookEntry.objects.count()
        response = client.post(url, data)
        assert response.status_code in {200, 302, 400, 404}
        if response.status_code >= 400:
            assert LogbookEntry.objects.count() == entries

    post()


@FUZZ
@given(code=any_value, answer=any_value, username=any_value, password=any_value)
def test_public_code_and_login_forms_survive_generated_input(
    code, answer, username, password
) -> None:
    client = Client()

    statuses = [
        client.post(reverse("reports:follow_up"), {"code": code}).status_code,
        client.post(
            reverse("reports:answer"), {"code": code, "text": answer}
        ).status_code,
        client.post(
            reverse("login"), {"username": username, "password": password}
        ).status_code,
    ]

    assert all(status in {200, 302, 400, 429} for status in statuses)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("document.pdf", b"%PDF-1.4 /JavaScript"),
    ],
)
def test_uploaded_active_content_is_only_ever_downloaded(
    ciso, make_report, name, content
) -> None:
    incident = make_report(files=[UploadedEvidence(name, content)]).incident
    evidence = Evidence.objects.get()
    client = log_in_verified(Client(), ciso)

    response = client.get(
        reverse("incidents:evidence", args=[incident.reference, evidence.pk])
    )

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == content
