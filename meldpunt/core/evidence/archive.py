# SPDX-License-Identifier: EUPL-1.2
"""Open ZIP archives defensively: refuse damage, bombs and escaping names."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from .errors import EvidenceError
from .phrase import Phrase, gettext_noop, size_text


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds an archive must stay within before any member is read."""

    max_members: int = 10_000
    max_total_size: int = 2 * 1024**3
    max_ratio: int = 200
    max_text_member: int = 200 * 1024**2


def open_archive(data: bytes, filename: str, limits: ArchiveLimits) -> zipfile.ZipFile:
    """Open the ZIP and check every member's name and declared size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: the ZIP archive is damaged or truncated (%(error)s); "
                    "export the chat again"
                ),
                file=filename,
                error=str(error),
            )
        ) from error

    members = archive.infolist()
    if len(members) > limits.max_members:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: the ZIP archive holds %(count)s files, more than "
                    "the limit of %(limit)s"
                ),
                file=filename,
                count=len(members),
                limit=limits.max_members,
            )
        )
    for info in members:
        _check_name(info.filename, filename)
    _check_sizes(members, filename, limits)
    return archive


def _check_name(name: str, filename: str) -> None:
    normal = name.replace("\\", "/")
    parts = PurePosixPath(normal).parts
    escapes = (
        normal.startswith("/")
        or ".." in parts
        or (len(normal) > 1 and normal[1] == ":")
    )
    if escapes or "\x00" in name:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: the ZIP member name %(name)s points outside the "
                    "archive (path traversal); the archive is refused"
                ),
                file=filename,
                name=repr(name),
            )
        )


def _check_sizes(
    members: list[zipfile.ZipInfo], filename: str, limits: ArchiveLimits
) -> None:
    total = sum(info.file_size for info in members)
    if total > limits.max_total_size:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: the ZIP archive unpacks to %(size)s, more than "
                    "the limit of %(limit)s (possible ZIP bomb)"
                ),
                file=filename,
                size=size_text(total),
                limit=size_text(limits.max_total_size),
            )
        )
    for info in members:
        packed = max(info.compress_size, 1)
        ratio = info.file_size // packed
        if info.file_size > 1024 * 1024 and ratio > limits.max_ratio:
            raise EvidenceError(
                Phrase(
                    gettext_noop(
                        "%(file)s: ZIP member %(name)s expands %(ratio)s times, "
                        "more than the limit of %(limit)s (possible ZIP bomb)"
                    ),
                    file=filename,
                    name=repr(info.filename),
                    ratio=ratio,
                    limit=limits.max_ratio,
                )
            )


def read_member(
    archive: zipfile.ZipFile, name: str, filename: str, limit: int
) -> bytes:
    """Read one member, never more than ``limit`` bytes whatever it declares."""
    try:
        with archive.open(name) as stream:
            data = stream.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: ZIP member %(name)s cannot be read (%(error)s); the "
                    "archive is damaged or truncated"
                ),
                file=filename,
                name=repr(name),
                error=str(error),
            )
        ) from error
    if len(data) > limit:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: ZIP member %(name)s is larger than %(limit)s "
                    "once unpacked (possible ZIP bomb)"
                ),
                file=filename,
                name=repr(name),
                limit=size_text(limit),
            )
        )
    return data
