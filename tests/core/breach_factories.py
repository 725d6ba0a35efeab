# SPDX-License-Identifier: EUPL-1.2
"""Breach facts for tests: a plain, harmless breach to start from."""

from __future__ import annotations

from typing import Any

from meldpunt.core.assessment import FACTS_FORMAT


def breach_facts(**fields: Any) -> dict[str, Any]:
    """A misdirected letter with one person's name and address, as a base case.

    Keyword arguments replace fields; a value of `...` removes the field.
    """
    facts: dict[str, Any] = {
        "format": FACTS_FORMAT,
        "breach_types": ["confidentiality"],
        "personal_data": True,
        "data_categories": ["identity", "contact"],
        "subjects": {"min": 1, "max": 1},
        "vulnerable_subjects": False,
        "unintelligible": False,
        "exposure": "untrusted_recipient",
        "recipient_confirmed_deletion": False,
        "malicious": False,
        "contact_details_known": "all",
    }
    facts.update(fields)
    return {key: value for key, value in facts.items() if value is not ...}
