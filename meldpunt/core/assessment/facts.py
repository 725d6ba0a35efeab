# SPDX-License-Identifier: EUPL-1.2
"""Breach facts in the `meldpunt.breach-facts/1` format: validation and parsing.

Every problem in the input is collected before anything is rejected, so that
the person filling in the facts sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

FACTS_FORMAT = "meldpunt.breach-facts/1"

BREACH_TYPES = ("confidentiality", "integrity", "availability")
DATA_CATEGORIES = (
    "identity",
    "contact",
    "bsn",
    "id_document",
    "financial",
    "credentials",
    "location",
    "communications",
    "employment",
    "education",
    "special",
    "criminal",
    "other",
)
SPECIAL_CATEGORIES = (
    "ethnic_origin",
    "political_opinion",
    "religion",
    "trade_union",
    "genetic",
    "biometric",
    "health",
    "sex_life",
)
SENSITIVITIES = ("lower", "typical", "higher")
BACKUPS = ("restored", "available", "none")
EXPOSURES = (
    "none",
    "trusted_recipient",
    "untrusted_recipient",
    "unknown_recipients",
    "public",
)
EXFILTRATIONS = ("ruled_out", "suspected", "confirmed", "unknown")
CONTACT_DETAILS = ("all", "some", "none")

BOOLEAN_FIELDS = (
    "personal_data",
    "vulnerable_subjects",
    "unintelligible",
    "recipient_confirmed_deletion",
    "malicious",
    "already_public",
    "mitigated",
)
ENUM_FIELDS: Mapping[str, tuple[str, ...]] = {
    "sensitivity": SENSITIVITIES,
    "backup": BACKUPS,
    "exposure": EXPOSURES,
    "exfiltration": EXFILTRATIONS,
    "contact_details_known": CONTACT_DETAILS,
}
LIST_FIELDS: Mapping[str, tuple[str, ...]] = {
    "breach_types": BREACH_TYPES,
    "data_categories": DATA_CATEGORIES,
    "special_categories": SPECIAL_CATEGORIES,
}
#: Every field of the format, in the order the format describes them.
KNOWN_FIELDS = (
    "format",
    "aware_at",
    "breach_types",
    "personal_data",
    "data_categories",
    "special_categories",
    "subjects",
    "vulnerable_subjects",
    "sensitivity",
    "unintelligible",
    "backup",
    "exposure",
    "recipient_confirmed_deletion",
    "exfiltration",
    "malicious",
    "already_public",
    "mitigated",
    "contact_details_known",
    "context",
)


class FactsError(ValueError):
    """The facts could not be read; `problems` names every field at fault."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: list[str] = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class SubjectRange:
    """How many people are concerned, as a range."""

    min: int
    max: int


@dataclass(frozen=True)
class BreachFacts:
    """One validated set of breach facts; `None` means "not known yet"."""

    breach_types: tuple[str, ...]
    aware_at: datetime | None = None
    personal_data: bool | None = None
    data_categories: tuple[str, ...] | None = None
    special_categories: tuple[str, ...] | None = None
    subjects: SubjectRange | None = None
    vulnerable_subjects: bool | None = None
    sensitivity: str = "typical"
    unintelligible: bool | None = None
    backup: str | None = None
    exposure: str | None = None
    recipient_confirmed_deletion: bool | None = None
    exfiltration: str | None = None
    malicious: bool | None = None
    already_public: bool | None = None
    mitigated: bool | None = None
    contact_details_known: str | None = None
    context: str | None = None


def validate_facts(data: object) -> BreachFacts:
    """Return the facts in `data`, or raise `FactsError` listing every problem."""
    problems = find_problems(data)
    if problems or not isinstance(data, Mapping):
        raise FactsError(problems)

    return _build(data)


def validate_facts_list(data: object) -> list[BreachFacts]:
    """Like `validate_facts` for one object or a list of them (problems by index)."""
    if not isinstance(data, list):
        return [validate_facts(data)]

    problems: list[str] = []
    for index, item in enumerate(data):
        problems.extend(f"[{index}].{p}" for p in find_problems(item))
    if not data:
        problems.append("(root): the list holds no facts")
    if problems:
        raise FactsError(problems)

    return [validate_facts(item) for item in data]


def find_problems(data: object) -> list[str]:
    """Every problem in `data`, each naming its field; empty when all is well."""
    if not isinstance(data, Mapping):
        return [f"(root): expected a JSON object, got {_json_type(data)}"]

    problems = [f"{key}: unknown field" for key in data if key not in KNOWN_FIELDS]
    problems += _check_format(data)
    problems += _check_aware_at(data.get("aware_at"))
    for name, allowed in LIST_FIELDS.items():
        required = name == "breach_types"
        problems += _check_list(name, data.get(name), allowed, required=required)
    for name in BOOLEAN_FIELDS:
        problems += _check_type(name, data.get(name), bool, "true or false")
    for name, allowed in ENUM_FIELDS.items():
        problems += _check_enum(name, data.get(name), allowed)
    problems += _check_subjects(data.get("subjects"))
    problems += _check_type("context", data.get("context"), str, "a string")
    problems += _check_special_detail(data)
    return problems


