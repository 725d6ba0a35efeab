# SPDX-License-Identifier: EUPL-1.2
import os
from pathlib import Path
from typing import Any

import pytest
import yaml


def shared_evidence_dir() -> Path:
    """The shared sample folder beside the checkout, or $MELDPUNT_SHARED_DIR."""
    configured = os.environ.get("MELDPUNT_SHARED_DIR")
    if configured:
        base = Path(configured)
        nested = base / "data" / "evidence"
        return nested if nested.is_dir() else base
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "evidence"


def load_expected() -> dict[str, Any]:
    path = shared_evidence_dir() / "EXPECTED.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as stream:
        loaded: dict[str, Any] = yaml.safe_load(stream)
    return loaded["files"]


@pytest.fixture
def sample_dir() -> Path:
    folder = shared_evidence_dir()
    if not (folder / "EXPECTED.yaml").is_file():
        pytest.skip(f"shared evidence samples not found at {folder}")
    return folder
