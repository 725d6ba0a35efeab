# SPDX-License-Identifier: EUPL-1.2
"""The logbook is written in the organisation's language, whoever acts."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from meldpunt.incidents import services
from meldpunt.incidents.workflow import Kind, Status
from meldpunt.logbook.models import LogbookEntry

pytestmark = pytest.mark.django_db


def test_an_english_reader_acting_on_a_case_adds_dutch_entries(
    make_report, ciso
) -> None:
    incident = make_report().incident

    with translation.override("en"):
        services.classify_incident(
            incident=incident, kind=Kind.POSSIBLE_BREACH, actor=ciso
        )
        services.change_status(incident=incident, status=Status.TRIAGE, actor=ciso)
        with pytest.raises(ValidationError) as refused:
            services.change_status(incident=incident, status=Status.NEW, actor=ciso)

    summaries = list(
        LogbookEntry.objects.filter(incident=incident)
        .order_by("sequence")
        .values_list("summary", flat=True)
    )
    assert summaries[-2:] == [
        "Geclassificeerd als: Mogelijk datalek (was: Nog onbekend)",
        "Status gewijzigd van Nieuw naar Triage",
    ]
    # What the person reads stays in their own language.
    assert refused.value.messages == ["A case with status Triage cannot move to New."]
