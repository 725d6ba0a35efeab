# SPDX-License-Identifier: EUPL-1.2
"""Broken definitions are refused with every problem, naming step and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from meldpunt.core.procedure import (
    DefinitionError,
    check_definition,
    definition_from_data,
    format_problems,
    load_definition,
)


def problems_of(raw: object) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        definition_from_data(raw)
    return [str(problem) for problem in caught.value.problems]


def answers(raw: dict[str, Any], step: int) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = raw["steps"][step]["question"]["answers"]
    return result


def test_minimal_definition_is_accepted(minimal: dict[str, Any]) -> None:
    definition = definition_from_data(minimal)

    assert list(definition.steps) == ["first", "second"]
    assert definition.start == "first"


def test_dangling_next_step_is_named_with_step_answer_and_field(
    minimal: dict[str, Any],
) -> None:
    answers(minimal, 0)[0]["next"] = "step9"

    assert (
        "step 'first', answer 'go_on', field 'next': next step 'step9' does not exist"
        in problems_of(minimal)
    )


def test_dangling_outcome_is_refused(minimal: dict[str, Any]) -> None:
    answers(minimal, 0)[1]["outcome"] = "vanished"

    assert (
        "step 'first', answer 'stop', field 'outcome': "
        "outcome 'vanished' does not exist" in problems_of(minimal)
    )


def test_unreachable_step_is_refused(minimal: dict[str, Any]) -> None:
    answers(minimal, 0)[0].pop("next")
    answers(minimal, 0)[0]["outcome"] = "done"

    problems = problems_of(minimal)

    assert problems == [
        "step 'second', field 'id': "
        "unreachable: no answer leads here from start 'first'"
    ]


def test_loop_with_no_way_out_is_refused(minimal: dict[str, Any]) -> None:
    answers(minimal, 1)[0].pop("outcome")
    answers(minimal, 1)[0]["next"] = "third"
    minimal["steps"].append(
        {
            "id": "third",
            "title": {"nl": "Derde"},
            "question": {
                "text": {"nl": "Nog eens?"},
                "answers": [{"id": "again", "label": {"nl": "Ja"}, "next": "second"}],
            },
        }
    )

    problems = problems_of(minimal)

    no_exit = "no outcome can be reached from here: a loop with no way out"
    assert f"step 'second', field 'next': {no_exit}" in problems
    assert f"step 'third', field 'next': {no_exit}" in problems
    assert not any("step 'first'" in problem for problem in problems)


def test_loop_with_a_way_out_is_accepted(minimal: dict[str, Any]) -> None:
    answers(minimal, 1).append(
        {"id": "back", "label": {"nl": "Terug"}, "next": "first"}
    )

    definition = definition_from_data(minimal)

    assert [a.id for a in definition.steps["second"].question.answers] == [
        "finish",
        "back",
    ]


def test_duplicate_step_answer_and_outcome_ids_are_refused(
    minimal: dict[str, Any],
) -> None:
    minimal["steps"].append(dict(minimal["steps"][1]))
    answers(minimal, 0).append(dict(answers(minimal, 0)[1]))
    minimal["outcomes"].append(dict(minimal["outcomes"][0]))

    problems = problems_of(minimal)

    assert "definition, field 'id': duplicate step id 'second'" in problems
    assert "step 'first', field 'id': duplicate answer id 'stop'" in problems
    assert "definition, field 'id': duplicate outcome id 'done'" in problems


def test_answer_without_next_or_outcome_is_refused(minimal: dict[str, Any]) -> None:
    del answers(minimal, 0)[1]["outcome"]

    assert (
        "step 'first', answer 'stop', field 'next/outcome': "
        "give exactly one of 'next' or 'outcome'" in problems_of(minimal)
    )


def test_unknown_action_type_is_refused(minimal: dict[str, Any]) -> None:
    answers(minimal, 1)[0]["actions"] = [{"phone_home": {}}]

    (problem,) = problems_of(minimal)

    assert problem.startswith(
        "step 'second', answer 'finish', field 'actions[1]': "
        "unknown action type 'phone_home' (known: notify_role, "
    )


def test_action_naming_an_unknown_role_or_threshold_is_refused(
    minimal: dict[str, Any],
) -> None:
    answers(minimal, 1)[0]["actions"] = [
        {"consult": {"role": "pope"}},
        {"start_clock": {"clock": "decision", "hours": "forever", "from": "now"}},
    ]

    assert problems_of(minimal) == [
        "step 'second', answer 'finish', field 'actions[1].consult.role': "
        "'pope' is not a role from settings.roles",
        "step 'second', answer 'finish', field 'actions[2].start_clock.hours': "
        "'forever' is not a threshold from settings.thresholds",
    ]


def test_missing_dutch_text_is_refused(minimal: dict[str, Any]) -> None:
    minimal["steps"][1]["title"] = {"en": "Second"}

    assert "step 'second', field 'title.nl': Dutch text is missing" in problems_of(
        minimal
    )


def test_wrong_types_are_refused_with_their_field(minimal: dict[str, Any]) -> None:
    minimal["steps"][0]["question"]["answers"] = "yes or no"
    minimal["settings"]["thresholds"]["decision_deadline_hours"] = "72h"

    problems = problems_of(minimal)

    assert "step 'first', field 'answers': must be a list" in problems
    assert (
        "settings, field 'thresholds.decision_deadline_hours': "
        "must be a positive whole number, not '72h'" in problems
    )


def test_unknown_fields_and_placeholders_are_refused(minimal: dict[str, Any]) -> None:
    answers(minimal, 0)[1]["nxt"] = "second"
    minimal["steps"][0]["title"]["nl"] = "Binnen {treshold.decision_deadline_hours} uur"

    problems = problems_of(minimal)

    assert "step 'first', answer 'stop', field 'nxt': is not a known field" in problems
    assert (
        "step 'first', field 'title': "
        "unknown placeholder '{treshold.decision_deadline_hours}'" in problems
    )


def test_every_problem_is_listed_at_once(minimal: dict[str, Any]) -> None:
    answers(minimal, 0)[0]["next"] = "step9"
    minimal["steps"][1]["title"] = {"en": "Second"}
    answers(minimal, 1)[0]["actions"] = [{"phone_home": {}}]

    with pytest.raises(DefinitionError) as caught:
        definition_from_data(minimal, source="mine.yaml")

    message = str(caught.value)
    assert message.startswith("procedure definition mine.yaml has 4 problems:")
    assert "next step 'step9' does not exist" in message
    assert "Dutch text is missing" in message
    assert "unknown action type 'phone_home'" in message
    assert "unreachable" in message


def test_duplicate_yaml_keys_are_refused_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("id: one\nid: two\n", encoding="utf-8")

    with pytest.raises(DefinitionError, match="duplicate key 'id' on line 2"):
        load_definition(path)


def test_invalid_yaml_and_missing_file_are_clear_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("steps: [unclosed\n", encoding="utf-8")

    assert "is not valid YAML" in str(check_definition(broken).problems[0])
    missing = check_definition(tmp_path / "absent.yaml")
    assert "cannot be read" in str(missing.problems[0])
    assert missing.definition is None and not missing.ok


def test_unknown_schema_version_is_refused(minimal: dict[str, Any]) -> None:
    minimal["schema_version"] = 2

    assert problems_of(minimal) == [
        "definition, field 'schema_version': "
        "this Meldpunt reads schema version 1, not 2"
    ]


def test_a_missing_field_is_reported_once(minimal: dict[str, Any]) -> None:
    del minimal["steps"][1]["title"]

    assert problems_of(minimal) == ["step 'second', field 'title': is missing"]


def test_check_output_lists_each_problem_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("schema_version: 1\nid: kapot\n", encoding="utf-8")

    result = check_definition(path)
    printed = format_problems(str(path), result.problems)

    assert printed.splitlines() == [
        f"{path}: 4 problems",
        "- definition, field 'name': is missing",
        "- definition, field 'outcomes': is missing",
        "- definition, field 'steps': is missing",
        "- definition, field 'version': is missing",
    ]


def test_unknown_screen_and_deadline_without_clock_are_refused(
    minimal: dict[str, Any],
) -> None:
    minimal["steps"][1]["screen"] = "fax_machine"
    minimal["steps"][1]["deadline"] = "decision"

    problems = problems_of(minimal)

    assert (
        "step 'second', field 'screen': 'fax_machine' is not one of: "
        "ap_notification, data_subject_notification" in problems
    )
    assert "step 'second', field 'deadline': no start_clock starts 'decision'" in (
        problems
    )


def test_a_deadline_is_accepted_once_a_clock_starts_it(
    minimal: dict[str, Any],
) -> None:
    minimal["steps"][1]["deadline"] = "decision"
    clock = {"clock": "decision", "hours": "decision_deadline_hours", "from": "now"}
    answers(minimal, 0)[0]["actions"] = [{"start_clock": clock}]

    definition = definition_from_data(minimal)

    assert definition.steps["second"].deadline == "decision"


def test_action_parameters_are_named_when_missing_or_unknown(
    minimal: dict[str, Any],
) -> None:
    answers(minimal, 1)[0]["actions"] = [{"notify_role": {"rol": "bvc"}}]

    assert problems_of(minimal) == [
        "step 'second', answer 'finish', field 'actions[1].notify_role.role': "
        "is missing",
        "step 'second', answer 'finish', field 'actions[1].notify_role.rol': "
        "is not a parameter of this action",
    ]


def test_bare_yes_as_an_answer_id_gets_a_quoting_hint(minimal: dict[str, Any]) -> None:
    answers(minimal, 0)[1]["id"] = True

    (problem,) = problems_of(minimal)

    assert problem == (
        "step 'first', answer 2, field 'id': must be a snake_case identifier, "
        "not true/false (YAML reads bare yes/no as true/false: quote it)"
    )
