# SPDX-License-Identifier: EUPL-1.2
"""The published answers of the EDPB's example cases (Guidelines 01/2021)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from meldpunt.core.assessment import assess
from tests.shared_data import shared_data_dir

CASES_FILE = shared_data_dir("breach-cases") / "edpb-01-2021.json"


def _load_cases() -> list[Any]:
    if not CASES_FILE.is_file():
        return []
    cases: list[Any] = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["id"].replace(" ", "-")) for case in cases]


CASES = _load_cases()


def test_all_eighteen_edpb_cases_are_present() -> None:
    assert len(CASES) == 18


@pytest.mark.parametrize("case", CASES)
def test_edpb_case_gets_the_published_advice(case: dict[str, Any]) -> None:
    expected = case["expected"]

    advice = assess(case["facts"])

    assert advice["notify_authority"] == expected["notify_authority"]
    assert advice["notify_subjects"] == expected["notify_subjects"]
    assert advice["subjects_channel"] == expected["subjects_channel"]


@pytest.mark.parametrize("case", CASES)
def test_edpb_case_advice_gives_reasons_in_both_languages(
    case: dict[str, Any],
) -> None:
    dutch = assess(case["facts"])
    english = assess(case["facts"], language="en")

    assert dutch["reasons"] and len(dutch["reasons"]) == len(english["reasons"])
    assert dutch["reasons"] != english["reasons"]
