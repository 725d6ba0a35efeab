# SPDX-License-Identifier: EUPL-1.2
"""Evidence is unreadable from the database alone, and its key can be rotated."""

import pytest
from cryptography.fernet import Fernet
from django.core.files.storage import storages
from django.core.management import call_command

from meldpunt.logbook.models import Evidence
from meldpunt.logbook.services import UploadedEvidence
from meldpunt.logbook.storage import read_decrypted

pytestmark = pytest.mark.django_db
CONTENT = b"BSN 123456782 van de betrokkene"


def test_evidence_is_stored_encrypted(make_report) -> None:
    make_report(files=[UploadedEvidence("lijst.txt", CONTENT)])

    with storages["default"].open(Evidence.objects.get().stored_name, "rb") as handle:
        assert CONTENT not in handle.read()


def test_rotation_moves_evidence_to_the_new_key(make_report, settings) -> None:
    make_report(files=[UploadedEvidence("lijst.txt", CONTENT)])
    old_key = settings.MELDPUNT_EVIDENCE_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.MELDPUNT_EVIDENCE_KEYS = [new_key, old_key]

    call_command("rotate_evidence_keys")

    settings.MELDPUNT_EVIDENCE_KEYS = [new_key]
    assert read_decrypted(Evidence.objects.get().stored_name) == CONTENT
    settings.MELDPUNT_EVIDENCE_KEYS = [old_key]
    with pytest.raises(ValueError, match="evidence_key_mismatch"):
        read_decrypted(Evidence.objects.get().stored_name)
