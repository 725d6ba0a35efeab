# SPDX-License-Identifier: EUPL-1.2
"""The active procedure definition, and the snapshots cases keep of it."""

from functools import cache
from pathlib import Path

from django.conf import settings

from meldpunt.core.procedure import Definition, definition_from_data
from meldpunt.core.procedure.loading import default_definition_path, load_raw

from .models import DefinitionSnapshot


def active_definition_path() -> Path:
    configured = settings.MELDPUNT_PROCEDURE
    return Path(configured) if configured else default_definition_path()


@cache
def _load(path: Path, modified: float) -> tuple[object, Definition]:
    raw = load_raw(path)
    return raw, definition_from_data(raw, source=str(path))


def active_definition() -> Definition:
    """The organisation's procedure, reloaded when its file changes."""
    path = active_definition_path()
    return _load(path, path.stat().st_mtime)[1]


def snapshot_active_definition() -> DefinitionSnapshot:
    """Store the active definition once, so a case can always be replayed."""
    path = active_definition_path()
    raw, definition = _load(path, path.stat().st_mtime)
    snapshot, _created = DefinitionSnapshot.objects.get_or_create(
        digest=definition.digest,
        defaults={
            "definition_id": definition.id,
            "version": definition.version,
            "content": raw,
        },
    )
    return snapshot


@cache
def _from_snapshot(digest: str, snapshot_id: int) -> Definition:
    snapshot = DefinitionSnapshot.objects.get(pk=snapshot_id)
    return definition_from_data(snapshot.content, source=f"snapshot {digest}")


def snapshot_definition(snapshot: DefinitionSnapshot) -> Definition:
    """The definition a case follows: its snapshot, not today's file."""
    return _from_snapshot(snapshot.digest, snapshot.pk)
