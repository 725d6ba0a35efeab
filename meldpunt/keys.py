# SPDX-License-Identifier: EUPL-1.2
"""Local keys, generated once and kept in the data folder."""

import base64
import os
import secrets
from pathlib import Path


def local_secret(data_dir: Path, name: str) -> str:
    """Return the key ``name`` from ``data_dir``, creating it on first use."""
    path = data_dir / "keys" / name
    if path.exists():
        return path.read_text(encoding="ascii").strip()

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    value = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")
    # O_EXCL: when two commands start at once, the first one's key wins.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value)
    return value
