# SPDX-License-Identifier: EUPL-1.2
"""A long logbook is shown in pages, and its chain checked where it matters."""

import pytest
from django.test import Client

from meldpunt.imports import services as imports
from meldpunt.incidents import views
from meldpunt.logbook.models import LogbookEntry

pytestmark = pytest.mark.django_db


def _long_case(make_report, ciso, messages: int = 250):
    incident = make_report().incident
    chat = "".join(
        f"25/03/2024, 10:{index // 60:02d} - Sanne: bericht {index}\n"
        for index in range(messages)
    )
    record = imports.start_import(
        incident=incident, actor=ciso, name="chat.txt", data=chat.encode()
    )
    imports.confirm_import(
        record=record, actor=ciso, selection=None, ours=[], time_zone="Europe/Amsterdam"
    )
    return incident


def test_the_case_page_shows_the_latest_entries_and_pages_back(
    make_report, ciso, ciso_client: Client, settings
) -> None:
    settings.MELDPUNT_IMPORT_INLINE_MAX = 1000
    incident = _long_case(make_report, ciso)
    total = LogbookEntry.objects.filter(incident=incident).count()

    latest = ciso_client.get(incident.get_absolute_url()).content.decode()
    first = ciso_client.get(incident.get_absolute_url() + "?logboek=1").content.decode()

    assert f'id="entry-{total}"' in latest
    assert 'id="entry-1"' not in latest
    assert f"Regels 201–{total} van {total}" in latest
    assert 'id="entry-1"' in first and 'id="entry-101"' not in first
    assert "Regels 1–100 van" in first


def test_a_long_chain_is_checked_at_its_end_on_the_page(
    make_report, ciso, ciso_client: Client, settings, monkeypatch
) -> None:
    settings.MELDPUNT_IMPORT_INLINE_MAX = 1000
    monkeypatch.setattr(views, "CHAIN_CHECK_ENTRIES", 50)
    incident = _long_case(make_report, ciso)
    total = LogbookEntry.objects.filter(incident=incident).count()

    page = ciso_client.get(incident.get_absolute_url()).content.decode()
    assert f"intact voor de laatste 50 van {total} regels" in page

    LogbookEntry.objects.filter(incident=incident, sequence=total - 10).update(
        summary="Herschreven"
    )
    page = ciso_client.get(incident.get_absolute_url()).content.decode()
    assert f"Hashketen verbroken bij regel #{total - 10}" in page
