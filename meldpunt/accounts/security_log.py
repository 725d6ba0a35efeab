# SPDX-License-Identifier: EUPL-1.2
"""Security events for operators: what happened, to which account id, never who.

Each event is one line on the ``meldpunt.security`` logger with a snake_case
name and key/value context. No user name, e-mail address, IP address or
user agent is ever written: an account appears only as its numeric id.
"""

import logging
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import post_save
from django.dispatch import receiver

logger = logging.getLogger("meldpunt.security")


def security_event(event: str, *, level: int = logging.INFO, **context: object) -> None:
    """Write one security event; ``context`` holds ids and codes only."""
    logger.log(level, event, extra={"security_event": event, **context})


def _account_id(username: object) -> int | None:
    if not isinstance(username, str):
        return None
    user = get_user_model().objects.filter(username=username).only("pk").first()
    return user.pk if user else None


@receiver(user_login_failed)
def _login_failed(sender: object, credentials: dict[str, Any], **kwargs: Any) -> None:
    security_event(
        "login_failed",
        level=logging.WARNING,
        user_id=_account_id(credentials.get("username")),
    )


@receiver(user_logged_in)
def _logged_in(sender: object, user: Any, **kwargs: Any) -> None:
    security_event("login_succeeded", user_id=user.pk)


@receiver(user_logged_out)
def _logged_out(sender: object, user: Any, **kwargs: Any) -> None:
    security_event("logout", user_id=getattr(user, "pk", None))


@receiver(post_save, sender=LogEntry)
def _configuration_changed(sender: object, instance: LogEntry, **kwargs: Any) -> None:
    security_event(
        "configuration_changed",
        user_id=instance.user_id,
        action=instance.get_action_flag_display(),
        object_type=instance.content_type.model if instance.content_type else None,
        object_id=instance.object_id,
    )


def connect_lockout_signal() -> None:
    """Log lockouts from django-axes (connected once the app registry is ready)."""
    from axes.signals import user_locked_out

    def _locked_out(sender: object, request: object, username: object, **kw: Any):
        security_event(
            "login_locked_out", level=logging.WARNING, user_id=_account_id(username)
        )

    user_locked_out.connect(_locked_out, weak=False, dispatch_uid="meldpunt_lockout")
