# SPDX-License-Identifier: EUPL-1.2
"""The Dutch catalogue is complete, compiled and current with the source."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "meldpunt"
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _messages(path: Path) -> set[str]:
    return {entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete}


def _translation(entry: polib._BaseEntry) -> tuple[str, str, tuple[str, ...]]:
    plurals = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
    return entry.msgid, entry.msgstr, plurals


def test_every_message_has_a_dutch_translation() -> None:
    catalogue = polib.pofile(str(CATALOGUE))

    untranslated = [
        e.msgid
        for e in catalogue
        if not e.msgstr and not all(e.msgstr_plural.values() or [""])
    ]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]

    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source_catalogue() -> None:
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = polib.pofile(str(CATALOGUE))

    assert {_translation(e) for e in compiled if e.msgid} == {
        _translation(e)
        for e in source
        if not e.obsolete and (e.msgstr or e.msgstr_plural)
    }


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext's xgettext")
def test_catalogue_holds_exactly_the_messages_of_the_source(tmp_path: Path) -> None:
    copy = tmp_path / "meldpunt"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))

    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale",
            "nl",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "meldpunt.settings.test",
            "PYTHONPATH": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )

    fresh = copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    assert _messages(fresh) == _messages(CATALOGUE), "run `make messages`"


EVIDENCE = PACKAGE / "core" / "evidence"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _is_call(node: ast.AST, name: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == name
    )


def _marked(node: ast.AST) -> str | None:
    """The template of ``gettext_noop("...")``, or None for anything else."""
    if not _is_call(node, "gettext_noop"):
        return None
    assert isinstance(node, ast.Call)
    argument = node.args[0] if len(node.args) == 1 else None
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    return None


def _evidence_phrases() -> tuple[set[str], list[str]]:
    """Every template the evidence parsers can show, and every unmarked one.

    A warning or refusal is a ``Phrase``; its template must be a literal
    marked with ``gettext_noop``, directly or through a name bound only to
    such literals, so that extraction puts it in the catalogue.
    """
    templates: set[str] = set()
    unmarked: list[str] = []
    for path in sorted(EVIDENCE.glob("*.py")):
        if path.name == "phrase.py":  # defines Phrase and rebuilds stored ones
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        marked_names: set[str] = set()
        other_names: set[str] = set()
        for node in ast.walk(tree):
            if _is_call(node, "gettext_noop"):
                template = _marked(node)
                if template is None:
                    unmarked.append(f"{path.name}:{node.lineno}: not a literal")
                else:
                    templates.add(template)
            if isinstance(node, ast.Assign):
                names = {t.id for t in node.targets if isinstance(t, ast.Name)}
                is_marked = _marked(node.value) is not None
                (marked_names if is_marked else other_names).update(names)
        for node in ast.walk(tree):
            if not _is_call(node, "Phrase"):
                continue
            assert isinstance(node, ast.Call)
            first = node.args[0] if node.args else None
            if first is not None and _marked(first) is not None:
                continue
            if isinstance(first, ast.Name) and first.id in marked_names - other_names:
                continue
            unmarked.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:60]}")
    return templates, unmarked


def test_every_evidence_warning_and_refusal_is_marked_for_translation() -> None:
    templates, unmarked = _evidence_phrases()

    assert unmarked == []
    assert "its date or time does not exist" in templates
    assert "%(file)s: the file is empty" in templates


def test_every_evidence_warning_and_refusal_has_a_dutch_translation() -> None:
    templates, _ = _evidence_phrases()
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    dutch = {entry.msgid: entry.msgstr for entry in compiled}

    missing = sorted(template for template in templates if not dutch.get(template))
    mismatched = sorted(
        template
        for template in templates
        if dutch.get(template)
        and set(PLACEHOLDER.findall(template))
        != set(PLACEHOLDER.findall(dutch[template]))
    )

    assert missing == []
    assert mismatched == []
