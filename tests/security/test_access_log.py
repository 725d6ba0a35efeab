# SPDX-License-Identifier: EUPL-1.2
"""Every view of a case and download of evidence leaves an access record."""

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.accounts.models import AccessEvent
from meldpunt.accounts.roles import Role
from meldpunt.logbook.models import Evidence
from meldpunt.logbook.services import UploadedEvidence
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db


def test_viewing_and_downloading_are_recorded_and_shown_to_the_fg(
    ciso, make_user, make_report
) -> None:
    incident = make_report(files=[UploadedEvidence("log.txt", b"regels")]).incident
    evidence = Evidence.objects.get()
    client = log_in_verified(Client(), ciso)

    client.get(reverse("incidents:detail", args=[incident.reference]))
    client.get(reverse("incidents:evidence", args=[incident.reference, evidence.pk]))

    events = list(AccessEvent.objects.order_by("id"))
    assert [(e.person, e.action, e.reference) for e in events] == [
        (ciso, "view", incident.reference),
        (ciso, "download", incident.reference),
    ]
    assert events[1].evidence == evidence
    fg = log_in_verified(Client(), make_user("fg", Role.FG))
    page = fg.get(reverse("accounts:access_log"), {"zaak": incident.reference})
    assert "heeft bewijs gedownload: log.txt" in page.content.decode()


def test_refused_access_leaves_no_access_record(make_user, make_report) -> None:
    incident = make_report().incident
    office = log_in_verified(Client(), make_user("office", Role.OFFICE_MANAGEMENT))

    response = office.get(reverse("incidents:detail", args=[incident.reference]))

    assert response.status_code == 403
    assert not AccessEvent.objects.exists()
