# SPDX-License-Identifier: EUPL-1.2
"""Read configuration from the environment, strictly.

Every setting that an operator may change comes through these helpers. A value
that cannot be understood raises ``ImproperlyConfigured`` naming the variable,
instead of silently falling back to a default. ``NAME_FILE`` may point at a
file holding the value (for secrets mounted by an orchestrator).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_MISSING = object()


def env_str(name: str, default: object = _MISSING) -> str:
    """Return the variable ``name`` (or the contents of ``NAME_FILE``)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(
                f"{name}_FILE points at {file_name!r}, which cannot be read: {error}"
            ) from error
    value = os.environ.get(name)
    if value is not None and value != "":
        return value
    if default is _MISSING:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return str(default)


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name, "").strip().lower()
    if raw == "":
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = env_str(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {raw!r}."
        ) from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name, "")
    if raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_number_list(name: str, default: list[float]) -> list[float]:
    """A comma-separated list of positive numbers, such as ``48,24,6``."""
    raw = env_list(name, [])
    if not raw:
        return default
    try:
        values = [float(item) for item in raw]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must list numbers separated by commas, not {','.join(raw)!r}."
        ) from None
    if any(value <= 0 for value in values):
        raise ImproperlyConfigured(f"{name} must list numbers above 0.")
    return values


def env_days_by_kind(name: str, default: dict[str, int]) -> dict[str, int]:
    """Read ``kind=days,kind=days``; unnamed kinds keep their default."""
    raw = env_str(name, "")
    result = dict(default)
    for item in filter(None, (part.strip() for part in raw.split(","))):
        kind, _sep, days = item.partition("=")
        if kind.strip() not in default:
            raise ImproperlyConfigured(
                f"{name}: unknown kind {kind.strip()!r}; use one of {sorted(default)}."
            )
        if not days.strip().isdigit() or int(days) < 1:
            raise ImproperlyConfigured(
                f"{name}: {item!r} needs a whole number of days, at least 1."
            )
        result[kind.strip()] = int(days)
    return result
