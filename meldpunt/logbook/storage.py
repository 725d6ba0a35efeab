# SPDX-License-Identifier: EUPL-1.2
"""Evidence files: encrypted with a key from configuration, named at random."""

import hashlib
import mimetypes
import uuid
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    sha256: str
    size: int
    content_type: str


def _cipher() -> MultiFernet:
    # The first key encrypts; all of them decrypt, so keys can be rotated.
    return MultiFernet([Fernet(key) for key in settings.MELDPUNT_EVIDENCE_KEYS])


def detect_type(name: str, head: bytes) -> str:
    """Guess the content type from the first bytes, then from the name."""
    signatures = {
        b"%PDF-": "application/pdf",
        b"\x89PNG\r\n\x1a\n": "image/png",
        b"\xff\xd8\xff": "image/jpeg",
        b"GIF8": "image/gif",
        b"PK\x03\x04": "application/zip",
        b"\xd0\xcf\x11\xe0": "application/vnd.ms-outlook",
        b"MZ": "application/x-msdownload",
        b"\x7fELF": "application/x-executable",
        b"\xcf\xfa\xed\xfe": "application/x-mach-binary",
        b"\xfe\xed\xfa\xcf": "application/x-mach-binary",
    }
    for signature, content_type in signatures.items():
        if head.startswith(signature):
            return content_type
    guessed, _encoding = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def store_encrypted(data: bytes, original_name: str) -> StoredFile:
    stored_name = f"{uuid.uuid4().hex}.bin"
    storages["default"].save(stored_name, ContentFile(_cipher().encrypt(data)))
    return StoredFile(
        stored_name=stored_name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        content_type=detect_type(original_name, data[:16]),
    )


def read_decrypted(stored_name: str) -> bytes:
    with storages["default"].open(stored_name, "rb") as handle:
        token = handle.read()
    try:
        return _cipher().decrypt(token)
    except InvalidToken as error:
        raise ValueError("evidence_key_mismatch") from error


def delete_stored(stored_name: str) -> None:
    storages["default"].delete(stored_name)
