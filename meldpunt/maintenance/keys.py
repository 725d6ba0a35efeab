# SPDX-License-Identifier: EUPL-1.2
"""Key rotation: re-encrypt every evidence file with the newest key.

Add the new key at the front of ``MELDPUNT_EVIDENCE_KEYS``, keep the old ones
behind it, run ``meldpunt rotate_evidence_keys``, then drop the old keys.
Each file is written anew under a new name before the database points at it,
and the old file is removed only after that; an interrupted run loses nothing.
"""

import uuid

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction

from meldpunt.accounts.security_log import security_event
from meldpunt.logbook.models import Evidence


def rotate_evidence_keys() -> int:
    cipher = MultiFernet([Fernet(key) for key in settings.MELDPUNT_EVIDENCE_KEYS])
    storage = storages["default"]
    count = 0
    for evidence in Evidence.objects.only("pk", "stored_name").iterator():
        with storage.open(evidence.stored_name, "rb") as handle:
            token = cipher.rotate(handle.read())
        new_name = storage.save(f"{uuid.uuid4().hex}.bin", ContentFile(token))
        with transaction.atomic():
            Evidence.objects.filter(pk=evidence.pk).update(stored_name=new_name)
        storage.delete(evidence.stored_name)
        count += 1
    security_event("evidence_keys_rotated", evidence=count)
    return count
