# SPDX-License-Identifier: EUPL-1.2
"""The shipped Kiesraad definition follows every branch of PROCEDURE.md."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from meldpunt.core.procedure import (
    Definition,
    GivenAnswer,
    ProcedurePath,
    StepResult,
    TooManyPathsError,
    check_definition,
    default_definition_path,
    enumerate_paths,
    format_paths,
    format_summary,
    next_step,
)

Fill = Callable[[Definition, ProcedurePath], list[GivenAnswer]]

REPORT = (
    "send_to_mailbox(address=meldpunt@kiesraad.example,content=report,mailbox=security)"
)
DOSSIER = (
    "send_to_mailbox(address=meldpunt@kiesraad.example,"
    "content=dossier,mailbox=security)"
)
CLOCK = "start_clock(clock=decision,from=discovery,hours=72)"
DIRECTOR = "consult(role=director_on_duty)"
FG = "consult(role=fg)"
APPROVALS = {
    "require_approval(of=ap_notification,role=director_on_duty)",
    "require_approval(of=ap_notification,role=fg)",
}
DATA_BREACH = (
    "start:incident",
    "ciso_availability:unreachable",
    "what_happened:data_breach",
)
HARM = (*DATA_BREACH, "personal_data:yes", "rights_and_freedoms:may_be_harmed")

# branch of PROCEDURE.md -> (answers, outcome, actions that must be triggered)
BRANCHES: dict[str, tuple[tuple[str, ...], str, set[str]]] = {
    "1b": (
        ("start:incident", "ciso_availability:reachable"),
        "wait_for_ciso",
        {REPORT},
    ),
    "2a": (
        ("start:incident", "ciso_availability:unreachable", "what_happened:can_wait"),
        "reported_to_mailbox",
        {
            "become_handler()",
            "preserve_evidence()",
            "record(item=consultations)",
            "record(item=solution_and_solved_at)",
            REPORT,
        },
    ),
    "2b": (
        ("start:incident", "ciso_availability:unreachable", "what_happened:physical"),
        "reported_to_bvc",
        {
            "notify_role(address=bvc@kiesraad.example,role=bvc)",
            "record(item=solution_and_solved_at)",
            REPORT,
        },
    ),
    "3b with impact": (
        (*DATA_BREACH, "personal_data:no", "non_personal_impact:impact_expected"),
        "dossier_to_mailbox",
        {"record(item=containment_measures)", DIRECTOR, DOSSIER},
    ),
    "3b without impact": (
        (*DATA_BREACH, "personal_data:no", "non_personal_impact:no_impact"),
        "dossier_to_mailbox",
        {"record(item=impact_assessment)", DOSSIER},
    ),
    "3a, 4b": (
        (*DATA_BREACH, "personal_data:yes", "rights_and_freedoms:no_noteworthy_harm"),
        "dossier_to_mailbox",
        {CLOCK, "open_assessment()", DIRECTOR, "record(item=assessment_and_reasons)"},
    ),
    "4a, 5 no notification": (
        (*HARM, "harm_decision:no_notification"),
        "decided_not_to_notify",
        {CLOCK, DIRECTOR, FG, "record(item=considerations_and_decisions)", DOSSIER},
    ),
    "5, 6": (
        (*HARM, "harm_decision:notify_ap", "ap_notification:ap_only"),
        "notify_ap",
        {CLOCK, FG, "draft_notification(kind=ap)", *APPROVALS, DOSSIER},
    ),
    "5, 6, 7a": (
        (
            *HARM,
            "harm_decision:notify_ap",
            "ap_notification:inform_subjects",
            "data_subject_notification:contacts_known",
        ),
        "inform_subjects_individually",
        {
            "draft_notification(kind=ap)",
            *APPROVALS,
            "draft_notification(kind=data_subjects_individual)",
        },
    ),
    "5, 6, 7b": (
        (
            *HARM,
            "harm_decision:notify_ap",
            "ap_notification:inform_subjects",
            "data_subject_notification:contacts_unknown",
        ),
        "public_notice",
        {
            "draft_notification(kind=ap)",
            *APPROVALS,
            "draft_notification(kind=public_notice)",
        },
    ),
    "5, 7a": (
        (
            *HARM,
            "harm_decision:notify_subjects_only",
            "data_subject_notification:contacts_known",
        ),
        "inform_subjects_individually",
        {CLOCK, DIRECTOR, FG, "draft_notification(kind=data_subjects_individual)"},
    ),
    "5, 7b": (
        (
            *HARM,
            "harm_decision:notify_subjects_only",
            "data_subject_notification:contacts_unknown",
        ),
        "public_notice",
        {CLOCK, "draft_notification(kind=public_notice)", DOSSIER},
    ),
    "C supplier": (
        ("start:supplier",),
        "contact_via_office_management",
        {"refer_to_role(role=office_management)"},
    ),
    "C stuck": (
        ("start:stuck",),
        "contact_via_office_management",
        {"refer_to_role(role=office_management)"},
    ),
}


def signatures(result: StepResult) -> list[str]:
    return [
        f"{a.type}({','.join(f'{k}={v}' for k, v in sorted(a.params.items()))})"
        for a in result.actions
    ]


def as_keys(path: ProcedurePath) -> tuple[str, ...]:
    return tuple(f"{step}:{answer}" for step, answer in path.answers)


def test_every_path_of_the_shipped_definition_is_a_branch_of_the_procedure(
    kiesraad: Definition,
) -> None:
    paths = {as_keys(path) for path in enumerate_paths(kiesraad)}

    assert paths == {answers for answers, _, _ in BRANCHES.values()}


@pytest.mark.parametrize("branch", sorted(BRANCHES))
def test_branch_ends_at_its_outcome_with_its_actions(
    kiesraad: Definition, fill: Fill, branch: str
) -> None:
    answers, outcome, expected = BRANCHES[branch]
    path = next(p for p in enumerate_paths(kiesraad) if as_keys(p) == answers)

    result = next_step(kiesraad, fill(kiesraad, path))

    assert result.finished
    assert result.outcome is not None and result.outcome.id == outcome
    assert path.outcome == outcome
    assert expected <= set(signatures(result))


@pytest.mark.parametrize("branch", sorted(BRANCHES))
def test_clock_and_notifications_only_where_the_procedure_asks(
    kiesraad: Definition, fill: Fill, branch: str
) -> None:
    answers, _, _ = BRANCHES[branch]
    path = next(p for p in enumerate_paths(kiesraad) if as_keys(p) == answers)

    actions = signatures(next_step(kiesraad, fill(kiesraad, path)))

    assert (CLOCK in actions) == ("personal_data:yes" in answers)
    assert (FG in actions) == ("rights_and_freedoms:may_be_harmed" in answers)
    at_step_6 = any(a.startswith("ap_notification:") for a in answers)
    assert (set(actions) >= APPROVALS) == at_step_6
    drafts = [a for a in actions if a.startswith("draft_notification")]
    assert len(drafts) == sum(
        a.startswith(("ap_notification", "data_subject_notification")) for a in answers
    )


def test_1a_makes_the_reporter_the_handler_and_asks_what_happened(
    kiesraad: Definition,
) -> None:
    result = next_step(
        kiesraad, [("start", "incident"), ("ciso_availability", "unreachable")]
    )

    assert result.step is not None and result.step.id == "what_happened"
    assert [a.type for a in result.actions] == ["become_handler"]
    assert result.path == ("start", "ciso_availability", "what_happened")


def test_step_5_shows_the_decision_deadline_from_the_settings(
    kiesraad: Definition,
) -> None:
    step = kiesraad.steps["harm_decision"]

    assert step.deadline == "decision"
    assert "72 uur" in step.title.nl
    assert "72 hours" in step.title.en


def test_steps_6_and_7_hand_over_to_notification_screens(kiesraad: Definition) -> None:
    assert kiesraad.steps["ap_notification"].screen == "ap_notification"
    screen = kiesraad.steps["data_subject_notification"].screen
    assert screen == "data_subject_notification"
    assert kiesraad.outcomes["public_notice"].screen == "data_subject_notification"


def test_every_text_has_dutch_and_english(kiesraad: Definition) -> None:
    texts = [kiesraad.name, kiesraad.description]
    for step in kiesraad.steps.values():
        texts += [step.title, step.explanation, step.question.text]
        texts += [answer.label for answer in step.question.answers]
    texts += [outcome.title for outcome in kiesraad.outcomes.values()]

    assert all(text.nl and text.en for text in texts)
    assert not any("{" in text.nl + text.en for text in texts)


def test_check_of_the_shipped_file_lists_fourteen_numbered_paths() -> None:
    result = check_definition(default_definition_path())

    assert result.ok and result.definition is not None
    printed = format_paths(result.definition, result.paths)
    assert printed.splitlines()[0] == "14 paths from 'start' to 9 outcomes:"
    assert "14. start:stuck => contact_via_office_management" in printed


def test_summary_names_steps_outcomes_and_settings(kiesraad: Definition) -> None:
    summary = format_summary(kiesraad, language="en")

    assert "5/harm_decision: Consult and decide within 72 hours" in summary
    assert (
        "Thresholds: ciso_unreachable_hours=24, decision_deadline_hours=72" in summary
    )
    assert "public_notice: Decided: publish a notice on the website" in summary
    assert kiesraad.digest in summary


def test_path_enumeration_stops_at_its_limit(kiesraad: Definition) -> None:
    with pytest.raises(TooManyPathsError, match="more than 13 paths"):
        enumerate_paths(kiesraad, limit=13)

    assert len(enumerate_paths(kiesraad, limit=14)) == 14
