# SPDX-License-Identifier: EUPL-1.2
"""An import logs what happened to which import, never what the file says."""

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.imports.models import Import, ImportStatus
from meldpunt.jobs.runner import run_pending

pytestmark = pytest.mark.django_db

CHAT = (
    b"15-03-2024 09:12 - Jolanda Jansen-Vermeulen: het wachtwoord is Tulp2024\n"
    b"15-03-2024 09:13 - Piet Prikkebeen: laptop ligt bij Hoofdweg 12\n"
)
NAME = "chat met Jolanda Jansen.txt"
PRIVATE = ("Jolanda", "Jansen", "Prikkebeen", "Tulp2024", "Hoofdweg")


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)


@pytest.mark.parametrize("read_inline_bytes", [5 * 1024 * 1024, 16])
def test_importing_a_chat_logs_no_name_text_or_file_name(
    read_inline_bytes: int,
    upload: Callable[..., object],
    ciso_client: Client,
    settings: object,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    settings.MELDPUNT_IMPORT_READ_INLINE_BYTES = read_inline_bytes  # type: ignore[attr-defined]
    caplog.set_level(logging.DEBUG)

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        upload(NAME, CHAT)
        run_pending()
        record = Import.objects.get()
        ciso_client.get(record.get_absolute_url())
        ciso_client.post(
            reverse("imports:confirm", args=[record.incident.reference, record.pk]),
            {"time_zone": "Europe/Amsterdam", "entries": ["0", "1"]},
        )
        run_pending()
    record.refresh_from_db()

    assert record.status == ImportStatus.DONE
    assert "import_started" in _logged(caplog)
    for value in PRIVATE:
        assert value not in _logged(caplog)


def test_reading_an_outlook_file_logs_only_warnings_of_the_reader(
    upload: Callable[..., object],
    shared_sample: Callable[[str], Path],
    caplog: pytest.LogCaptureFixture,
) -> None:
    pytest.importorskip("extract_msg")
    caplog.set_level(logging.DEBUG)

    upload("bericht.msg", shared_sample("msg_embedded_msg.msg").read_bytes())

    assert Import.objects.get().status == ImportStatus.PREVIEW
    chatter = [
        record
        for record in caplog.records
        if record.name.startswith("extract_msg") and record.levelno < logging.WARNING
    ]
    assert chatter == []
