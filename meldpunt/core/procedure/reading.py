# SPDX-License-Identifier: EUPL-1.2
"""Typed reading of raw YAML data that collects problems instead of stopping."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from meldpunt.core.procedure.model import Settings, Text
from meldpunt.core.procedure.problems import Problem

IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\.([a-z0-9_]+)\}")
RawMapping = Mapping[str, object]


@dataclass
class Reader:
    """Reads one definition, remembering every problem it meets."""

    problems: list[Problem] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)

    def report(self, where: str, field_name: str, message: str) -> None:
        self.problems.append(Problem(where, field_name, message))

    def mapping(self, raw: object, where: str, field_name: str) -> RawMapping:
        if isinstance(raw, Mapping) and all(isinstance(k, str) for k in raw):
            return raw
        if isinstance(raw, Mapping):
            message = "has a key that is not text (quote keys such as yes, no, 1)"
        else:
            message = f"must be a mapping, not {_kind(raw)}"
        self.report(where, field_name, message)
        return {}

    def keys(
        self, raw: RawMapping, where: str, required: set[str], optional: set[str]
    ) -> None:
        for name in sorted(required - raw.keys()):
            self.report(where, name, "is missing")
        for name in sorted(raw.keys() - required - optional):
            self.report(where, name, "is not a known field")

    def string(self, raw: object, where: str, field_name: str) -> str:
        if isinstance(raw, str) and raw.strip():
            return raw
        self.report(where, field_name, f"must be non-empty text, not {_kind(raw)}")
        return ""

    def identifier(self, raw: object, where: str, field_name: str) -> str:
        if isinstance(raw, str) and IDENTIFIER.fullmatch(raw):
            return raw
        message = f"must be a snake_case identifier, not {_show(raw)}"
        if isinstance(raw, bool):
            message += " (YAML reads bare yes/no as true/false: quote it)"
        self.report(where, field_name, message)
        return raw if isinstance(raw, str) else ""

    def integer(self, raw: object, where: str, field_name: str) -> int:
        if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
            return raw
        self.report(
            where, field_name, f"must be a positive whole number, not {_show(raw)}"
        )
        return 0

    def text(self, raw: object, where: str, field_name: str) -> Text:
        """A {nl, en} text; nl is required, placeholders are filled in.

        A missing text (None) is left to `keys`, which reports it once.
        """
        if raw is None:
            return Text(nl="")
        data = self.mapping(raw, where, field_name)
        if not data:
            return Text(nl="")
        self.keys(data, where, set(), {"nl", "en"})
        if not isinstance(data.get("nl"), str) or not str(data["nl"]).strip():
            self.report(where, f"{field_name}.nl", "Dutch text is missing")
        english = data.get("en", "")
        if not isinstance(english, str):
            self.report(where, f"{field_name}.en", "must be text")
            english = ""
        dutch = str(data.get("nl") or "")
        fill = self._filler(where, field_name)
        return Text(nl=fill(dutch, "nl"), en=fill(english, "en"))

    def optional_text(self, raw: RawMapping, key: str, where: str) -> Text | None:
        return self.text(raw[key], where, key) if key in raw else None

    def _filler(self, where: str, field_name: str) -> Callable[[str, str], str]:
        def fill(text: str, language: str) -> str:
            def replace(match: re.Match[str]) -> str:
                kind, name = match.groups()
                value = placeholder_value(self.settings, kind, name, language)
                if value is None:
                    self.report(
                        where, field_name, f"unknown placeholder '{match.group(0)}'"
                    )
                    return match.group(0)
                return value

            return PLACEHOLDER.sub(replace, text)

        return fill


def placeholder_value(
    settings: Settings, kind: str, name: str, language: str
) -> str | None:
    """The text `{kind.name}` stands for in `language`, or None if unknown."""
    if kind == "threshold" and name in settings.thresholds:
        return str(settings.thresholds[name])
    if kind == "mailbox" and name in settings.mailboxes:
        return settings.mailboxes[name].address
    if kind == "role" and name in settings.roles:
        return settings.roles[name].name.get(language)
    if kind == "examples" and name in settings.examples:
        return ", ".join(text.get(language) for text in settings.examples[name])
    return None


def _kind(raw: object) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}
    if raw is None:
        return "nothing"
    return names.get(type(raw), type(raw).__name__)


def _show(raw: object) -> str:
    return f"'{raw}'" if isinstance(raw, str) else _kind(raw)
