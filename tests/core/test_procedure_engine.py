# SPDX-License-Identifier: EUPL-1.2
"""The engine replays answers to the next step or outcome, refusing misfits."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.core.procedure import (
    Definition,
    DefinitionError,
    GivenAnswer,
    InvalidAnswerError,
    definition_from_data,
    enumerate_paths,
    next_step,
)

TO_STEP_5 = [
    ("start", "incident"),
    ("ciso_availability", "unreachable"),
    ("what_happened", "data_breach"),
    ("personal_data", "yes"),
    ("rights_and_freedoms", "may_be_harmed"),
]
ALL_DONE = ["director_informed", "fg_advice_requested", "considerations_recorded"]


def test_no_answers_yet_gives_the_start_step(kiesraad: Definition) -> None:
    result = next_step(kiesraad, [])

    assert result.step is not None and result.step.id == "start"
    assert result.actions == () and not result.finished


def test_reaching_a_step_triggers_its_on_enter_actions(kiesraad: Definition) -> None:
    result = next_step(kiesraad, TO_STEP_5)

    assert result.step is not None and result.step.id == "harm_decision"
    entered = [
        (a.type, a.params.get("role")) for a in result.actions if a.answer_id is None
    ]
    assert entered == [("consult", "director_on_duty"), ("consult", "fg")]


def test_answer_for_another_step_is_refused(kiesraad: Definition) -> None:
    with pytest.raises(InvalidAnswerError) as caught:
        next_step(kiesraad, [("start", "incident"), ("personal_data", "yes")])

    assert str(caught.value) == (
        "answer 2 is for step 'personal_data', "
        "but the procedure is at step 'ciso_availability'"
    )


def test_unknown_answer_is_refused_with_the_choices(kiesraad: Definition) -> None:
    with pytest.raises(InvalidAnswerError) as caught:
        next_step(kiesraad, [("start", "maybe")])

    assert str(caught.value) == (
        "step 'start' has no answer 'maybe' (choose from: incident, supplier, stuck)"
    )


def test_answer_after_the_outcome_is_refused(kiesraad: Definition) -> None:
    with pytest.raises(InvalidAnswerError, match="after the procedure ended"):
        next_step(kiesraad, [("start", "supplier"), ("start", "incident")])


def test_extra_data_is_accepted_when_it_fits(kiesraad: Definition) -> None:
    data = {
        "consultations": "Maandag met de BVC gebeld.",
        "solved": True,
        "solution": "Pas geblokkeerd.",
        "solved_at": "2026-03-02T09:30:00+01:00",
    }
    answers = [
        GivenAnswer("start", "incident"),
        GivenAnswer("ciso_availability", "unreachable"),
        GivenAnswer("what_happened", "physical", data),
    ]

    result = next_step(kiesraad, answers)

    assert result.outcome is not None and result.outcome.id == "reported_to_bvc"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"solved": "ja"}, "input 'solved': must be true or false"),
        ({"solved_at": "gisteren"}, "input 'solved_at': must be an ISO 8601"),
        ({"solved_at": "2026-03-02T09:30"}, "must be a date and time with a time zone"),
        ({"shoe_size": 44}, "unknown input(s): shoe_size"),
    ],
)
def test_misfitting_extra_data_is_refused(
    kiesraad: Definition, data: dict[str, Any], problem: str
) -> None:
    answers = [
        ("start", "incident"),
        ("ciso_availability", "unreachable"),
        ("what_happened", "can_wait", data),
    ]

    with pytest.raises(InvalidAnswerError) as caught:
        next_step(kiesraad, answers)

    assert problem in str(caught.value)
    assert "step 'what_happened', answer 'can_wait'" in str(caught.value)


def test_required_checklist_needs_every_item(kiesraad: Definition) -> None:
    partly = [*TO_STEP_5, ("harm_decision", "notify_ap", {"done": ALL_DONE[:2]})]

    with pytest.raises(InvalidAnswerError) as caught:
        next_step(kiesraad, partly)

    assert str(caught.value) == (
        "step 'harm_decision', answer 'notify_ap', input 'done': "
        "every item must be ticked; missing: considerations_recorded"
    )
    complete = [*TO_STEP_5, ("harm_decision", "notify_ap", {"done": ALL_DONE})]
    assert next_step(kiesraad, complete).path[-1] == "ap_notification"


def test_required_text_is_refused_when_empty(kiesraad: Definition) -> None:
    answers = [*TO_STEP_5[:4], ("rights_and_freedoms", "no_noteworthy_harm")]

    with pytest.raises(InvalidAnswerError, match="input 'reasons': is required"):
        next_step(kiesraad, answers)


def test_refused_data_is_never_echoed_in_the_error(kiesraad: Definition) -> None:
    secret = "BSN 123456782 van J. Jansen"
    answers = [*TO_STEP_5, ("harm_decision", "notify_ap", {"done": secret})]

    with pytest.raises(InvalidAnswerError) as caught:
        next_step(kiesraad, answers)

    assert "123456782" not in str(caught.value)


# -- properties ---------------------------------------------------------------

_ids = st.sampled_from(
    ["start", "incident", "unreachable", "what_happened", "data_breach", "yes", "x"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_ids, _ids), max_size=8))
def test_any_answers_give_a_result_or_a_clear_refusal(
    kiesraad: Definition, answers: list[tuple[str, str]]
) -> None:
    try:
        result = next_step(kiesraad, answers)
    except InvalidAnswerError as error:
        assert str(error)
    else:
        assert (result.step is None) == result.finished


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_walk_of_valid_choices_ends_at_an_enumerated_outcome(
    kiesraad: Definition, data: st.DataObject
) -> None:
    answers: list[tuple[str, str]] = []
    result = next_step(kiesraad, answers)
    while result.step is not None:
        choice = data.draw(st.sampled_from(result.step.question.answers))
        answers.append((result.step.id, choice.id))
        result = next_step(kiesraad, [(*a, _required(kiesraad, *a)) for a in answers])

    known = {(p.answers, p.outcome) for p in enumerate_paths(kiesraad)}
    assert result.outcome is not None
    assert (tuple(answers), result.outcome.id) in known


def _required(definition: Definition, step_id: str, answer_id: str) -> dict[str, Any]:
    if step_id == "harm_decision":
        return {"done": ALL_DONE}
    if answer_id == "no_noteworthy_harm":
        return {"reasons": "Alleen een schoenmaat gelekt."}
    return {}


@st.composite
def raw_graphs(draw: st.DrawFn) -> dict[str, Any]:
    """A random procedure: steps whose answers lead to steps or outcomes."""
    size = draw(st.integers(min_value=1, max_value=6))
    targets = st.one_of(
        st.integers(0, size - 1).map(lambda i: ("next", f"s{i}")),
        st.sampled_from([("outcome", "done"), ("outcome", "other")]),
    )
    steps = []
    for index in range(size):
        leads = draw(st.lists(targets, min_size=1, max_size=3))
        answers = [
            {"id": f"a{n}", "label": {"nl": "Antwoord"}, kind: target}
            for n, (kind, target) in enumerate(leads)
        ]
        steps.append(
            {
                "id": f"s{index}",
                "title": {"nl": "Stap"},
                "question": {"text": {"nl": "Vraag?"}, "answers": answers},
            }
        )
    outcomes = [{"id": o, "title": {"nl": o}} for o in ("done", "other")]
    return {
        "schema_version": 1,
        "id": "generated",
        "version": "1",
        "name": {"nl": "Gegenereerd"},
        "steps": steps,
        "outcomes": outcomes,
    }


def _edges(raw: dict[str, Any]) -> dict[str, set[str]]:
    return {
        step["id"]: {
            a.get("next") or "outcome:" + a["outcome"]
            for a in step["question"]["answers"]
        }
        for step in raw["steps"]
    }


def _closure(edges: dict[str, set[str]], start: str) -> set[str]:
    seen = {start}
    for _ in edges:
        seen |= {t for s in seen for t in edges.get(s, set())}
    return seen


@settings(max_examples=300, deadline=None)
@given(raw_graphs())
def test_a_random_graph_is_accepted_exactly_when_it_is_sound(
    raw: dict[str, Any],
) -> None:
    edges = _edges(raw)
    from_start = _closure(edges, "s0")
    sound = (
        all(step in from_start for step in edges)
        and {"outcome:done", "outcome:other"} <= from_start
        and all(
            any(t.startswith("outcome:") for t in _closure(edges, s)) for s in edges
        )
    )

    try:
        definition = definition_from_data(raw)
    except DefinitionError:
        assert not sound
        return

    assert sound
    for path in enumerate_paths(definition):
        result = next_step(definition, path.answers)
        assert result.outcome is not None and result.outcome.id == path.outcome
