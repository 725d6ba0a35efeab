# SPDX-License-Identifier: EUPL-1.2
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from meldpunt.incidents.models import Incident
from meldpunt.logbook.verification import verify_incident


def _meldpunt(
    *args: str, env: dict[str, str], tmp_path: Path
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "meldpunt.cli", *args],
        env={"PATH": os.environ["PATH"], "MELDPUNT_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.django_db
def test_demo_runs_twice_without_duplicating_anything(capsys) -> None:
    call_command("demo")
    first = capsys.readouterr().out
    counts = (get_user_model().objects.count(), Incident.objects.count())

    call_command("demo")
    second = capsys.readouterr().out

    assert (get_user_model().objects.count(), Incident.objects.count()) == counts
    assert "ciso" in first
    assert "--reset-passwords" in second
    assert all(verify_incident(incident) is None for incident in Incident.objects.all())


@pytest.mark.django_db
def test_demo_cases_are_in_different_states() -> None:
    call_command("demo")

    assert set(Incident.objects.values_list("status", flat=True)) == {
        "new",
        "triage",
        "in_progress",
        "closed",
    }


def test_production_settings_refuse_to_start_without_a_secret_key(
    tmp_path: Path,
) -> None:
    result = _meldpunt(
        "check",
        env={"DJANGO_SETTINGS_MODULE": "meldpunt.settings.production"},
        tmp_path=tmp_path,
    )

    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY." in result.stderr


def test_local_settings_need_no_configuration_and_keep_their_key(
    tmp_path: Path,
) -> None:
    first = _meldpunt("check", env={}, tmp_path=tmp_path)
    key = (tmp_path / "keys" / "secret-key").read_text()
    second = _meldpunt("check", env={}, tmp_path=tmp_path)

    assert first.returncode == second.returncode == 0
    assert (tmp_path / "keys" / "secret-key").read_text() == key
    assert len(key) >= 40


@pytest.mark.django_db
def test_demo_prints_the_current_code_of_a_demo_account(capsys) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    call_command("demo")
    capsys.readouterr()

    call_command("demo", "--code", "ciso")

    device = TOTPDevice.objects.get(user__username="ciso")
    assert capsys.readouterr().out.startswith(f"{totp(device.bin_key):06d}")


@pytest.mark.django_db
def test_demo_codes_are_refused_outside_a_local_installation(settings) -> None:
    from django.core.management.base import CommandError

    settings.MELDPUNT_DEMO_CODES = False
    call_command("demo")

    with pytest.raises(CommandError, match="local installation"):
        call_command("demo", "--code", "ciso")
