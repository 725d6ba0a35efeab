# SPDX-License-Identifier: EUPL-1.2
"""Receipt codes: how an anonymous reporter comes back without being known.

A code reads ``ABCD-EFGH-JKMN-PQRS-TVWX-YZ23``. The first two groups are a
random look-up key stored as is; the other four (80 random bits) are the
secret, stored only as an Argon2 hash. The database alone cannot produce a
working code, and trying codes costs a slow hash each.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from meldpunt.accounts.hashing import slow_hash, slow_hash_matches

# Crockford's alphabet: no I, L, O or U to misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKUP_LENGTH = 8
SECRET_LENGTH = 16


@dataclass(frozen=True)
class ReceiptCode:
    lookup: str
    secret: str

    def __str__(self) -> str:
        text = self.lookup + self.secret
        return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _index in range(length))


def new_receipt_code() -> ReceiptCode:
    return ReceiptCode(lookup=_random(LOOKUP_LENGTH), secret=_random(SECRET_LENGTH))


def hash_secret(code: ReceiptCode) -> str:
    return slow_hash(code.secret)


def parse_receipt_code(text: str) -> ReceiptCode | None:
    """Read a code as typed: any case, with or without dashes and spaces."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != LOOKUP_LENGTH + SECRET_LENGTH:
        return None
    if any(ch not in ALPHABET for ch in cleaned):
        return None
    return ReceiptCode(lookup=cleaned[:LOOKUP_LENGTH], secret=cleaned[LOOKUP_LENGTH:])


def secret_matches(code: ReceiptCode, stored_hash: str) -> bool:
    return slow_hash_matches(code.secret, stored_hash)


def coarse_time(moment: datetime) -> datetime:
    """The hour a moment falls in: all an anonymous report keeps of its time."""
    return moment.replace(minute=0, second=0, microsecond=0)
