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


def test_report_opens_a_case_and_confirms_with_its_reference(
    client: Client, ciso: object
) -> None:
    response = client.post(REPORT_URL, _form(), follow=True)

    incident = Incident.objects.get()
    assert incident.reference.startswith("MP-")
    assert incident.reference in response.content.decode()
    assert "Wat gebeurt er nu" in response.content.decode()
    entry = LogbookEntry.objects.get(incident=incident, sequence=1)
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
    assert not LogbookEntry.objects.exclude(author=None).exists()


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


def test_a_flood_from_one_client_is_refused_while_others_get_through(
    settings,
) -> None:
    settings.MELDPUNT_REPORT_RATE = "3/10m"
    flooder = Client(REMOTE_ADDR="203.0.113.7")
    colleague = Client(REMOTE_ADDR="198.51.100.20")

    statuses = [
        flooder.post(REPORT_URL, _form(description=f"Melding {n}")).status_code
        for n in range(5)
    ]
    genuine = colleague.post(REPORT_URL, _form())

    assert statuses == [200, 200, 200, 429, 429]
    assert genuine.status_code == 200
    assert Report.objects.count() == 4


def test_a_refused_report_keeps_the_text_and_says_what_to_do(settings) -> None:
    settings.MELDPUNT_REPORT_RATE = "1/10m"
    client = Client()
    client.post(REPORT_URL, _form(description="Eerste melding"))

    response = client.post(REPORT_URL, _form(description="Tweede melding"))

    assert response.status_code == 429
    assert "Tweede melding" in response.content.decode()
    assert "probeer het over tien minuten opnieuw" in response.content.decode()


def test_invalid_posts_do_not_use_up_the_limit(settings) -> None:
    settings.MELDPUNT_REPORT_RATE = "1/10m"
    client = Client()
    for _ in range(3):
        client.post(REPORT_URL, _form(description=""))

    assert client.post(REPORT_URL, _form()).status_code == 200


def test_staff_behind_one_proxy_are_counted_per_account(settings, make_user) -> None:
    settings.MELDPUNT_REPORT_RATE = "1/10m"
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.1")
    first.force_login(make_user("eerste"))
    second.force_login(make_user("tweede"))

    assert first.post(REPORT_URL, _form()).status_code == 302
    assert second.post(REPORT_URL, _form()).status_code == 302


def test_the_address_behind_the_trusted_proxy_is_the_sender(settings) -> None:
    settings.MELDPUNT_REPORT_RATE = "1/10m"
    settings.MELDPUNT_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    one = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert one.post(REPORT_URL, _form()).status_code == 200
    assert other.post(REPORT_URL, _form()).status_code == 200
    assert one.post(REPORT_URL, _form(description="Nog een")).status_code == 429


def test_the_same_report_sent_again_with_a_fresh_form_is_one_report(
    client: Client,
) -> None:
    client.post(REPORT_URL, _form(description="Laptop gestolen"))

    again = client.post(REPORT_URL, _form(description="Laptop gestolen"), follow=True)

    assert Report.objects.count() == 1
    assert Incident.objects.get().reference in again.content.decode()


def test_a_supplier_report_opens_on_the_case_page_with_its_contact_details(
    client: Client, ciso_client: Client
) -> None:
    client.post(
        reverse("reports:supplier"),
        {
            "company": "Leverancier BV",
            "contact": "J. Jansen, 06 12345678",
            "description": "Back-up gestolen.",
            "submission_token": str(uuid.uuid4()),
        },
    )
    incident = Incident.objects.get()

    page = ciso_client.get(reverse("incidents:detail", args=[incident.reference]))

    assert page.status_code == 200
    assert "J. Jansen, 06 12345678" in page.content.decode()
    assert "Contactgegevens leverancier" in page.content.decode()


def test_a_supplier_is_not_sent_into_the_staff_procedure(client: Client) -> None:
    # Without any case handler the CISO counts as unreachable.
    response = client.post(
        reverse("reports:supplier"),
        {
            "company": "Leverancier BV",
            "contact": "06 12345678",
            "description": "Lek bij ons.",
            "submission_token": str(uuid.uuid4()),
        },
        follow=True,
    )

    assert "Verder met de procedure" not in response.content.decode()
    assert "Office Management" in response.content.decode()


def test_a_discovery_date_long_ago_is_refused_as_a_typing_error(client: Client) -> None:
    response = client.post(REPORT_URL, _form(discovered_at="1900-01-01T10:00"))

    assert "1900 is te lang geleden" in response.content.decode()
    assert not Report.objects.exists()


def test_a_form_address_opened_directly_explains_itself(client: Client) -> None:
    response = client.get(reverse("reports:answer"))

    assert response.status_code == 405
    assert "hoort bij een formulier" in response.content.decode()


def test_an_answer_sent_again_by_a_reload_is_stored_once(client: Client) -> None:
    from meldpunt.logbook.models import LogbookEntry

    response = client.post(REPORT_URL, _form())
    code = response.context["receipt_code"]

    for _ in range(2):
        client.post(
            reverse("reports:answer"), {"code": code, "text": "Het was dinsdag."}
        )

    assert LogbookEntry.objects.filter(text="Het was dinsdag.").count() == 1
