# SPDX-License-Identifier: EUPL-1.2
"""`meldpunt assess FILE|-`: facts in, the assessment as JSON out."""

import io
import json
import os
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .conftest import SCENARIO_FACTS


def _assess(*args: str, stdin: str = "") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("assess", *args, stdout=out, stderr=err)
    finally:
        sys.stdin = old_stdin
    return out.getvalue(), err.getvalue()


def test_one_facts_object_from_a_file_prints_one_assessment(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(SCENARIO_FACTS), encoding="utf-8")

    out, _err = _assess(str(path))

    result = json.loads(out)
    assert result["format"] == "meldpunt.assessment/1"
    assert result["notify_authority"] == "yes"
    assert result["notify_subjects"] == "yes"
    assert result["subjects_channel"] == "individual"
    assert result["deadlines"]["authority"] == "2026-03-31T23:30:00+02:00"


def test_a_list_from_standard_input_prints_a_list_in_english() -> None:
    other = {"format": "meldpunt.breach-facts/1", "breach_types": ["availability"]}

    out, _err = _assess(
        "-", "--language", "en", stdin=json.dumps([SCENARIO_FACTS, other])
    )

    results = json.loads(out)
    assert [r["notify_authority"] for r in results][0] == "yes"
    assert len(results) == 2
    assert "aware_at" in results[0]["reasons"][-1]
    assert "notification must reach the AP" in results[0]["reasons"][-1]


def test_invalid_facts_are_refused_with_every_problem_named() -> None:
    facts = {**SCENARIO_FACTS, "exposure": "everyone", "colour": "red"}
    facts.pop("breach_types")
    err = io.StringIO()
    saved, sys.stdin = sys.stdin, io.StringIO(json.dumps(facts))

    try:
        with pytest.raises(CommandError, match="3 problems"):
            call_command("assess", "-", stdout=io.StringIO(), stderr=err)
    finally:
        sys.stdin = saved

    problems = err.getvalue().splitlines()
    assert "colour: unknown field" in problems
    assert any(p.startswith("breach_types: required") for p in problems)
    assert any(p.startswith("exposure: 'everyone' is not one of") for p in problems)


def test_broken_json_names_the_line_and_column() -> None:
    with pytest.raises(CommandError, match="line 2, column 1"):
        _assess("-", stdin='{"format": "x",\n}')


def test_a_field_given_twice_is_refused_rather_than_silently_dropped() -> None:
    text = '{"format": "meldpunt.breach-facts/1", "breach_types": ["integrity"],'
    text += ' "breach_types": ["availability"]}'

    with pytest.raises(CommandError, match="'breach_types' is given twice"):
        _assess("-", stdin=text)


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="nothing.json: cannot be read"):
        _assess(str(tmp_path / "nothing.json"))


def test_the_meldpunt_command_exits_non_zero_on_invalid_facts(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "MELDPUNT_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "meldpunt.settings.test",
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }
    run = partial(
        subprocess.run,
        [sys.executable, "-m", "meldpunt.cli", "assess", "-"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    good = run(input=json.dumps(SCENARIO_FACTS))
    bad = run(input=json.dumps({"format": "meldpunt.breach-facts/1", "mitigated": 1}))

    assert good.returncode == 0
    assert json.loads(good.stdout)["notify_authority"] == "yes"
    assert bad.returncode != 0
    assert bad.stdout == ""
    assert "mitigated: expected true or false, got a number (1)" in bad.stderr
    assert "breach_types: required" in bad.stderr
