# SPDX-License-Identifier: EUPL-1.2
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meldpunt.incidents.models import Incident
from tests.core.evidence.conftest import shared_evidence_dir


@pytest.fixture
def incident(make_report: Callable[..., object]) -> Incident:
    return make_report().incident  # type: ignore[attr-defined]


@pytest.fixture
def shared_sample() -> Callable[[str], Path]:
    def find(name: str) -> Path:
        path = shared_evidence_dir() / name
        if not path.is_file():
            pytest.fail(f"evidence sample {name} not found at {path}")
        return path

    return find


@pytest.fixture
def upload(ciso_client: Client, incident: Incident) -> Callable[..., object]:
    """POST a file to the case's import page and return the response."""

    def post(name: str, data: bytes) -> object:
        url = reverse("imports:upload", args=[incident.reference])
        return ciso_client.post(url, {"file": SimpleUploadedFile(name, data)})

    return post


def stored_files() -> list[Path]:
    folder = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(folder.glob("*.bin")) if folder.is_dir() else []
