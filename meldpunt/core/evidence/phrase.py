# SPDX-License-Identifier: EUPL-1.2
"""Warnings and refusals as English text that can still be translated.

The parsers speak English: the ``meldpunt.evidence/1`` output is a contract.
A person importing a file reads the same warnings in their own language, so
each one is a :class:`Phrase`: it *is* the English string (JSON, the command
line and every comparison see only that) and it also keeps its template and
parameters, so that a caller with a translation catalogue can render it again.

The core stays free of any translation framework. Templates are only marked,
with :func:`gettext_noop`, so that the catalogue's extraction finds them; a
parameter that is itself wording (not a number or a name) is a Phrase too, and
is translated along with the sentence it stands in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# A phrase inside a sentence is a Phrase, which is a str.
Param = str | int
Translate = Callable[[str], str]


def size_text(size: int) -> str:
    """A number of bytes as people read it: "734 bytes", "1.5 MB", "3.0 GB"."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            break
    return f"{value:.1f} {unit}"


def gettext_noop(template: str) -> str:
    """Mark ``template`` for the translation catalogue; return it unchanged."""
    return template


class Phrase(str):
    """English text rendered from ``template % params``, which it keeps.

    Templates use only named ``%(name)s`` placeholders. Building one costs a
    single string format, so warnings are built only when they are raised.
    """

    template: str
    params: dict[str, Param]

    def __new__(cls, template: str, /, **params: Param) -> Phrase:
        # Without parameters the template is the text: a copy is rebuilt from
        # its text that way, then given back its template and parameters.
        phrase = super().__new__(cls, _format(template, params))
        phrase.template = template
        phrase.params = params
        return phrase

    def render(self, translate: Translate) -> str:
        """The phrase in the language of ``translate`` (a template's gettext)."""
        try:
            return _format(
                translate(self.template),
                {
                    name: _rendered(value, translate)
                    for name, value in self.params.items()
                },
            )
        except (KeyError, TypeError, ValueError):
            return str(self)  # a broken translation: the English, never a crash

    def as_data(self) -> dict[str, Any]:
        """A JSON form to store; :func:`render_data` renders it later."""
        return {
            "text": str(self),
            "template": self.template,
            "params": {
                name: value.as_data() if isinstance(value, Phrase) else value
                for name, value in self.params.items()
            },
        }


def render_data(item: object, translate: Translate) -> str:
    """Render a Phrase, the stored form of one, or plain text as it is.

    Plain text is what was stored before warnings kept their template; it
    stays in the language it was written in.
    """
    if isinstance(item, Phrase):
        return item.render(translate)
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        phrase = _from_data(item)
        if phrase is not None:
            return phrase.render(translate)
        return str(item.get("text", ""))
    return str(item)


def _from_data(data: dict[str, Any]) -> Phrase | None:
    template, params = data.get("template"), data.get("params")
    if not isinstance(template, str) or not isinstance(params, dict):
        return None
    values: dict[str, Param] = {}
    for name, value in params.items():
        if isinstance(value, dict):
            inner = _from_data(value)
            if inner is None:
                return None
            values[name] = inner
        elif isinstance(value, str | int):
            values[name] = value
        else:
            return None
    try:
        return Phrase(template, **values)
    except (KeyError, TypeError, ValueError):
        return None


def _rendered(value: Param, translate: Translate) -> Param:
    return value.render(translate) if isinstance(value, Phrase) else value


def _format(template: str, params: dict[str, Param]) -> str:
    return template % params if params else template
