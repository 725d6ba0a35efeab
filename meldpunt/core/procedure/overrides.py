# SPDX-License-Identifier: EUPL-1.2
"""An organisation's file that `extends` another: settings and wording only.

Structure (answers, next steps, actions) is never overridden; an organisation
that wants a different flow copies the whole definition instead.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from meldpunt.core.procedure.problems import Problem

_TOP_LEVEL = {"extends", "id", "version", "name", "description", "settings"}
_TEXT_FIELDS = {"title", "explanation"}
_LANGUAGES = {"nl", "en"}


def apply_overrides(
    base: object, overlay: Mapping[str, Any]
) -> tuple[Any, list[Problem]]:
    """The base data with the overlay merged in, and what was refused."""
    problems: list[Problem] = []
    if not isinstance(base, Mapping):
        return base, [Problem("definition", "extends", "the base is not a mapping")]
    merged: dict[str, Any] = copy.deepcopy(dict(base))
    merged.pop("extends", None)
    for name in ("id", "version"):
        if name not in overlay:
            problems.append(
                Problem("definition", name, "an override file names its own")
            )

    for key, value in overlay.items():
        if key in _TOP_LEVEL - {"extends", "settings"}:
            merged[key] = _merge(merged.get(key), value)
        elif key == "settings":
            merged["settings"] = _merge(merged.get("settings", {}), value)
        elif key in ("steps", "outcomes"):
            problems += _override_items(merged, key, value)
        elif key != "extends":
            problems.append(Problem("definition", key, "cannot be overridden"))
    return merged, problems


def _merge(base: Any, overlay: Any) -> Any:
    if isinstance(base, Mapping) and isinstance(overlay, Mapping):
        result = dict(base)
        for key, value in overlay.items():
            result[key] = _merge(base.get(key), value)
        return result
    return copy.deepcopy(overlay)


def _override_items(merged: dict[str, Any], key: str, patches: Any) -> list[Problem]:
    kind = key[:-1]
    if not isinstance(patches, Mapping):
        return [Problem("definition", key, f"must map {kind} ids to new wording")]
    items = {
        item.get("id"): item for item in merged.get(key, []) if isinstance(item, dict)
    }
    problems = []
    for item_id, patch in patches.items():
        where = f"{kind} '{item_id}'"
        if item_id not in items:
            problems.append(
                Problem(where, "id", f"no such {kind} in the base definition")
            )
            continue
        problems += _override_wording(items[item_id], patch, where)
    return problems


def _override_wording(item: dict[str, Any], patch: Any, where: str) -> list[Problem]:
    if not isinstance(patch, Mapping):
        return [Problem(where, "", "must be a mapping of wording")]
    problems = []
    for field_name, value in patch.items():
        if field_name in _TEXT_FIELDS:
            problems += _set_text(item, field_name, value, where)
        elif field_name == "question" and "question" in item:
            problems += _override_question(item["question"], value, where)
        else:
            message = "only wording (title, explanation, question) can be overridden"
            problems.append(Problem(where, field_name, message))
    return problems


def _override_question(
    question: dict[str, Any], patch: Any, where: str
) -> list[Problem]:
    if not isinstance(patch, Mapping):
        return [Problem(where, "question", "must be a mapping")]
    problems = []
    answers = {
        a.get("id"): a for a in question.get("answers", []) if isinstance(a, dict)
    }
    for field_name, value in patch.items():
        if field_name == "text":
            problems += _set_text(question, "text", value, where)
        elif field_name == "answers" and isinstance(value, Mapping):
            for answer_id, answer_patch in value.items():
                problems += _override_answer(
                    answers.get(answer_id), answer_patch, where, answer_id
                )
        else:
            problems.append(
                Problem(where, f"question.{field_name}", "cannot be overridden")
            )
    return problems


def _override_answer(
    answer: Any, patch: Any, where: str, answer_id: str
) -> list[Problem]:
    where = f"{where}, answer '{answer_id}'"
    if answer is None:
        return [Problem(where, "id", "no such answer in the base definition")]
    if not isinstance(patch, Mapping):
        return [Problem(where, "", "must be a mapping of wording")]
    problems = []
    for field_name, value in patch.items():
        if field_name in ("label", "hint"):
            problems += _set_text(answer, field_name, value, where)
        else:
            problems.append(
                Problem(where, field_name, "only label and hint can be overridden")
            )
    return problems


def _set_text(
    item: dict[str, Any], field_name: str, value: Any, where: str
) -> list[Problem]:
    if not isinstance(value, Mapping) or not set(value) <= _LANGUAGES:
        return [Problem(where, field_name, "must be a mapping with 'nl' and/or 'en'")]
    item[field_name] = _merge(item.get(field_name, {}), value)
    return []
