# SPDX-License-Identifier: EUPL-1.2
"""Facts about the organisation shown on the contact, tips and help pages.

They come from a YAML file (``MELDPUNT_ORGANISATION_FILE``); the Kiesraad's
ships as the default. The CISO's emergency number is a secret of its own
(``MELDPUNT_CISO_EMERGENCY_PHONE``) and never sits in a file in the repository.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language

DEFAULT_FILE = Path(__file__).parent / "procedures" / "kiesraad-organisation.yaml"


@dataclass(frozen=True)
class Organisation:
    data: dict[str, object]

    def text(self, key: str) -> str:
        """A Dutch-first text from the file, in the active language."""
        value = self.data.get(key, "")
        if isinstance(value, dict):
            language = (get_language() or "nl")[:2]
            return str(value.get(language) or value.get("nl", ""))
        return str(value)

    def section(self, key: str) -> dict[str, str]:
        section = self.data.get(key) or {}
        if not isinstance(section, dict):
            raise ImproperlyConfigured(f"Organisation file: '{key}' must be a mapping.")
        return {name: Organisation(section).text(name) for name in section}


@cache
def _load(path: Path) -> Organisation:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        message = f"Organisation file {path} cannot be read: {error}"
        raise ImproperlyConfigured(message) from error
    if not isinstance(data, dict):
        raise ImproperlyConfigured(f"Organisation file {path} must hold a mapping.")
    return Organisation(data)


def organisation() -> Organisation:
    configured = settings.MELDPUNT_ORGANISATION_FILE
    return _load(Path(configured) if configured else DEFAULT_FILE)
