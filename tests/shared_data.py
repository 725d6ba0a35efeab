# SPDX-License-Identifier: EUPL-1.2
"""Where the reference data the tests check against is found.

``$MELDPUNT_SHARED_DIR`` (a folder holding ``data/``, the data folder, or
the sample folder itself) comes first, then a ``shared`` folder beside the
checkout, which may hold a newer set; otherwise the copy in ``tests/data``,
so that the suite checks every sample from any clone.
"""

import os
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "data"
BESIDE_CHECKOUT = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_data_dir(subfolder: str) -> Path:
    """The folder ``subfolder`` (``evidence``, ``breach-cases``) of the data."""
    configured = os.environ.get("MELDPUNT_SHARED_DIR")
    if configured:
        base = Path(configured)
        for candidate in (base / "data" / subfolder, base / subfolder):
            if candidate.is_dir():
                return candidate
        return base
    beside = BESIDE_CHECKOUT / subfolder
    return beside if beside.is_dir() else BUNDLED / subfolder
