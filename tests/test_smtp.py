# SPDX-License-Identifier: EUPL-1.2
"""A report's notification crosses a real SMTP connection."""

import email
import logging
import socket
from collections.abc import Iterator
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.urls import reverse

from meldpunt.incidents.models import Incident


class Collector:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=policy.default)
        )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Collector, int]]:
    # aiosmtpd logs every connection from its own thread, also after the test
    # has closed the streams it was given; its chatter is not under test.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    collector = Collector()
    port = _free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield collector, port
    controller.stop()


@pytest.mark.django_db(transaction=True)
def test_new_report_reaches_the_security_mailbox_over_smtp(
    smtp_server: tuple[Collector, int], settings, mailoutbox: list
) -> None:
    collector, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.MELDPUNT_SECURITY_MAILBOX = "meldpunt@example.org"

    Client().post(
        reverse("reports:report"),
        {
            "description": "Phishing",
            "personal_data": "no",
            "submission_token": "2f1c7b8e-8d8e-4a59-9b39-3c2d6f0a1b2c",
        },
    )

    assert mailoutbox == []
    [message] = collector.messages
    assert message["To"] == "meldpunt@example.org"
    assert Incident.objects.get().reference in message["Subject"]
    assert "Nieuwe melding" in message["Subject"]
