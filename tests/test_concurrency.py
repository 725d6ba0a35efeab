# SPDX-License-Identifier: EUPL-1.2
"""Many people reporting in the same second all get their confirmation."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from meldpunt.core.chain import verify_chain
from meldpunt.incidents.models import Incident
from meldpunt.logbook.verification import chain_links
from meldpunt.reports.models import Report

THREADS = 8


def _run_in_threads(target, count: int) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait()
            target(index)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reports_are_each_stored_exactly_once() -> None:
    tokens = [str(uuid.uuid4()) for _ in range(THREADS)]
    statuses: list[int] = []

    def post(index: int) -> None:
        response = Client().post(
            reverse("reports:report"),
            {
                "description": f"Melding {index}",
                "personal_data": "no",
                "submission_token": tokens[index],
            },
        )
        statuses.append(response.status_code)

    errors = _run_in_threads(post, THREADS)

    assert errors == []
    # An anonymous report answers at once with its receipt page (no redirect).
    assert statuses == [200] * THREADS
    assert sorted(Report.objects.values_list("description", flat=True)) == sorted(
        f"Melding {i}" for i in range(THREADS)
    )
    references = list(Incident.objects.values_list("reference", flat=True))
    assert len(set(references)) == THREADS


@pytest.mark.django_db(transaction=True)
def test_the_same_form_posted_from_several_threads_makes_one_report() -> None:
    token = str(uuid.uuid4())

    def post(index: int) -> None:
        Client().post(
            reverse("reports:report"),
            {"description": "Dubbel", "personal_data": "no", "submission_token": token},
        )

    errors = _run_in_threads(post, 4)

    assert errors == []
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_to_one_chain_leave_it_verifiable(make_user) -> None:
    from meldpunt.incidents.services import add_note
    from meldpunt.reports.services import submit_report

    ciso = make_user("ciso-concurrent")
    incident = submit_report(
        description="Start",
        submission_token=uuid.uuid4(),
        reporter=None,
        anonymous=True,
    ).incident

    def write(index: int) -> None:
        for round_number in range(3):
            add_note(
                incident=incident, text=f"Notitie {index}.{round_number}", actor=ciso
            )

    errors = _run_in_threads(write, 4)

    assert errors == []
    links = chain_links(incident)
    assert [link.sequence for link in links] == list(range(1, 14))
    assert verify_chain(links) is None


@pytest.mark.django_db(transaction=True)
def test_threads_appending_entries_with_evidence_leave_the_chain_verifiable(
    make_user,
) -> None:
    from meldpunt.logbook.models import EntryKind
    from meldpunt.logbook.services import UploadedEvidence, append_entry
    from meldpunt.logbook.verification import check_incident
    from meldpunt.reports.services import submit_report

    ciso = make_user("ciso-bewijs")
    incident = submit_report(
        description="Start", submission_token=uuid.uuid4(), reporter=None
    ).incident

    def write(index: int) -> None:
        first = append_entry(
            incident=incident,
            actor=ciso,
            kind=EntryKind.COMMUNICATION,
            summary=f"Mail {index}",
            files=[UploadedEvidence(f"mail-{index}.eml", f"Mail {index}".encode())],
        )
        append_entry(
            incident=incident,
            actor=ciso,
            kind=EntryKind.NOTE,
            summary=f"Correctie {index}",
            corrects=first,
        )

    errors = _run_in_threads(write, THREADS)

    state = check_incident(incident)
    assert errors == []
    assert (state.intact, state.length) == (True, 1 + 2 * THREADS)


_CHILD = """
import os, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import EntryKind
from meldpunt.logbook.services import append_entry

incident = Incident.objects.get(pk=int(sys.argv[1]))
actor = get_user_model().objects.get(pk=int(sys.argv[2]))
while not os.path.exists(sys.argv[3]):
    time.sleep(0.01)
for number in range(5):
    append_entry(
        incident=incident, actor=actor, kind=EntryKind.NOTE,
        summary=f"Proces {os.getpid()} notitie {number}",
    )
"""


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"], settings["HOST"], settings["PORT"]
    return f"postgres://{user}@{host}:{port or 5432}/{settings['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_processes_appending_to_one_chain_leave_it_verifiable(
    make_user, tmp_path
) -> None:
    import os
    import subprocess
    import sys

    from meldpunt.logbook.verification import check_incident
    from meldpunt.reports.services import submit_report

    ciso = make_user("ciso-processen")
    incident = submit_report(
        description="Start", submission_token=uuid.uuid4(), reporter=None
    ).incident
    start = tmp_path / "start"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "meldpunt.settings.test",
        "DATABASE_URL": _database_url(),
    }

    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(incident.pk), str(ciso.pk), str(start)],
            env=env,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    start.touch()
    outputs = [child.communicate(timeout=60)[1] for child in children]
    failures = [
        out for child, out in zip(children, outputs, strict=True) if child.returncode
    ]

    state = check_incident(incident)
    assert failures == []
    assert (state.intact, state.length) == (True, 1 + 4 * 5)
