# SPDX-License-Identifier: EUPL-1.2
"""The dossier: one document with the facts, the logbook, evidence and verdict."""

import json
import shutil
import subprocess
from datetime import timedelta
from email import message_from_bytes, policy
from operator import itemgetter

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from meldpunt.core.chain import GENESIS, entry_hash
from meldpunt.incidents.models import Incident
from meldpunt.logbook.dossier import build_dossier, dossier_pdf, sha256_hex
from meldpunt.logbook.models import Channel, Direction, EntryKind, LogbookEntry
from meldpunt.logbook.services import UploadedEvidence, append_entry

pytestmark = pytest.mark.django_db
PDFTOTEXT, PDFTOPPM = shutil.which("pdftotext"), shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(
    not (PDFTOTEXT and PDFTOPPM), reason="needs poppler-utils (pdftotext, pdftoppm)"
)


@pytest.fixture
def incident(make_report, ciso):
    incident = make_report(
        description="Kandidatenlijst met BSN naar een journalist gemaild.",
        files=[UploadedEvidence("verzonden.eml", b"Subject: lijst\n")],
    ).incident
    append_entry(
        incident=incident,
        actor=ciso,
        kind=EntryKind.DECISION,
        channel=Channel.MEETING,
        participants="CISO; dienstdoend directielid",
        summary="Besluit: melden bij de AP",
        reasons="BSN bij een externe ontvanger.",
    )
    append_entry(
        incident=incident,
        actor=ciso,
        kind=EntryKind.MEASURE,
        channel=Channel.PHONE,
        direction=Direction.OUTGOING,
        participants="CISO; journalist",
        summary="Journalist gevraagd te verwijderen",
        occurred_at=timezone.now() - timedelta(hours=1),
    )
    return incident


def _text(pdf: bytes) -> str:
    result = subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def test_json_dossier_holds_facts_entries_in_time_order_evidence_and_verdict(
    ciso_client, incident
) -> None:
    response = ciso_client.get(
        reverse("logbook:dossier_json", args=[incident.reference])
    )

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert data["incident"]["reference"] == incident.reference
    assert data["reports"][0]["description"].startswith("Kandidatenlijst")
    assert [e["sequence"] for e in data["entries"]] == [3, 1, 2]
    decision = data["entries"][2]
    assert decision["participants"] == "CISO; dienstdoend directielid"
    assert decision["reasons"] == "BSN bij een externe ontvanger."
    assert data["evidence"][0]["name"] == "verzonden.eml"
    assert data["evidence"][0]["sha256"] == sha256_hex(b"Subject: lijst\n")
    assert data["verification"] == {
        "intact": True,
        "entries": 3,
        "head_hash": LogbookEntry.objects.get(sequence=3).entry_hash,
        "broken_at": None,
        "reason": None,
    }


def test_json_dossier_lets_anyone_recompute_the_chain(ciso_client, incident) -> None:
    response = ciso_client.get(
        reverse("logbook:dossier_json", args=[incident.reference])
    )

    entries = sorted(
        json.loads(response.content)["entries"], key=itemgetter("sequence")
    )
    previous = GENESIS
    for entry in entries:
        assert entry["previous_hash"] == previous
        assert entry_hash(entry["hashed_content"], previous) == entry["entry_hash"]
        previous = entry["entry_hash"]


def test_json_dossier_reports_a_broken_chain(ciso_client, incident) -> None:
    LogbookEntry.objects.filter(sequence=2).update(reasons="Anders")

    response = ciso_client.get(
        reverse("logbook:dossier_json", args=[incident.reference])
    )

    verification = json.loads(response.content)["verification"]
    assert (verification["intact"], verification["broken_at"]) == (False, 2)


@needs_poppler
def test_pdf_dossier_reads_as_an_account_of_the_case(ciso_client, incident) -> None:
    response = ciso_client.get(
        reverse("logbook:dossier_pdf", args=[incident.reference])
    )

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = " ".join(_text(response.content).split())
    assert f"Dossier {incident.reference}" in text
    assert "de hashketen van het logboek is intact" in text
    # The call happened an hour before the report was entered: time order.
    assert text.index("Journalist gevraagd") < text.index("Melding ontvangen")
    assert text.index("Melding ontvangen") < text.index("Besluit: melden bij de AP")
    assert "Redenen: BSN bij een externe ontvanger." in text
    # Long hashes wrap inside their table cell.
    assert sha256_hex(b"Subject: lijst\n") in "".join(text.split())


@needs_poppler
def test_pdf_dossier_warns_when_the_chain_is_broken(incident) -> None:
    LogbookEntry.objects.filter(sequence=3).update(summary="Besluit: niet melden")

    text = " ".join(_text(dossier_pdf(build_dossier(incident))).split())

    assert "VERBROKEN bij regel #3" in text


def test_dossier_command_writes_json_and_pdf(incident, tmp_path) -> None:
    call_command(
        "dossier", incident.reference, "--format", "json", "-o", tmp_path / "d.json"
    )
    call_command("dossier", incident.reference, "-o", tmp_path / "d.pdf")

    data = json.loads((tmp_path / "d.json").read_text())
    assert data["format"] == "meldpunt-dossier/1"
    assert len(data["entries"]) == 3
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF-")


def test_sending_the_dossier_mails_it_and_records_what_was_sent(
    ciso_client, incident, settings
) -> None:
    settings.MELDPUNT_SECURITY_MAILBOX = "security@kiesraad.example"

    ciso_client.post(reverse("logbook:send_dossier", args=[incident.reference]))

    (message,) = mail.outbox
    assert message.to == ["security@kiesraad.example"]
    assert message.subject == f"Dossier {incident.reference}"
    attachments = {name: data for name, data, _type in message.attachments}
    pdf = attachments[f"{incident.reference}-dossier.pdf"]
    entry = incident.logbook_entries.order_by("sequence").last()
    assert entry.summary == "Dossier naar de meldpunt-mailbox gestuurd"
    assert (entry.channel, entry.direction) == (Channel.EMAIL, Direction.OUTGOING)
    assert sha256_hex(pdf) in entry.text
    parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert "intact" in parsed.get_body(("plain",)).get_content()


def test_a_dossier_the_mail_server_refuses_is_not_recorded_as_sent(
    ciso_client, incident, settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9

    response = ciso_client.post(
        reverse("logbook:send_dossier", args=[incident.reference]), follow=True
    )

    assert "kon niet worden verstuurd" in response.content.decode()
    assert incident.logbook_entries.count() == 3


def test_demo_logbooks_show_every_kind_corrections_and_evidence() -> None:
    call_command("demo")

    entries = LogbookEntry.objects.all()
    assert set(entries.values_list("kind", flat=True)) == set(EntryKind.values)
    assert entries.filter(corrects__isnull=False).exists()
    assert entries.filter(evidence__isnull=False).count() >= 2
    assert entries.exclude(recorded_at=F("occurred_at")).exists()


@needs_poppler
def test_demo_breach_dossier_renders_as_pages(tmp_path) -> None:
    call_command("demo")
    breach = Incident.objects.get(kind="possible_breach")

    pdf = dossier_pdf(build_dossier(breach))
    (tmp_path / "d.pdf").write_bytes(pdf)
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "40", "-f", "1", "-l", "1", "d.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )

    text = " ".join(_text(pdf).split())
    assert "journalist" in text
    assert "Correctie: het verzoek ging telefonisch én per e-mail" in text
    assert "Besluit: melden bij de AP binnen 72 uur" in text
    assert (tmp_path / "page-1.png").stat().st_size > 10_000
