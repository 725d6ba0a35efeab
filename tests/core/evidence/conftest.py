# SPDX-License-Identifier: EUPL-1.2
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.shared_data import shared_data_dir


def shared_evidence_dir() -> Path:
    """The evidence samples and their EXPECTED.yaml (see tests/shared_data.py)."""
    return shared_data_dir("evidence")


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
        pytest.fail(f"evidence samples not found at {folder}")
    return folder
