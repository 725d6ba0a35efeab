# SPDX-License-Identifier: EUPL-1.2
"""Slow hashes for short secrets: receipt codes and recovery codes (Argon2id)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings


def _hasher() -> PasswordHasher:
    # argon2-cffi's defaults (RFC 9106's low-memory profile) unless configured;
    # the test suite makes it cheap.
    return PasswordHasher(**settings.MELDPUNT_SLOW_HASH_PARAMETERS)


def slow_hash(secret: str) -> str:
    return _hasher().hash(secret)


def slow_hash_matches(secret: str, stored_hash: str) -> bool:
    try:
        return _hasher().verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False
