# SPDX-License-Identifier: EUPL-1.2
"""One encrypted archive of the database and the evidence, and its way back.

The archive is a tar file (``manifest.json``, ``database.xml`` from
``dumpdata`` with natural keys, ``evidence/<name>`` as stored, so still
encrypted with the evidence keys), encrypted as a whole with the backup key.
Neither key is in the archive: restoring needs both.
"""

import hashlib
import io
import json
import re
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from meldpunt.accounts.security_log import security_event
from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import Evidence
from meldpunt.logbook.storage import read_decrypted
from meldpunt.logbook.verification import verify_incident

from .archive import chunked, read_encrypted, write_encrypted

FORMAT = 1
# Not worth keeping: rebuilt by migrate (the role groups too; accounts point at
# them by name), or short-lived by design. Everything else keeps its primary
# key, which the logbook's hash chain covers (the author of an entry).
EXCLUDED = ["contenttypes", "auth.permission", "auth.group", "sessions", "axes"]
_EVIDENCE_NAME = re.compile(r"evidence/[0-9a-f]{32}\.bin")


class RestoreError(Exception):
    """The backup cannot be restored here; the message says why."""


@dataclass(frozen=True)
class Summary:
    incidents: int
    evidence: int


def _backup_key() -> str:
    key = settings.MELDPUNT_BACKUP_KEY
    if not key:
        raise ImproperlyConfigured("Set MELDPUNT_BACKUP_KEY to make or read backups.")
    return str(key)


def _add(tar: tarfile.TarFile, name: str, data: BinaryIO, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = size, int(timezone.now().timestamp())
    tar.addfile(info, data)


def create_backup(path: Path) -> Summary:
    """Write the archive to ``path`` (via a temporary name, then renamed)."""
    key = _backup_key()
    evidence = list(Evidence.objects.values_list("stored_name", flat=True))
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database.xml"
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=EXCLUDED,
            # XML, not JSON: Django's JSON encoder cuts times to milliseconds,
            # and the logbook's hashes cover them to the microsecond.
            format="xml",
            output=str(dump),
            verbosity=0,
        )
        manifest = json.dumps({"format": FORMAT, "evidence": len(evidence)}).encode()

        with tempfile.TemporaryFile() as plain:
            with tarfile.open(fileobj=plain, mode="w") as tar:
                _add(tar, "manifest.json", io.BytesIO(manifest), len(manifest))
                with dump.open("rb") as handle:
                    _add(tar, "database.xml", handle, dump.stat().st_size)
                for name in evidence:
                    with storages["default"].open(name, "rb") as handle:
                        _add(tar, f"evidence/{name}", handle, handle.size)
            plain.seek(0)
            partial = path.with_name(path.name + ".partial")
            with partial.open("wb") as out:
                write_encrypted(chunked(plain), key, out)
            partial.replace(path)

    summary = Summary(incidents=Incident.objects.count(), evidence=len(evidence))
    security_event(
        "backup_created", incidents=summary.incidents, evidence=summary.evidence
    )
    return summary


def _check_empty() -> None:
    if Incident.objects.exists() or get_user_model().objects.exists():
        raise RestoreError(
            "This installation already holds accounts or cases; restore only "
            "into an empty, migrated database."
        )


def _members(tar: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    members = {}
    for member in tar.getmembers():
        known = member.name in {"manifest.json", "database.xml"}
        if not member.isfile() or not (known or _EVIDENCE_NAME.fullmatch(member.name)):
            raise RestoreError(f"Unexpected entry in the archive: {member.name!r}.")
        members[member.name] = member
    if "database.xml" not in members or "manifest.json" not in members:
        raise RestoreError("The archive lacks its database or manifest.")
    return members


def restore_backup(path: Path) -> Summary:
    """Bring an archive back into an empty installation and verify it."""
    key = _backup_key()
    _check_empty()
    with tempfile.TemporaryDirectory() as work:
        plain_path = Path(work) / "backup.tar"
        with path.open("rb") as source, plain_path.open("wb") as plain:
            for block in read_encrypted(source, key):
                plain.write(block)
        with tarfile.open(plain_path, mode="r") as tar:
            members = _members(tar)
            manifest = json.load(tar.extractfile(members["manifest.json"]))  # type: ignore[arg-type]
            if manifest.get("format") != FORMAT:
                raise RestoreError("This backup was made by another version.")
            dump = Path(work) / "database.xml"
            dump.write_bytes(tar.extractfile(members["database.xml"]).read())  # type: ignore[union-attr]
            summary = _load(tar, members, dump)

    security_event(
        "backup_restored", incidents=summary.incidents, evidence=summary.evidence
    )
    return summary


def _load(
    tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo], dump: Path
) -> Summary:
    """Load database and files in one go; anything that fails undoes it all."""
    storage = storages["default"]
    saved: list[str] = []
    try:
        with transaction.atomic():
            call_command("loaddata", str(dump), verbosity=0)
            for name, member in members.items():
                if not name.startswith("evidence/"):
                    continue
                stored_name = name.removeprefix("evidence/")
                if storage.exists(stored_name):
                    raise RestoreError(f"Evidence file {stored_name} already exists.")
                saved.append(storage.save(stored_name, File(tar.extractfile(member))))
            return verify_restored()
    except BaseException:
        for stored_name in saved:
            storage.delete(stored_name)
        raise


def verify_restored() -> Summary:
    """Check every logbook chain and every evidence hash; raise on the first fault."""
    incidents = list(Incident.objects.all())
    for incident in incidents:
        broken = verify_incident(incident)
        if broken is not None:
            raise RestoreError(f"The logbook of {incident.reference} does not verify.")
    evidence = list(Evidence.objects.all())
    for item in evidence:
        digest = hashlib.sha256(read_decrypted(item.stored_name)).hexdigest()
        if digest != item.sha256:
            raise RestoreError(f"Evidence {item.pk} does not match its hash.")
    return Summary(incidents=len(incidents), evidence=len(evidence))
