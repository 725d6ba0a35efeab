# SPDX-License-Identifier: EUPL-1.2
"""The published answers of the EDPB's example cases (Guidelines 01/2021)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from meldpunt.core.assessment import assess


def _cases_dir() -> Path:
    configured = os.environ.get("MELDPUNT_SHARED_DIR")
    shared = (
        Path(configured)
        if configured
        else Path(__file__).resolve().parents[2].parent / "shared"
    )
    return shared / "data" / "breach-cases"


CASES_FILE = _cases_dir() / "edpb-01-2021.json"


def _load_cases() -> list[Any]:
    if not CASES_FILE.is_file():
        return []
    cases: list[Any] = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["id"].replace(" ", "-")) for case in cases]


CASES = _load_cases()
needs_cases = pytest.mark.skipif(
    not CASES,
    reason=f"EDPB example cases not found at {CASES_FILE}; "
    "set MELDPUNT_SHARED_DIR to the shared folder that holds data/breach-cases",
)


@needs_cases
def test_all_eighteen_edpb_cases_are_present() -> None:
    assert len(CASES) == 18


@needs_cases
@pytest.mark.parametrize("case", CASES or [None])
def test_edpb_case_gets_the_published_advice(case: dict[str, Any]) -> None:
    expected = case["expected"]

    advice = assess(case["facts"])

    assert advice["notify_authority"] == expected["notify_authority"]
    assert advice["notify_subjects"] == expected["notify_subjects"]
    assert advice["subjects_channel"] == expected["subjects_channel"]


@needs_cases
@pytest.mark.parametrize("case", CASES or [None])
def test_edpb_case_advice_gives_reasons_in_both_languages(
    case: dict[str, Any],
) -> None:
    dutch = assess(case["facts"])
    english = assess(case["facts"], language="en")

    assert dutch["reasons"] and len(dutch["reasons"]) == len(english["reasons"])
    assert dutch["reasons"] != english["reasons"]
