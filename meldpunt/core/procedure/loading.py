# SPDX-License-Identifier: EUPL-1.2
"""Reading definition files: YAML, organisation overrides, digests, the default."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from meldpunt.core.procedure.graph import graph_problems
from meldpunt.core.procedure.model import Definition
from meldpunt.core.procedure.overrides import apply_overrides
from meldpunt.core.procedure.parsing import parse_definition
from meldpunt.core.procedure.problems import DefinitionError, Problem
from meldpunt.core.procedure.reading import Reader

DEFAULT_DEFINITION = "kiesraad.yaml"
_MAX_EXTENDS_DEPTH = 5


def default_definition_path() -> Path:
    """The packaged Kiesraad procedure, used when no organisation file is set."""
    resource = resources.files("meldpunt.procedures").joinpath(DEFAULT_DEFINITION)
    return Path(str(resource))


def load_definition(path: Path | str | None = None) -> Definition:
    """Load, merge overrides, validate; raise DefinitionError listing all problems."""
    source = Path(path) if path is not None else default_definition_path()
    raw = load_raw(source)
    return definition_from_data(raw, source=str(source))


def definition_from_data(raw: object, *, source: str = "<data>") -> Definition:
    """Validate already-read data (the effective definition, overrides applied)."""
    reader = Reader()
    definition = parse_definition(raw, reader)
    problems = reader.problems + graph_problems(definition)
    if problems:
        raise DefinitionError(source, problems)
    return replace(definition, digest=definition_digest(raw))


def definition_digest(raw: object) -> str:
    """SHA-256 over the canonical JSON form of the effective definition data."""
    canonical = json.dumps(
        raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_raw(source: Path, depth: int = 0) -> object:
    """The file's data with any `extends` chain resolved into one mapping."""
    data = _read_yaml(source)
    if not isinstance(data, Mapping) or "extends" not in data:
        return data
    if depth >= _MAX_EXTENDS_DEPTH:
        problem = Problem("definition", "extends", "too many nested 'extends'")
        raise DefinitionError(str(source), [problem])

    base = load_raw(_extended_path(source, data["extends"]), depth + 1)
    merged, problems = apply_overrides(base, data)
    if problems:
        raise DefinitionError(str(source), problems)
    return merged


def _extended_path(source: Path, target: object) -> Path:
    if target == "default":
        return default_definition_path()
    if not isinstance(target, str) or not target.strip():
        message = "must be 'default' or the path of another definition file"
        raise DefinitionError(str(source), [Problem("definition", "extends", message)])
    return source.parent / target


def _read_yaml(source: Path) -> Any:
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem("file", "", f"cannot be read: {error}")
        raise DefinitionError(str(source), [problem]) from error
    loader = _StrictLoader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        problem = Problem("file", "", f"is not valid YAML: {error}")
        raise DefinitionError(str(source), [problem]) from error
    finally:
        loader.dispose()


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys instead of dropping one."""

    def construct_mapping(
        self, node: yaml.MappingNode, deep: bool = False
    ) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key '{key}' on line {line}",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)
