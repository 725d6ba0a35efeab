# SPDX-License-Identifier: EUPL-1.2
"""Raw definition data -> Definition, collecting every problem on the way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from meldpunt.core.procedure.actions import ACTION_PARAMS, param_problem
from meldpunt.core.procedure.model import (
    Action,
    ActionType,
    Answer,
    ChecklistItem,
    Definition,
    InputField,
    InputKind,
    Mailbox,
    Outcome,
    Question,
    Role,
    Settings,
    Step,
    Text,
)
from meldpunt.core.procedure.problems import step_at
from meldpunt.core.procedure.reading import RawMapping, Reader

SCHEMA_VERSION = 1
SCREENS = ("ap_notification", "data_subject_notification")
_TOP_REQUIRED = {"schema_version", "id", "version", "name", "steps", "outcomes"}
_TOP_OPTIONAL = {"description", "settings", "start"}
_STEP_REQUIRED = {"id", "title", "question"}
_STEP_OPTIONAL = {"explanation", "number", "screen", "deadline", "on_enter", "inputs"}


def parse_definition(raw: object, reader: Reader) -> Definition:
    """Build a Definition; problems go to `reader`, never raised here."""
    data = reader.mapping(raw, "definition", "")
    reader.keys(data, "definition", _TOP_REQUIRED, _TOP_OPTIONAL)
    _check_schema_version(data, reader)
    reader.settings = _settings(data.get("settings", {}), reader)

    steps = _unique(_steps(data.get("steps"), reader), "step", reader)
    outcomes = _unique(_outcomes(data.get("outcomes"), reader), "outcome", reader)
    if "steps" in data and not steps:
        reader.report("definition", "steps", "a definition needs at least one step")
    start = data.get("start", steps[0].id if steps else None)

    return Definition(
        id=reader.identifier(data.get("id"), "definition", "id"),
        version=_version(data.get("version"), reader),
        name=reader.text(data.get("name"), "definition", "name"),
        description=_text_or_empty(data, "description", "definition", reader),
        settings=reader.settings,
        start=reader.identifier(start, "definition", "start") if start else "",
        steps={step.id: step for step in steps},
        outcomes={outcome.id: outcome for outcome in outcomes},
    )


def _check_schema_version(data: RawMapping, reader: Reader) -> None:
    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        message = f"this Meldpunt reads schema version {SCHEMA_VERSION}, not {version}"
        reader.report("definition", "schema_version", message)


def _version(raw: object, reader: Reader) -> str:
    if raw is None:
        return ""
    if isinstance(raw, int | str) and not isinstance(raw, bool) and str(raw).strip():
        return str(raw)
    reader.report("definition", "version", "must be a version such as '2023.1'")
    return ""


def _text_or_empty(data: RawMapping, key: str, where: str, reader: Reader) -> Text:
    return reader.optional_text(data, key, where) or Text(nl="")


def _list(raw: object, where: str, field_name: str, reader: Reader) -> list[object]:
    if isinstance(raw, list):
        return raw
    if raw is not None:
        reader.report(where, field_name, "must be a list")
    return []


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


def _unique(
    items: Iterable[_Item], kind: str, reader: Reader, where: str = "definition"
) -> list[_Item]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.id in seen:
            reader.report(where, "id", f"duplicate {kind} id '{item.id}'")
            continue
        seen.add(item.id)
        kept.append(item)
    return kept


# -- settings ----------------------------------------------------------------


def _settings(raw: object, reader: Reader) -> Settings:
    data = reader.mapping(raw, "settings", "")
    optional = {"roles", "mailboxes", "thresholds", "examples"}
    reader.keys(data, "settings", set(), optional)
    mailboxes = {
        name: _mailbox(value, f"mailbox '{name}'", reader)
        for name, value in _named(data.get("mailboxes"), "mailboxes", reader)
    }
    roles = {
        name: _role(value, f"role '{name}'", mailboxes, reader)
        for name, value in _named(data.get("roles"), "roles", reader)
    }
    thresholds = {
        name: reader.integer(value, "settings", f"thresholds.{name}")
        for name, value in _named(data.get("thresholds"), "thresholds", reader)
    }
    examples = {
        name: tuple(
            reader.text(item or "", f"examples '{name}'", f"item {index + 1}")
            for index, item in enumerate(_list(value, "settings", name, reader))
        )
        for name, value in _named(data.get("examples"), "examples", reader)
    }
    return Settings(roles, mailboxes, thresholds, examples)


def _named(raw: object, field_name: str, reader: Reader) -> list[tuple[str, object]]:
    if raw is None:
        return []
    data = reader.mapping(raw, "settings", field_name)
    for name in data:
        reader.identifier(name, "settings", field_name)
    return list(data.items())


def _mailbox(raw: object, where: str, reader: Reader) -> Mailbox:
    data = reader.mapping(raw, where, "")
    reader.keys(data, where, {"address", "name"}, set())
    address = reader.string(data.get("address"), where, "address")
    if address and "@" not in address:
        reader.report(where, "address", f"'{address}' is not an e-mail address")
    return Mailbox(address=address, name=reader.text(data.get("name"), where, "name"))


def _role(
    raw: object, where: str, mailboxes: dict[str, Mailbox], reader: Reader
) -> Role:
    data = reader.mapping(raw, where, "")
    reader.keys(data, where, {"name"}, {"mailbox"})
    mailbox = data.get("mailbox")
    if mailbox is not None and mailbox not in mailboxes:
        reader.report(where, "mailbox", f"mailbox '{mailbox}' does not exist")
        mailbox = None
    name = reader.text(data.get("name"), where, "name")
    return Role(name=name, mailbox=str(mailbox) if mailbox is not None else None)


# -- steps and outcomes ------------------------------------------------------


def _steps(raw: object, reader: Reader) -> list[Step]:
    items = _list(raw, "definition", "steps", reader)
    return [_step(item, index, reader) for index, item in enumerate(items)]


def _step(raw: object, index: int, reader: Reader) -> Step:
    data = reader.mapping(raw, f"step {index + 1}", "")
    step_id = reader.identifier(data.get("id"), f"step {index + 1}", "id")
    where = step_at(step_id)
    reader.keys(data, where, _STEP_REQUIRED, _STEP_OPTIONAL)
    return Step(
        id=step_id,
        number=_optional_string(data, "number", where, reader),
        title=reader.text(data.get("title"), where, "title"),
        explanation=_text_or_empty(data, "explanation", where, reader),
        question=_question(data.get("question"), step_id, reader),
        screen=_screen(data, where, reader),
        deadline=_optional_identifier(data, "deadline", where, reader),
        on_enter=_actions(data.get("on_enter"), where, "on_enter", reader),
        inputs=_inputs(data.get("inputs"), where, reader),
    )


def _optional_string(
    data: RawMapping, key: str, where: str, reader: Reader
) -> str | None:
    if key not in data:
        return None
    return reader.string(str(data[key]) if data[key] is not None else None, where, key)


def _optional_identifier(
    data: RawMapping, key: str, where: str, reader: Reader
) -> str | None:
    return reader.identifier(data[key], where, key) if key in data else None


def _screen(data: RawMapping, where: str, reader: Reader) -> str | None:
    screen = data.get("screen")
    if screen is None or screen in SCREENS:
        return screen if isinstance(screen, str) else None
    reader.report(where, "screen", f"'{screen}' is not one of: {', '.join(SCREENS)}")
    return None


def _question(raw: object, step_id: str, reader: Reader) -> Question:
    where = step_at(step_id)
    data = reader.mapping(raw, where, "question")
    reader.keys(data, f"{where}, question", {"text", "answers"}, set())
    answers = [
        _answer(item, index, step_id, reader)
        for index, item in enumerate(
            _list(data.get("answers"), where, "answers", reader)
        )
    ]
    if "answers" in data and not answers:
        reader.report(where, "answers", "a question needs at least one answer")
    return Question(
        text=reader.text(data.get("text"), where, "question.text"),
        answers=tuple(_unique(answers, "answer", reader, where)),
    )


def _answer(raw: object, index: int, step_id: str, reader: Reader) -> Answer:
    data = reader.mapping(raw, step_at(step_id), f"answers[{index + 1}]")
    where = step_at(step_id, None) + f", answer {index + 1}"
    answer_id = reader.identifier(data.get("id"), where, "id")
    where = step_at(step_id, answer_id)
    reader.keys(
        data, where, {"id", "label"}, {"next", "outcome", "hint", "actions", "inputs"}
    )
    if ("next" in data) == ("outcome" in data):
        reader.report(where, "next/outcome", "give exactly one of 'next' or 'outcome'")
    return Answer(
        id=answer_id,
        label=reader.text(data.get("label"), where, "label"),
        next=_optional_identifier(data, "next", where, reader),
        outcome=_optional_identifier(data, "outcome", where, reader),
        hint=reader.optional_text(data, "hint", where),
        actions=_actions(data.get("actions"), where, "actions", reader),
        inputs=_inputs(data.get("inputs"), where, reader),
    )


def _outcomes(raw: object, reader: Reader) -> list[Outcome]:
    return [
        _outcome(item, index, reader)
        for index, item in enumerate(_list(raw, "definition", "outcomes", reader))
    ]


def _outcome(raw: object, index: int, reader: Reader) -> Outcome:
    data = reader.mapping(raw, f"outcome {index + 1}", "")
    outcome_id = reader.identifier(data.get("id"), f"outcome {index + 1}", "id")
    where = f"outcome '{outcome_id}'"
    reader.keys(data, where, {"id", "title"}, {"explanation", "screen"})
    return Outcome(
        id=outcome_id,
        title=reader.text(data.get("title"), where, "title"),
        explanation=_text_or_empty(data, "explanation", where, reader),
        screen=_screen(data, where, reader),
    )


# -- actions and inputs ------------------------------------------------------


def _actions(
    raw: object, where: str, field_name: str, reader: Reader
) -> tuple[Action, ...]:
    items = _list(raw, where, field_name, reader)
    actions = (
        _action(item, where, f"{field_name}[{i + 1}]", reader)
        for i, item in enumerate(items)
    )
    return tuple(action for action in actions if action is not None)


def _action(raw: object, where: str, field_name: str, reader: Reader) -> Action | None:
    data = reader.mapping(raw, where, field_name)
    if len(data) != 1:
        reader.report(where, field_name, "write an action as '- type: {parameters}'")
        return None
    ((name, params_raw),) = data.items()
    if name not in set(ActionType):
        known = ", ".join(ActionType)
        reader.report(
            where, field_name, f"unknown action type '{name}' (known: {known})"
        )
        return None
    action_type = ActionType(name)
    params = reader.mapping(
        params_raw if params_raw is not None else {}, where, field_name
    )
    checked = _action_params(action_type, params, where, f"{field_name}.{name}", reader)
    return Action(type=action_type, params=checked) if checked is not None else None


def _action_params(
    action_type: ActionType,
    params: RawMapping,
    where: str,
    field_name: str,
    reader: Reader,
) -> dict[str, str] | None:
    """The parameters as text, or None if any is missing, unknown or wrong."""
    spec = ACTION_PARAMS[action_type]
    problems_before = len(reader.problems)
    for key in sorted(spec.keys() - params.keys()):
        reader.report(where, f"{field_name}.{key}", "is missing")
    for key in sorted(params.keys() - spec.keys()):
        reader.report(where, f"{field_name}.{key}", "is not a parameter of this action")

    for key in spec.keys() & params.keys():
        problem = param_problem(spec[key], str(params[key]), reader.settings)
        if problem is not None:
            reader.report(where, f"{field_name}.{key}", problem)
    if len(reader.problems) != problems_before:
        return None
    return {key: str(value) for key, value in params.items()}


def _inputs(raw: object, where: str, reader: Reader) -> tuple[InputField, ...]:
    items = _list(raw, where, "inputs", reader)
    fields = [_input(item, where, index, reader) for index, item in enumerate(items)]
    return tuple(_unique(fields, "input", reader, where))


def _input(raw: object, where: str, index: int, reader: Reader) -> InputField:
    data = reader.mapping(raw, where, f"inputs[{index + 1}]")
    input_id = reader.identifier(data.get("id"), where, f"inputs[{index + 1}].id")
    field_where = f"{where}, input '{input_id}'"
    reader.keys(data, field_where, {"id", "kind", "label"}, {"required", "items"})
    kind_raw = data.get("kind")
    if kind_raw not in set(InputKind):
        kinds = ", ".join(InputKind)
        reader.report(field_where, "kind", f"'{kind_raw}' is not one of: {kinds}")
        kind_raw = InputKind.TEXT
    kind = InputKind(str(kind_raw))
    required = data.get("required", False)
    if not isinstance(required, bool):
        reader.report(field_where, "required", "must be true or false")
        required = False
    return InputField(
        id=input_id,
        kind=kind,
        label=reader.text(data.get("label"), field_where, "label"),
        required=required,
        items=_checklist(data, kind, field_where, reader),
    )


def _checklist(
    data: RawMapping, kind: InputKind, where: str, reader: Reader
) -> tuple[ChecklistItem, ...]:
    raw_items = _list(data.get("items"), where, "items", reader)
    if (kind is InputKind.CHECKLIST) != bool(raw_items):
        reader.report(where, "items", "a checklist needs items; other kinds have none")
    items = []
    for index, raw in enumerate(raw_items):
        item = reader.mapping(raw, where, f"items[{index + 1}]")
        reader.keys(item, where, {"id", "label"}, set())
        item_id = reader.identifier(item.get("id"), where, f"items[{index + 1}].id")
        label = reader.text(item.get("label"), where, f"item '{item_id}'.label")
        items.append(ChecklistItem(id=item_id, label=label))
    return tuple(_unique(items, "checklist item", reader, where))
