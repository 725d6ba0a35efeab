# SPDX-License-Identifier: EUPL-1.2
"""Mail to the procedure's mailboxes: the case reference and a link, no content."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .definitions import active_definition

logger = logging.getLogger(__name__)


def mailbox_address(mailbox: str) -> str:
    """The address of a mailbox named in the procedure (configuration wins)."""
    if mailbox == "security" and settings.MELDPUNT_SECURITY_MAILBOX:
        return str(settings.MELDPUNT_SECURITY_MAILBOX)
    return active_definition().settings.mailboxes[mailbox].address


def send_case_mail_on_commit(
    *, to: str, template: str, context: dict[str, object]
) -> None:
    """Send after the transaction commits; a failing server loses no data."""
    context = {**context, "base_url": settings.MELDPUNT_BASE_URL}

    def send() -> None:
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}_body.txt", context)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        except OSError:
            logger.exception("case_mail_failed", extra={"template": template})
            return
        logger.info("case_mail_sent", extra={"template": template})

    transaction.on_commit(send)
