# SPDX-License-Identifier: EUPL-1.2
"""The second factor: an authenticator app (TOTP) plus single-use recovery codes."""

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .hashing import slow_hash
from .models import LOOKUP, RecoveryCode, RecoveryCodeDevice
from .security_log import security_event

RECOVERY_CODE_COUNT = 10
# Crockford's alphabet; 4 look-up characters and 8 secret ones (40 bits).
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 12


def confirmed_authenticator(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_authenticator(user: AbstractBaseUser) -> TOTPDevice:
    """Return the authenticator being set up, creating it on first use."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "authenticator"}
    )
    return device


def check_code(user: AbstractBaseUser, code: str) -> Device | None:
    """Return the device that accepts ``code``: the app first, then recovery."""
    with transaction.atomic():
        for device in (
            *TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True),
            *RecoveryCodeDevice.objects.select_for_update().filter(
                user=user, confirmed=True
            ),
        ):
            if device.verify_token(code):
                event = (
                    "recovery_code_used"
                    if isinstance(device, RecoveryCodeDevice)
                    else "second_factor_verified"
                )
                security_event(event, user_id=user.pk)
                return device

    security_event("second_factor_failed", user_id=user.pk)
    return None


@transaction.atomic
def confirm_authenticator(
    *, user: AbstractBaseUser, device: TOTPDevice, code: str
) -> list[str] | None:
    """Confirm the new app with its first code; return fresh recovery codes."""
    if not device.verify_token(code):
        security_event("second_factor_failed", user_id=user.pk)
        return None

    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = replace_recovery_codes(user=user)
    security_event("second_factor_enrolled", user_id=user.pk)
    return codes


@transaction.atomic
def replace_recovery_codes(*, user: AbstractBaseUser) -> list[str]:
    """Discard the old recovery codes and return ten new ones, shown once."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(
        user=user, name="recovery", confirmed=True
    )
    raw = [_random_code() for _index in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(
            device=device, lookup=code[:LOOKUP], secret_hash=slow_hash(code[LOOKUP:])
        )
        for code in raw
    )
    security_event("recovery_codes_replaced", user_id=user.pk)
    return [f"{code[:4]}-{code[4:8]}-{code[8:]}" for code in raw]


def _random_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _index in range(_CODE_LENGTH))
