# SPDX-License-Identifier: EUPL-1.2
"""ENISA severity, part by part, and how it moves when the facts get worse."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.core.assessment import assess, explain, validate_facts
from meldpunt.core.assessment.facts import (
    BACKUPS,
    BREACH_TYPES,
    CONTACT_DETAILS,
    DATA_CATEGORIES,
    EXFILTRATIONS,
    EXPOSURES,
    SENSITIVITIES,
)
from meldpunt.core.assessment.severity import SCORE_MAX, SCORE_MIN, Severity
from tests.core.breach_factories import breach_facts

ADVICE_RANK = {"no": 0, "judgement": 1, "yes": 2}


def _severity(**fields: Any) -> Severity:
    return explain(validate_facts(breach_facts(**fields))).severity


@pytest.mark.parametrize(
    ("categories", "dpc"),
    [
        (["identity", "contact"], 1),
        (["identity", "location"], 2),
        (["identity", "communications"], 2),
        (["identity", "financial"], 3),
        (["identity", "bsn"], 3),
        (["identity", "credentials"], 3),
        (["identity", "id_document"], 3),
        (["identity", "special"], 4),
        (["identity", "criminal"], 4),
    ],
)
def test_dpc_takes_the_base_score_of_the_weightiest_category(
    categories: list[str], dpc: int
) -> None:
    assert _severity(data_categories=categories).dpc == dpc


@pytest.mark.parametrize(
    ("fields", "dpc"),
    [
        ({"sensitivity": "higher"}, 3),
        ({"sensitivity": "lower"}, 1),
        ({"vulnerable_subjects": True}, 3),
        ({"already_public": True}, 1),
        ({"vulnerable_subjects": True, "sensitivity": "higher"}, 4),
    ],
)
def test_dpc_context_adjusts_the_base_score(fields: dict[str, Any], dpc: int) -> None:
    assert _severity(data_categories=["identity", "location"], **fields).dpc == dpc


def test_dpc_stays_within_one_and_four() -> None:
    assert _severity(data_categories=["other"], sensitivity="lower").dpc == 1
    assert _severity(data_categories=["special"], vulnerable_subjects=True).dpc == 4


@pytest.mark.parametrize(
    ("categories", "ei"),
    [
        (["identity"], 1.0),
        (["bsn"], 1.0),
        (["id_document"], 1.0),
        (["contact"], 0.75),
        (["credentials"], 0.5),
        (["special"], 0.5),
    ],
)
def test_ei_follows_how_directly_the_data_identify_people(
    categories: list[str], ei: float
) -> None:
    assert _severity(data_categories=categories).ei == ei


@pytest.mark.parametrize(
    ("exposure", "loss"),
    [
        ("none", 0.0),
        ("trusted_recipient", 0.0),
        ("untrusted_recipient", 0.25),
        ("unknown_recipients", 0.5),
        ("public", 0.5),
    ],
)
def test_cb_confidentiality_grows_with_exposure(exposure: str, loss: float) -> None:
    assert _severity(exposure=exposure).confidentiality == loss


def test_cb_confidentiality_is_nil_for_unreadable_or_unexfiltrated_data() -> None:
    wide = {"exposure": "unknown_recipients", "malicious": True}

    assert _severity(unintelligible=True, **wide).confidentiality == 0.0
    assert _severity(exfiltration="ruled_out", **wide).confidentiality == 0.0


@pytest.mark.parametrize(
    ("backup", "loss"), [("restored", 0.0), ("available", 0.25), ("none", 0.5)]
)
def test_cb_integrity_and_availability_follow_recovery(
    backup: str, loss: float
) -> None:
    severity = _severity(breach_types=["integrity", "availability"], backup=backup)

    assert severity.integrity == loss
    assert severity.availability == loss


def test_cb_malicious_intent_adds_half_a_point() -> None:
    assert _severity(malicious=True).malicious == 0.5
    assert _severity(malicious=False).malicious == 0.0


def test_score_is_dpc_times_ei_plus_cb_and_sets_the_level() -> None:
    severity = _severity(data_categories=["identity", "bsn"], malicious=True)

    assert severity.score == 3 * 1.0 + 0.25 + 0.5
    assert severity.level == "high"


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (1.75, "low"),
        (2.0, "medium"),
        (2.75, "medium"),
        (3.0, "high"),
        (4.0, "very_high"),
    ],
)
def test_levels_follow_enisa_thresholds(score: float, level: str) -> None:
    severity = Severity(
        dpc=1,
        ei=1.0,
        confidentiality=score - 1,
        integrity=0,
        availability=0,
        malicious=0,
    )

    assert severity.level == level


facts_strategy = st.fixed_dictionaries(
    {
        "format": st.just("meldpunt.breach-facts/1"),
        "breach_types": st.lists(
            st.sampled_from(BREACH_TYPES), min_size=1, max_size=3, unique=True
        ),
    },
    optional={
        "personal_data": st.sampled_from([True, None]),
        "data_categories": st.lists(
            st.sampled_from(DATA_CATEGORIES), min_size=1, max_size=4, unique=True
        ),
        "subjects": st.integers(1, 200_000).map(lambda n: {"min": n, "max": n}),
        "vulnerable_subjects": st.sampled_from([False, None]),
        "sensitivity": st.sampled_from(SENSITIVITIES),
        "unintelligible": st.sampled_from([True, False, None]),
        "backup": st.sampled_from([*BACKUPS, None]),
        "exposure": st.sampled_from(EXPOSURES),
        "recipient_confirmed_deletion": st.sampled_from([True, False, None]),
        "exfiltration": st.sampled_from([*EXFILTRATIONS, None]),
        "malicious": st.just(False),
        "already_public": st.sampled_from([True, False, None]),
        "mitigated": st.sampled_from([True, False, None]),
        "contact_details_known": st.sampled_from([*CONTACT_DETAILS, None]),
    },
)


def _worse_exposure(facts: dict[str, Any], step: int) -> dict[str, Any]:
    current = EXPOSURES.index(facts["exposure"])
    return {**facts, "exposure": EXPOSURES[min(current + step, len(EXPOSURES) - 1)]}


def _more_people(facts: dict[str, Any], extra: int) -> dict[str, Any]:
    count = facts.get("subjects", {"max": 1})["max"] + extra
    return {**facts, "subjects": {"min": count, "max": count}}


def _more_data(facts: dict[str, Any], category: str) -> dict[str, Any]:
    categories = list(facts["data_categories"])
    if category not in categories:
        categories.append(category)
    return {**facts, "data_categories": categories}


def _worsenings() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(1, 1_000_000).map(lambda n: lambda f: _more_people(f, n)),
        st.sampled_from(DATA_CATEGORIES).map(lambda c: lambda f: _more_data(f, c)),
        st.integers(1, 4).map(lambda s: lambda f: _worse_exposure(f, s)),
        st.just(lambda f: {**f, "malicious": True}),
        st.just(lambda f: {**f, "vulnerable_subjects": True}),
        st.just(lambda f: {**f, "exposure": "public"}),
    )


def _with_known_volume_and_data(facts: dict[str, Any]) -> dict[str, Any]:
    """Learning an unknown fact is not making it worse: start from known ones."""
    return {
        **facts,
        "subjects": facts.get("subjects", {"min": 1, "max": 1}),
        "data_categories": facts.get("data_categories", ["other"]),
        "exposure": facts.get("exposure", "none"),
    }


@settings(max_examples=300, deadline=None)
@given(facts_strategy)
def test_severity_stays_within_its_range(facts: dict[str, Any]) -> None:
    severity = assess(facts)["severity"]

    assert isinstance(severity, dict)
    assert SCORE_MIN <= severity["score"] <= SCORE_MAX
    assert 1 <= severity["dpc"] <= 4
    assert 0.25 <= severity["ei"] <= 1
    assert 0 <= severity["cb"] <= 2


@settings(max_examples=400, deadline=None)
@given(facts_strategy.map(_with_known_volume_and_data), _worsenings())
def test_a_worse_fact_never_lowers_severity_or_advice(
    facts: dict[str, Any], worsen: Any
) -> None:
    before = assess(facts)
    after = assess(worsen(facts))

    assert after["severity"]["score"] >= before["severity"]["score"]
    for duty in ("notify_authority", "notify_subjects"):
        assert ADVICE_RANK[after[duty]] >= ADVICE_RANK[before[duty]]
