# SPDX-License-Identifier: EUPL-1.2
"""An organisation changes thresholds, mailboxes and wording without code."""

from __future__ import annotations

from pathlib import Path

import pytest

from meldpunt.core.procedure import (
    Definition,
    DefinitionError,
    default_definition_path,
    definition_version,
    load_definition,
    next_step,
)

TO_STEP_3 = [
    ("start", "incident"),
    ("ciso_availability", "unreachable"),
    ("what_happened", "data_breach"),
]


def own_copy(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = default_definition_path().read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "eigen.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def overlay(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "organisatie.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def clock_hours(definition: Definition) -> list[int | str]:
    result = next_step(definition, [*TO_STEP_3, ("personal_data", "yes")])
    return [a.params["hours"] for a in result.actions if a.type == "start_clock"]


def mailbox_addresses(definition: Definition) -> list[int | str]:
    result = next_step(
        definition, [("start", "incident"), ("ciso_availability", "reachable")]
    )
    return [a.params["address"] for a in result.actions]


def test_a_copy_with_other_threshold_mailbox_and_wording_changes_the_output(
    kiesraad: Definition, tmp_path: Path
) -> None:
    path = own_copy(
        tmp_path,
        ("decision_deadline_hours: 72", "decision_deadline_hours: 48"),
        ("ciso_unreachable_hours: 24", "ciso_unreachable_hours: 12"),
        ("address: meldpunt@kiesraad.example", "address: csirt@gemeente.example"),
        ("nl: Wat wilt u melden?", "nl: Wat is er gebeurd?"),
    )

    mine = load_definition(path)

    assert clock_hours(kiesraad) == [72]
    assert clock_hours(mine) == [48]
    assert mailbox_addresses(mine) == ["csirt@gemeente.example"]
    assert next_step(mine, []).step is not None
    assert mine.steps["start"].title.nl == "Wat is er gebeurd?"
    assert mine.steps["ciso_availability"].question.text.nl == (
        "Is de CISO al langer dan 12 uur onbereikbaar?"
    )
    assert "48 uur" in mine.steps["harm_decision"].title.nl


def test_an_overlay_file_overrides_settings_and_wording_of_the_default(
    tmp_path: Path,
) -> None:
    path = overlay(
        tmp_path,
        """
extends: default
id: gemeente_incidents
version: "2026.1"
settings:
  thresholds: {decision_deadline_hours: 48}
  mailboxes:
    security: {address: csirt@gemeente.example}
steps:
  start:
    title: {nl: "Wat is er gebeurd?"}
    question:
      answers:
        stuck: {label: {nl: Ik heb hulp nodig}}
outcomes:
  public_notice:
    title: {en: Notice on the intranet and website}
""",
    )

    mine = load_definition(path)

    assert definition_version(mine).id == "gemeente_incidents"
    assert definition_version(mine).version == "2026.1"
    assert clock_hours(mine) == [48]
    assert mailbox_addresses(mine) == ["csirt@gemeente.example"]
    assert mine.steps["start"].title.nl == "Wat is er gebeurd?"
    assert mine.steps["start"].title.en == "What do you want to report?"
    assert mine.steps["start"].question.answers[2].label.nl == "Ik heb hulp nodig"
    assert (
        mine.outcomes["public_notice"].title.en == "Notice on the intranet and website"
    )
    assert mine.settings.mailboxes["security"].name.nl == "meldpunt-mailbox"


def test_an_overlay_cannot_change_the_structure(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """
extends: default
id: gemeente_incidents
version: "1"
steps:
  start:
    question:
      answers:
        supplier: {outcome: wait_for_ciso}
  step9: {title: {nl: Bestaat niet}}
""",
    )

    with pytest.raises(DefinitionError) as caught:
        load_definition(path)

    assert [str(p) for p in caught.value.problems] == [
        "step 'start', answer 'supplier', field 'outcome': "
        "only label and hint can be overridden",
        "step 'step9', field 'id': no such step in the base definition",
    ]


def test_an_overlay_must_name_its_own_id_and_version(tmp_path: Path) -> None:
    path = overlay(tmp_path, "extends: default\n")

    with pytest.raises(DefinitionError) as caught:
        load_definition(path)

    assert {p.field for p in caught.value.problems} == {"id", "version"}


def test_an_overlay_is_validated_like_any_definition(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        "extends: default\nid: x\nversion: '1'\n"
        "settings: {thresholds: {decision_deadline_hours: -1}}\n",
    )

    with pytest.raises(DefinitionError, match="decision_deadline_hours"):
        load_definition(path)


def test_the_digest_is_stable_and_follows_the_content(
    kiesraad: Definition, tmp_path: Path
) -> None:
    same = load_definition(own_copy(tmp_path))
    changed = load_definition(
        own_copy(tmp_path, ('nl: Nee, en: "No"', 'nl: Neen, en: "No"'))
    )

    assert same.stamp == kiesraad.stamp
    assert changed.id == kiesraad.id and changed.version == kiesraad.version
    assert changed.digest != kiesraad.digest
    assert kiesraad.digest.startswith("sha256:") and len(kiesraad.digest) == 71
