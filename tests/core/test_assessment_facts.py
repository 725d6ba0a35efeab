# SPDX-License-Identifier: EUPL-1.2
"""Reading breach facts: every problem is reported at once, by field."""

from __future__ import annotations

import pytest

from meldpunt.core.assessment import (
    FactsError,
    assess,
    assess_all,
    find_problems,
    validate_facts,
    validate_facts_list,
)
from tests.core.breach_factories import breach_facts


def _problems(data: object) -> list[str]:
    with pytest.raises(FactsError) as raised:
        validate_facts(data)
    return raised.value.problems


def test_valid_facts_are_read_without_loss() -> None:
    facts = validate_facts(
        breach_facts(
            aware_at="2026-10-25T02:30:00+01:00",
            special_categories=["health"],
            data_categories=["identity", "special"],
            subjects={"min": 3, "max": 7},
            context="Vrije tekst blijft bewaard.",
        )
    )

    assert facts.aware_at is not None and facts.aware_at.isoformat() == (
        "2026-10-25T02:30:00+01:00"
    )
    assert facts.data_categories == ("identity", "special")
    assert facts.special_categories == ("health",)
    assert facts.subjects is not None
    assert (facts.subjects.min, facts.subjects.max) == (3, 7)
    assert facts.context == "Vrije tekst blijft bewaard."
    assert facts.sensitivity == "typical"


def test_every_problem_is_reported_at_once_naming_its_field() -> None:
    data = breach_facts(
        format="meldpunt.breach-facts/2",
        colour="red",
        breach_types=["confidentiality", "secrecy"],
        personal_data="yes",
        exposure="everyone",
        subjects={"min": 5},
        aware_at="2026-03-28T22:30:00",
        malicious=1,
    )

    problems = _problems(data)

    assert len(problems) == 8
    for field in (
        "format",
        "colour",
        "breach_types[1]",
        "personal_data",
        "exposure",
        "subjects.max",
        "aware_at",
        "malicious",
    ):
        assert any(problem.startswith(f"{field}:") for problem in problems), field


def test_error_message_lists_all_problems() -> None:
    with pytest.raises(FactsError) as raised:
        validate_facts(breach_facts(colour="red", shade="dark"))

    assert "colour: unknown field" in str(raised.value)
    assert "shade: unknown field" in str(raised.value)


@pytest.mark.parametrize("missing", ["format", "breach_types"])
def test_required_fields_are_required(missing: str) -> None:
    problems = _problems(breach_facts(**{missing: ...}))

    assert problems == [problem for problem in problems if problem.startswith(missing)]
    assert len(problems) == 1


def test_breach_types_may_not_be_empty() -> None:
    assert _problems(breach_facts(breach_types=[])) == [
        "breach_types: give at least one of confidentiality, integrity, availability"
    ]


def test_a_value_listed_twice_is_a_problem() -> None:
    problems = _problems(breach_facts(data_categories=["bsn", "bsn"]))

    assert problems == ["data_categories[1]: 'bsn' is listed twice"]


@pytest.mark.parametrize(
    ("subjects", "problem"),
    [
        ({"min": 9, "max": 2}, "subjects: min 9 is larger than max 2"),
        ({"min": -1, "max": 2}, "subjects.min: expected a whole number"),
        ({"min": True, "max": 2}, "subjects.min: expected a whole number"),
        ({"min": 1, "max": 2.5}, "subjects.max: expected a whole number"),
        ({"min": 1, "max": 2, "avg": 1}, "subjects.avg: unknown field"),
        ([1, 2], "subjects: expected an object"),
    ],
)
def test_subject_ranges_are_checked(subjects: object, problem: str) -> None:
    problems = _problems(breach_facts(subjects=subjects))

    assert len(problems) == 1
    assert problems[0].startswith(problem)


def test_special_categories_need_the_special_data_category() -> None:
    problems = _problems(breach_facts(special_categories=["health"]))

    assert problems == [
        "special_categories: given, but data_categories does not list 'special'"
    ]


def test_aware_at_must_be_a_date_and_time() -> None:
    assert _problems(breach_facts(aware_at="morgen"))[0].startswith("aware_at:")
    assert _problems(breach_facts(aware_at=20260101))[0].startswith("aware_at:")


def test_null_means_not_known_for_every_optional_field() -> None:
    optional = {
        name: None
        for name in (
            "aware_at",
            "personal_data",
            "data_categories",
            "special_categories",
            "subjects",
            "vulnerable_subjects",
            "sensitivity",
            "unintelligible",
            "backup",
            "exposure",
            "recipient_confirmed_deletion",
            "exfiltration",
            "malicious",
            "already_public",
            "mitigated",
            "contact_details_known",
            "context",
        )
    }

    assert find_problems(breach_facts(**optional)) == []


def test_something_other_than_an_object_is_refused() -> None:
    assert _problems(["not", "facts"]) == [
        "(root): expected a JSON object, got a list (['not', 'facts'])"
    ]


def test_a_list_of_facts_reports_problems_by_index() -> None:
    data = [breach_facts(), breach_facts(exposure="everyone"), "junk"]

    with pytest.raises(FactsError) as raised:
        validate_facts_list(data)

    assert raised.value.problems[0].startswith("[1].exposure:")
    assert raised.value.problems[1].startswith("[2].(root):")


def test_a_list_of_facts_is_assessed_in_order() -> None:
    advice = assess_all([breach_facts(), breach_facts(personal_data=False)])

    assert [item["notify_authority"] for item in advice] == ["yes", "no"]


def test_assess_refuses_invalid_facts_with_all_problems() -> None:
    with pytest.raises(FactsError) as raised:
        assess(breach_facts(exposure="everyone", backup="tape"))

    assert len(raised.value.problems) == 2
