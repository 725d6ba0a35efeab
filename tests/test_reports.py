# SPDX-License-Identifier: EUPL-1.2
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import Evidence, LogbookEntry
from meldpunt.logbook.storage import read_decrypted
from meldpunt.reports.models import Report

pytestmark = pytest.mark.django_db
REPORT_URL = reverse("reports:report")


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "description": "Ik heb een USB-stick met personeelsgegevens verloren.",
        "personal_data": "yes",
        "discovered_at": "",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_start_page_links_to_report_page_in_one_click(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert f'href="{REPORT_URL}"' in response.content.decode()
    assert "Wees een held; meld!" in response.content.decode()


def test_report_opens_a_case_and_confirms_with_its_reference(client: Client) -> None:
    response = client.post(REPORT_URL, _form(), follow=True)

    incident = Incident.objects.get()
    assert incident.reference.startswith("MP-")
    assert incident.reference in response.content.decode()
    assert "Wat gebeurt er nu" in response.content.decode()
    entry = LogbookEntry.objects.get(incident=incident)
    assert entry.text == "Ik heb een USB-stick met personeelsgegevens verloren."
    assert entry.sequence == 1


def test_reference_is_not_put_in_the_url(client: Client, staff: object) -> None:
    client.force_login(staff)

    response = client.post(REPORT_URL, _form())

    assert response.status_code == 302
    assert "MP-" not in response["Location"]


def test_anonymous_report_is_confirmed_without_a_redirect_or_session(
    client: Client,
) -> None:
    response = client.post(REPORT_URL, _form())

    assert response.status_code == 200
    assert "Location" not in response
    assert Incident.objects.get().reference in response.content.decode()
    assert "sessionid" not in response.cookies


def test_anonymous_report_of_logged_in_staff_stores_no_identity(
    client: Client, staff: object
) -> None:
    client.force_login(staff)

    client.post(REPORT_URL, _form(anonymous="on"))

    report = Report.objects.get()
    assert report.anonymous is True
    assert report.reporter is None
    assert LogbookEntry.objects.get().author is None


def test_named_report_links_the_reporter(client: Client, staff: object) -> None:
    client.force_login(staff)

    client.post(REPORT_URL, _form())

    assert Report.objects.get().reporter == staff


def test_posting_the_same_form_twice_creates_one_report(client: Client) -> None:
    data = _form()

    first = client.post(REPORT_URL, data, follow=True)
    second = client.post(REPORT_URL, data, follow=True)

    assert Report.objects.count() == 1
    reference = Incident.objects.get().reference
    assert reference in first.content.decode()
    assert reference in second.content.decode()


def test_empty_report_is_refused_in_dutch_and_nothing_is_stored(client: Client) -> None:
    response = client.post(REPORT_URL, _form(description="   "))

    assert response.status_code == 200
    assert "Beschrijf wat er is gebeurd." in response.content.decode()
    assert not Incident.objects.exists()


def test_empty_report_is_refused_in_english_when_chosen(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en"})

    response = client.post(REPORT_URL, _form(description=""))

    assert "Describe what happened." in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


def test_oversized_report_is_refused(client: Client, settings: object) -> None:
    settings.MELDPUNT_MAX_REPORT_CHARS = 100

    response = client.post(REPORT_URL, _form(description="x" * 101))

    assert "100" in response.content.decode()
    assert not Report.objects.exists()


def test_attachment_is_stored_encrypted_with_its_hash(client: Client) -> None:
    upload = SimpleUploadedFile("schermafdruk.png", b"\x89PNG\r\n\x1a\nfake image")

    client.post(REPORT_URL, _form(attachments=upload))

    evidence = Evidence.objects.get()
    assert evidence.original_name == "schermafdruk.png"
    assert evidence.content_type == "image/png"
    assert read_decrypted(evidence.stored_name) == b"\x89PNG\r\n\x1a\nfake image"
    assert evidence.entry.incident == Incident.objects.get()


def test_attachment_name_with_path_tricks_is_reduced_to_its_file_name(
    client: Client,
) -> None:
    upload = SimpleUploadedFile("../../etc/passwd.txt", b"root")

    client.post(REPORT_URL, _form(attachments=upload))

    assert Evidence.objects.get().original_name == "passwd.txt"


def test_attachment_over_the_limit_is_refused_and_nothing_stored(
    client: Client, settings: object
) -> None:
    settings.MELDPUNT_MAX_ATTACHMENT_BYTES = 1024
    upload = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * 2000)

    response = client.post(REPORT_URL, _form(attachments=upload))

    assert "groot.pdf" in response.content.decode()
    assert "de limiet is" in response.content.decode()
    assert not Incident.objects.exists()
    assert not Evidence.objects.exists()


def test_attachment_of_a_refused_type_is_refused(client: Client) -> None:
    upload = SimpleUploadedFile("factuur.exe", b"MZ...")

    response = client.post(REPORT_URL, _form(attachments=upload))

    assert ".exe" in response.content.decode()
    assert not Incident.objects.exists()


def test_empty_attachment_is_refused(client: Client) -> None:
    upload = SimpleUploadedFile("leeg.txt", b"")

    response = client.post(REPORT_URL, _form(attachments=upload))

    assert response.status_code == 200
    assert not Incident.objects.exists()


def test_forged_csrf_token_is_refused_with_an_explanation() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(REPORT_URL, {**_form(), "csrfmiddlewaretoken": "vervalst"})

    assert response.status_code == 403
    assert "Er is niets opgeslagen" in response.content.decode()
    assert not Incident.objects.exists()


def test_new_report_mails_the_security_mailbox_after_commit(
    client: Client,
    mailoutbox: list,
    settings: object,
    django_capture_on_commit_callbacks,
) -> None:
    settings.MELDPUNT_SECURITY_MAILBOX = "meldpunt@example.org"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(REPORT_URL, _form())

    assert len(callbacks) == 1
    [message] = mailoutbox
    reference = Incident.objects.get().reference
    assert message.to == ["meldpunt@example.org"]
    assert reference in message.subject
    assert "USB-stick" not in message.body


def test_a_mail_server_that_is_down_does_not_lose_the_report(
    client: Client, settings: object, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: nothing listens

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REPORT_URL, _form(), follow=True)

    assert response.status_code == 200
    assert Incident.objects.get().reference in response.content.decode()
