# SPDX-License-Identifier: EUPL-1.2
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from meldpunt.incidents.models import Incident, PersonalData
from meldpunt.incidents.services import open_incident

#: The foundation's scenario: 40 candidates' list with addresses and BSN
#: e-mailed to a journalist, who has not confirmed deletion.
SCENARIO_FACTS: dict[str, Any] = {
    "format": "meldpunt.breach-facts/1",
    "aware_at": "2026-03-28T22:30:00+01:00",
    "breach_types": ["confidentiality"],
    "personal_data": True,
    "data_categories": ["identity", "contact", "bsn"],
    "subjects": {"min": 40, "max": 40},
    "exposure": "untrusted_recipient",
    "recipient_confirmed_deletion": False,
    "malicious": False,
    "contact_details_known": "all",
}


@pytest.fixture
def scenario_facts() -> dict[str, Any]:
    return {**SCENARIO_FACTS, "subjects": dict(SCENARIO_FACTS["subjects"])}


@pytest.fixture
def make_incident(db: None) -> Callable[..., Incident]:
    def make(
        discovered_at: datetime | None = None,
        personal_data: str = PersonalData.YES,
    ) -> Incident:
        return open_incident(discovered_at=discovered_at, personal_data=personal_data)

    return make
