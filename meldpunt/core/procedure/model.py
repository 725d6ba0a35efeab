# SPDX-License-Identifier: EUPL-1.2
"""The procedure as data: the immutable objects a definition file becomes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Text:
    """A text the product shows, Dutch first; English falls back to Dutch."""

    nl: str
    en: str = ""

    def get(self, language: str) -> str:
        if language == "en" and self.en:
            return self.en
        return self.nl


class InputKind(StrEnum):
    TEXT = "text"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    CHECKLIST = "checklist"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    label: Text


@dataclass(frozen=True)
class InputField:
    """Extra data asked with a step or an answer (free text, a time, ticks)."""

    id: str
    kind: InputKind
    label: Text
    required: bool = False
    items: tuple[ChecklistItem, ...] = ()


class ActionType(StrEnum):
    NOTIFY_ROLE = "notify_role"
    SEND_TO_MAILBOX = "send_to_mailbox"
    CONSULT = "consult"
    REFER_TO_ROLE = "refer_to_role"
    BECOME_HANDLER = "become_handler"
    PRESERVE_EVIDENCE = "preserve_evidence"
    RECORD = "record"
    OPEN_ASSESSMENT = "open_assessment"
    START_CLOCK = "start_clock"
    DRAFT_NOTIFICATION = "draft_notification"
    REQUIRE_APPROVAL = "require_approval"


@dataclass(frozen=True)
class Action:
    """One thing an answer (or reaching a step) triggers, with its parameters."""

    type: ActionType
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    id: str
    label: Text
    next: str | None = None
    outcome: str | None = None
    hint: Text | None = None
    actions: tuple[Action, ...] = ()
    inputs: tuple[InputField, ...] = ()


@dataclass(frozen=True)
class Question:
    text: Text
    answers: tuple[Answer, ...]

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class Step:
    """One question of the procedure; `screen` names a dedicated UI, if any."""

    id: str
    title: Text
    explanation: Text
    question: Question
    number: str | None = None
    screen: str | None = None
    deadline: str | None = None
    on_enter: tuple[Action, ...] = ()
    inputs: tuple[InputField, ...] = ()


@dataclass(frozen=True)
class Outcome:
    id: str
    title: Text
    explanation: Text
    screen: str | None = None


@dataclass(frozen=True)
class Role:
    name: Text
    mailbox: str | None = None


@dataclass(frozen=True)
class Mailbox:
    address: str
    name: Text


@dataclass(frozen=True)
class Settings:
    """The organisation-specific part: who, where, how long, which examples."""

    roles: Mapping[str, Role] = field(default_factory=dict)
    mailboxes: Mapping[str, Mailbox] = field(default_factory=dict)
    thresholds: Mapping[str, int] = field(default_factory=dict)
    examples: Mapping[str, tuple[Text, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class DefinitionStamp:
    """What an incident stores to know exactly which procedure it followed."""

    id: str
    version: str
    digest: str


@dataclass(frozen=True)
class Definition:
    id: str
    version: str
    name: Text
    description: Text
    settings: Settings
    start: str
    steps: Mapping[str, Step]
    outcomes: Mapping[str, Outcome]
    digest: str = ""

    @property
    def stamp(self) -> DefinitionStamp:
        return DefinitionStamp(id=self.id, version=self.version, digest=self.digest)