def _check_format(data: Mapping[object, object]) -> list[str]:
    if "format" not in data or data["format"] is None:
        return [f"format: required, must be {FACTS_FORMAT!r}"]
    if data["format"] != FACTS_FORMAT:
        return [f"format: {data['format']!r} is not {FACTS_FORMAT!r}"]
    return []


def _check_aware_at(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"aware_at: expected an ISO 8601 string, got {_json_type(value)}"]
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return [f"aware_at: {value!r} is not an ISO 8601 date and time"]
    if moment.utcoffset() is None:
        return [f"aware_at: {value!r} has no UTC offset (add e.g. +01:00)"]
    return []


def _check_list(
    name: str, value: object, allowed: tuple[str, ...], *, required: bool
) -> list[str]:
    if value is None:
        return [f"{name}: required, give at least one value"] if required else []
    if not isinstance(value, list):
        return [f"{name}: expected a list, got {_json_type(value)}"]
    if required and not value:
        return [f"{name}: give at least one of {', '.join(allowed)}"]

    problems: list[str] = []
    for index, item in enumerate(value):
        problems += _check_enum(f"{name}[{index}]", item, allowed, nullable=False)
        if isinstance(item, str) and item in value[:index]:
            problems.append(f"{name}[{index}]: {item!r} is listed twice")
    return problems


def _check_enum(
    name: str, value: object, allowed: tuple[str, ...], *, nullable: bool = True
) -> list[str]:
    if value is None and nullable:
        return []
    if not isinstance(value, str):
        return [f"{name}: expected a string, got {_json_type(value)}"]
    if value not in allowed:
        return [f"{name}: {value!r} is not one of {', '.join(allowed)}"]
    return []


def _check_type(name: str, value: object, kind: type, wanted: str) -> list[str]:
    if value is None or isinstance(value, kind):
        return []
    return [f"{name}: expected {wanted}, got {_json_type(value)}"]


def _check_subjects(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, Mapping):
        return [
            f"subjects: expected an object with min and max, got {_json_type(value)}"
        ]

    problems = [
        f"subjects.{key}: unknown field" for key in value if key not in ("min", "max")
    ]
    for key in ("min", "max"):
        problems += _check_count(f"subjects.{key}", value.get(key))
    low, high = value.get("min"), value.get("max")
    if isinstance(low, int) and isinstance(high, int) and 0 <= high < low:
        problems.append(f"subjects: min {low} is larger than max {high}")
    return problems


def _check_count(name: str, value: object) -> list[str]:
    if value is None:
        return [f"{name}: required"]
    if not _is_count(value):
        return [f"{name}: expected a whole number of 0 or more, got {value!r}"]
    return []


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_special_detail(data: Mapping[object, object]) -> list[str]:
    detail = data.get("special_categories")
    categories = data.get("data_categories")
    if not detail or not isinstance(detail, list):
        return []
    if isinstance(categories, list) and "special" in categories:
        return []
    return ["special_categories: given, but data_categories does not list 'special'"]


def _json_type(value: object) -> str:
    names: Sequence[tuple[type, str]] = (
        (bool, "a boolean"),
        (int, "a number"),
        (float, "a number"),
        (str, "a string"),
        (list, "a list"),
        (Mapping, "an object"),
    )
    for kind, label in names:
        if isinstance(value, kind):
            return f"{label} ({value!r})" if kind is not Mapping else label
    return "null" if value is None else type(value).__name__


def _build(data: Mapping[object, object]) -> BreachFacts:
    get: Callable[[str], object] = data.get
    subjects = get("subjects")
    aware_at = get("aware_at")
    return BreachFacts(
        breach_types=_strings(get("breach_types")) or (),
        aware_at=datetime.fromisoformat(aware_at)
        if isinstance(aware_at, str)
        else None,
        personal_data=_bool(get("personal_data")),
        data_categories=_strings(get("data_categories")),
        special_categories=_strings(get("special_categories")),
        subjects=_subject_range(subjects),
        vulnerable_subjects=_bool(get("vulnerable_subjects")),
        sensitivity=_string(get("sensitivity")) or "typical",
        unintelligible=_bool(get("unintelligible")),
        backup=_string(get("backup")),
        exposure=_string(get("exposure")),
        recipient_confirmed_deletion=_bool(get("recipient_confirmed_deletion")),
        exfiltration=_string(get("exfiltration")),
        malicious=_bool(get("malicious")),
        already_public=_bool(get("already_public")),
        mitigated=_bool(get("mitigated")),
        contact_details_known=_string(get("contact_details_known")),
        context=_string(get("context")),
    )


def _strings(value: object) -> tuple[str, ...] | None:
    return tuple(str(item) for item in value) if isinstance(value, list) else None


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _subject_range(value: object) -> SubjectRange | None:
    if not isinstance(value, Mapping):
        return None
    low, high = value.get("min"), value.get("max")
    if not isinstance(low, int) or not isinstance(high, int):
        return None
    return SubjectRange(min=low, max=high)
