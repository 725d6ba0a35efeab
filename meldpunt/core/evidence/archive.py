# SPDX-License-Identifier: EUPL-1.2
"""Open ZIP archives defensively: refuse damage, bombs and escaping names."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from .errors import EvidenceError


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
            f"{filename}: the ZIP archive is damaged or truncated ({error}); "
            "export the chat again"
        ) from error

    members = archive.infolist()
    if len(members) > limits.max_members:
        raise EvidenceError(
            f"{filename}: the ZIP archive holds {len(members)} files, more than "
            f"the limit of {limits.max_members}"
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
            f"{filename}: the ZIP member name {name!r} points outside the archive "
            "(path traversal); the archive is refused"
        )


def _check_sizes(
    members: list[zipfile.ZipInfo], filename: str, limits: ArchiveLimits
) -> None:
    total = sum(info.file_size for info in members)
    if total > limits.max_total_size:
        raise EvidenceError(
            f"{filename}: the ZIP archive unpacks to {total} bytes, more than the "
            f"limit of {limits.max_total_size} (possible ZIP bomb)"
        )
    for info in members:
        packed = max(info.compress_size, 1)
        ratio = info.file_size // packed
        if info.file_size > 1024 * 1024 and ratio > limits.max_ratio:
            raise EvidenceError(
                f"{filename}: ZIP member {info.filename!r} expands {ratio} times, "
                f"more than the limit of {limits.max_ratio} (possible ZIP bomb)"
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
            f"{filename}: ZIP member {name!r} cannot be read ({error}); the archive "
            "is damaged or truncated"
        ) from error
    if len(data) > limit:
        raise EvidenceError(
            f"{filename}: ZIP member {name!r} is larger than {limit} bytes once "
            "unpacked (possible ZIP bomb)"
        )
    return data
