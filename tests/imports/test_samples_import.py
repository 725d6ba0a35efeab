# SPDX-License-Identifier: EUPL-1.2
"""Every shared evidence sample imports into a case with its entry count."""

from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from meldpunt.imports import services
from meldpunt.imports.models import ImportStatus
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import LogbookEntry
from meldpunt.logbook.verification import verify_incident
from tests.core.evidence.conftest import load_expected, shared_evidence_dir

pytestmark = pytest.mark.django_db
EXPECTED = load_expected()
SAMPLES = sorted(EXPECTED)


def _mails(name: str) -> int:
    """A mail sample gives one entry for itself and one per attached mail."""
    expected = EXPECTED[name]
    attached = [
        item.get("embedded_message") for item in expected.get("attachments", [])
    ]
    attached = [item for item in attached if item] + expected.get("forwarded", [])
    return 1 + sum(_nested(item) for item in attached)


def _nested(message: dict[str, Any]) -> int:
    inner = [item.get("embedded_message") for item in message.get("attachments", [])]
    return 1 + sum(_nested(item) for item in inner if item)


@pytest.mark.parametrize("name", SAMPLES)
def test_shared_sample_imports_every_entry_and_keeps_the_chain(
    name: str, incident: Incident, ciso: AbstractBaseUser
) -> None:
    data = (shared_evidence_dir() / name).read_bytes()
    record = services.start_import(incident=incident, actor=ciso, name=name, data=data)
    if record.needs_date_order:
        services.choose_date_order(
            record=record, order=EXPECTED[name].get("date_order", "DMY"), actor=ciso
        )

    record = services.confirm_import(
        record=record, actor=ciso, selection=None, ours=[], time_zone="UTC"
    )

    imported = LogbookEntry.objects.filter(
        incident=incident, source_index__isnull=False
    )
    assert record.status == ImportStatus.DONE
    assert imported.count() == EXPECTED[name].get("messages_total", _mails(name))
    assert verify_incident(incident) is None
