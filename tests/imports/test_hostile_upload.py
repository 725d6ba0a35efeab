# SPDX-License-Identifier: EUPL-1.2
"""Refused uploads give a clear message and leave nothing behind."""

import io
import zipfile
from collections.abc import Callable

import pytest

from meldpunt.imports.models import Import
from meldpunt.logbook.models import Evidence, LogbookEntry

from .conftest import stored_files

pytestmark = pytest.mark.django_db
CHAT = b"15-03-2024 09:12 - Sanne: Goedemorgen\n15-03-2024 09:13 - Piet: Dag\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _truncated() -> bytes:
    data = _zip({"_chat.txt": CHAT * 50, "IMG-1.jpg": bytes(range(256)) * 40})
    return data[: len(data) // 2]


HOSTILE = {
    "truncated zip": ("chat.zip", _truncated, "beschadigd of onvolledig"),
    "zip bomb": (
        "chat.zip",
        lambda: _zip({"_chat.txt": CHAT, "bom.bin": bytes(5 * 1024 * 1024)}),
        "mogelijk een ZIP-bom",
    ),
    "path traversal": (
        "chat.zip",
        lambda: _zip({"_chat.txt": CHAT, "../../etc/cron.d/x": b"x"}),
        "path traversal",
    ),
    "binary named .txt": (
        "chat.txt",
        lambda: b"\x00\x01\x02\x03" * 500,
        "het bestand bevat binaire gegevens",
    ),
    "empty file": ("chat.txt", lambda: b"", "leeg"),
    "oversized file": ("chat.txt", lambda: CHAT * 2000, "hoogstens 19,5\xa0KB"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_upload_is_refused_with_a_reason_and_stores_nothing(
    case: str, upload: Callable[..., object], settings: object
) -> None:
    settings.MELDPUNT_IMPORT_MAX_BYTES = 20_000
    name, make, reason = HOSTILE[case]
    before = stored_files()

    response = upload(name, make())

    assert response.status_code == 400
    assert reason in response.content.decode()
    assert Import.objects.count() == 0
    assert Evidence.objects.count() == 0
    assert not LogbookEntry.objects.filter(source_index__isnull=False).exists()
    assert stored_files() == before
