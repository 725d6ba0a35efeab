# SPDX-License-Identifier: EUPL-1.2
"""The Dutch catalogue is complete, compiled and current with the source."""

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
