# SPDX-License-Identifier: EUPL-1.2
"""The second factor: an authenticator app (TOTP) plus single-use recovery codes."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .security_log import security_event

RECOVERY_CODE_COUNT = 10


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
            *StaticDevice.objects.select_for_update().filter(user=user, confirmed=True),
        ):
            if device.verify_token(code):
                event = (
                    "recovery_code_used"
                    if isinstance(device, StaticDevice)
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
    """Discard the old recovery codes and return ten new ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    security_event("recovery_codes_replaced", user_id=user.pk)
    return codes
