# SPDX-License-Identifier: EUPL-1.2
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meldpunt.accounts.roles import Role
from meldpunt.core.availability import Path as ProcedurePath
from meldpunt.core.procedure import InvalidAnswerError
from meldpunt.guidance import services
from meldpunt.guidance.models import (
    Absence,
    DefinitionSnapshot,
    EmergencyNumberDisclosure,
    ProcedureAnswer,
)
from meldpunt.reports.services import submit_report
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db
KIESRAAD = (
    Path(__file__).resolve().parents[1] / "meldpunt" / "procedures" / "kiesraad.yaml"
)


def _guided_run(reporter=None):
    report = submit_report(
        description="Mail naar verkeerde ontvanger",
        submission_token=uuid.uuid4(),
        reporter=reporter,
        anonymous=reporter is None,
    )
    availability = services.current_availability()
    assert availability.path is ProcedurePath.GUIDED
    return services.start_procedure(
        incident=report.incident, actor=reporter, availability=availability
    )


def test_without_case_handlers_the_reporter_is_guided(make_user) -> None:
    run = _guided_run(make_user("melder"))

    assert run.guided
    assert run.incident.handler.username == "melder"
    assert services.run_state(run).step.id == "what_happened"


def test_a_step_answered_twice_is_recorded_once() -> None:
    run = _guided_run()
    services.answer_step(
        run=run, step_id="what_happened", answer_id="data_breach", data={}, actor=None
    )

    with pytest.raises(InvalidAnswerError):
        services.answer_step(
            run=run,
            step_id="what_happened",
            answer_id="data_breach",
            data={},
            actor=None,
        )

    assert ProcedureAnswer.objects.filter(run=run, step_id="what_happened").count() == 1


def test_starting_the_procedure_twice_returns_the_first_run(make_user) -> None:
    run = _guided_run()

    again = services.start_procedure(
        incident=run.incident, actor=None, availability=services.current_availability()
    )

    assert again == run
    assert run.answers.count() == 2


def test_an_edited_definition_does_not_rewrite_a_running_case(
    settings, tmp_path: Path
) -> None:
    run = _guided_run()
    edited = tmp_path / "ours.yaml"
    edited.write_text(
        "extends: default\nid: ours\nversion: '2'\n"
        "steps:\n  what_happened:\n    title: {nl: Nieuwe titel}\n",
        encoding="utf-8",
    )
    settings.MELDPUNT_PROCEDURE = str(edited)

    new_run = _guided_run()

    assert services.run_state(run).step.title.nl == "Wat is er aan de hand?"
    assert services.run_state(new_run).step.title.nl == "Nieuwe titel"
    assert DefinitionSnapshot.objects.count() == 2


def test_an_organisation_changes_threshold_mailbox_and_wording_without_code(
    settings, tmp_path: Path, make_user, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    ours = tmp_path / "gemeente.yaml"
    ours.write_text(
        "extends: default\nid: gemeente\nversion: '2026.1'\n"
        "settings:\n"
        "  thresholds: {ciso_unreachable_hours: 4}\n"
        "  mailboxes:\n    bvc: {address: beveiliging@gemeente.example}\n"
        "steps:\n  what_happened:\n    title: {nl: 'Wat is er precies gebeurd?'}\n",
        encoding="utf-8",
    )
    settings.MELDPUNT_PROCEDURE = str(ours)
    ciso = make_user("ciso", Role.CISO)
    Absence.objects.create(
        person=ciso, starts_at=timezone.now() - timedelta(hours=5), reachable=False
    )

    run = _guided_run()
    with django_capture_on_commit_callbacks(execute=True):
        page = _client_with_access(run).get(
            reverse("guidance:guide", args=[run.incident.reference])
        )
        _client_with_access(run).post(
            reverse("guidance:guide", args=[run.incident.reference]),
            {"answer": "physical"},
        )

    assert "Wat is er precies gebeurd?" in page.content.decode()
    assert [m.to for m in mailoutbox if "beveiliging@gemeente.example" in m.to]


def _client_with_access(run) -> Client:
    client = Client()
    session = client.session
    session["meldpunt_guided_cases"] = [run.incident.reference]
    session.save()
    return client


def test_the_guide_is_closed_to_other_visitors_without_revealing_the_case() -> None:
    run = _guided_run()

    existing = Client().get(reverse("guidance:guide", args=[run.incident.reference]))
    unknown = Client().get(reverse("guidance:guide", args=["MP-1999-0001"]))

    assert existing.status_code == unknown.status_code == 404
    assert "die u kunt volgen" in existing.content.decode()


def test_only_office_management_sees_the_emergency_number_and_each_view_is_recorded(
    settings, make_user
) -> None:
    settings.MELDPUNT_CISO_EMERGENCY_PHONE = "06 98765432"
    office, staff = Client(), Client()
    office.force_login(make_user("office", Role.OFFICE_MANAGEMENT))
    staff.force_login(make_user("collega"))

    first = office.get(reverse("guidance:emergency"))
    office.get(reverse("guidance:emergency"))
    refused = staff.get(reverse("guidance:emergency"))

    assert "06 98765432" in first.content.decode()
    assert "no-store" in first["Cache-Control"]
    assert refused.status_code == 403
    assert EmergencyNumberDisclosure.objects.count() == 2


def test_contact_and_tips_pages_come_from_the_organisation_file(client: Client) -> None:
    contact = client.get(reverse("guidance:contact")).content.decode()
    tips = client.get(reverse("guidance:tips")).content.decode()

    assert "Informatiebeveiliging" in contact
    assert "meldpunt@kiesraad.example" in contact
    assert "maandag van 10.00 tot 11.00 uur" in tips
    assert "SSC-ICT servicedesk" in tips


def test_a_handler_records_and_ends_an_absence(make_user) -> None:
    client = Client()
    ciso = make_user("ciso", Role.CISO)
    log_in_verified(client, ciso)
    start = timezone.localtime() - timedelta(days=2)

    client.post(
        reverse("guidance:absences"),
        {"starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": ""},
    )
    assert services.current_availability().path is ProcedurePath.GUIDED

    client.post(reverse("guidance:end_absence", args=[Absence.objects.get().pk]))
    assert services.current_availability().reachable


def test_procedure_check_lists_every_branch(capsys) -> None:
    call_command("procedure", "check", str(KIESRAAD))

    output = capsys.readouterr().out
    assert "14 paths" in output
    for outcome in (
        "wait_for_ciso",
        "reported_to_bvc",
        "public_notice",
        "contact_via_office_management",
        "decided_not_to_notify",
    ):
        assert outcome in output


def test_procedure_check_refuses_a_dangling_reference(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        KIESRAAD.read_text(encoding="utf-8").replace(
            "next: rights_and_freedoms", "next: step9"
        ),
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match="step9"):
        call_command("procedure", "check", str(broken))


def test_a_reporter_guided_through_their_own_report_needs_no_authenticator(
    make_user,
) -> None:
    from meldpunt.accounts.roles import requires_second_factor

    reporter = make_user("melder")
    _guided_run(reporter)

    assert not requires_second_factor(reporter)
