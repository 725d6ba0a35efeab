# SPDX-License-Identifier: EUPL-1.2
"""An encrypted stream: the archive is cut into chunks, each a Fernet token.

Each chunk's plaintext starts with its number and a flag for the last chunk,
so chunks that are dropped, repeated, reordered or cut off are detected.
Memory use stays at one chunk, whatever the size of the evidence store.
"""

import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.fernet import Fernet, InvalidToken

MAGIC = b"MELDPUNT-BACKUP-1\n"
CHUNK = 4 * 1024 * 1024
_HEADER = struct.Struct(">QB")
_LENGTH = struct.Struct(">Q")


class ArchiveError(Exception):
    """The archive is damaged, truncated or made with another key."""


def write_encrypted(chunks: Iterator[bytes], key: str, out: BinaryIO) -> None:
    cipher = Fernet(key)
    out.write(MAGIC)
    number, pending = 0, next(chunks, None)
    while pending is not None:
        following = next(chunks, None)
        plain = _HEADER.pack(number, following is None) + pending
        token = cipher.encrypt(plain)
        out.write(_LENGTH.pack(len(token)) + token)
        number, pending = number + 1, following


def read_encrypted(source: BinaryIO, key: str) -> Iterator[bytes]:
    cipher = Fernet(key)
    if source.read(len(MAGIC)) != MAGIC:
        raise ArchiveError("not_a_meldpunt_backup")
    expected, last = 0, False
    while not last:
        length = source.read(_LENGTH.size)
        if len(length) != _LENGTH.size:
            raise ArchiveError("archive_truncated")
        try:
            plain = cipher.decrypt(source.read(_LENGTH.unpack(length)[0]))
        except InvalidToken:
            raise ArchiveError("wrong_key_or_damaged_archive") from None
        number, last = _HEADER.unpack_from(plain)
        if number != expected:
            raise ArchiveError("chunks_out_of_order")
        expected += 1
        yield plain[_HEADER.size :]
    if source.read(1):
        raise ArchiveError("data_after_last_chunk")


def chunked(stream: BinaryIO) -> Iterator[bytes]:
    while block := stream.read(CHUNK):
        yield block
