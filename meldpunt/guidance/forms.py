# SPDX-License-Identifier: EUPL-1.2
"""Forms built from a procedure step, and the small forms around it."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from meldpunt.core.procedure import Answer, InputField, InputKind, Step
from meldpunt.incidents.forms import DATETIME_FORMATS, DATETIME_WIDGET
from meldpunt.logbook.models import Channel


def _text(value: Any) -> str:
    return str(value.get(get_language() or "nl"))


def _field_for(input_field: InputField) -> forms.Field:
    label = _text(input_field.label)
    if input_field.kind is InputKind.BOOLEAN:
        return forms.BooleanField(label=label, required=False)
    if input_field.kind is InputKind.DATETIME:
        return forms.DateTimeField(
            label=label,
            required=False,
            widget=DATETIME_WIDGET,
            input_formats=DATETIME_FORMATS,
        )
    if input_field.kind is InputKind.CHECKLIST:
        return forms.MultipleChoiceField(
            label=label,
            required=False,
            choices=[(item.id, _text(item.label)) for item in input_field.items],
            widget=forms.CheckboxSelectMultiple,
        )
    return forms.CharField(
        label=label,
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StepForm(forms.Form):
    """One step: its answers as a choice, its inputs as fields."""

    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["answer"] = forms.ChoiceField(
            label=_text(step.question.text),
            choices=[(a.id, _text(a.label)) for a in step.question.answers],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose one of the answers.")},
        )
        for input_field in self._inputs():
            field = _field_for(input_field)
            needed_for = self._answers_needing(input_field)
            if input_field.required and input_field in self.step.inputs:
                field.conditional = True  # type: ignore[attr-defined]
                field.help_text = _("Needed whatever you answer.")
            elif needed_for:
                # Not optional: needed for some answers, asked for all.
                field.conditional = True  # type: ignore[attr-defined]
                field.help_text = _("Needed when you answer: %(answers)s") % {
                    "answers": "; ".join(needed_for)
                }
            self.fields[f"input_{input_field.id}"] = field

    def _answers_needing(self, input_field: InputField) -> list[str]:
        if input_field.required and input_field in self.step.inputs:
            return [_text(a.label) for a in self.step.question.answers]
        return [
            _text(a.label)
            for a in self.step.question.answers
            if input_field.required and input_field in a.inputs
        ]

    def _inputs(self) -> list[InputField]:
        seen: dict[str, InputField] = {f.id: f for f in self.step.inputs}
        for answer in self.step.question.answers:
            for input_field in answer.inputs:
                seen.setdefault(input_field.id, input_field)
        return list(seen.values())

    def chosen(self) -> Answer:
        answer = self.step.question.answer(self.cleaned_data["answer"])
        if answer is None:  # the choice field offers only the step's answers
            raise forms.ValidationError(_("Choose one of the answers."))
        return answer

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "answer" not in cleaned:
            return cleaned
        for input_field in (*self.step.inputs, *self.chosen().inputs):
            name = f"input_{input_field.id}"
            value = cleaned.get(name)
            if input_field.required and not self._complete(input_field, value):
                self.add_error(name, self._missing_message(input_field))
            if (
                input_field.kind is InputKind.DATETIME
                and value
                and value > timezone.now()
            ):
                self.add_error(name, _("This cannot be in the future."))
        return cleaned

    @staticmethod
    def _missing_message(input_field: InputField) -> str:
        if input_field.kind is InputKind.CHECKLIST:
            return _(
                "Tick every item: all of them are needed for the answer you chose."
            )
        return _("This is needed for the answer you chose.")

    @staticmethod
    def _complete(input_field: InputField, value: Any) -> bool:
        if input_field.kind is InputKind.CHECKLIST:
            return len(value or []) == len(input_field.items)
        return value not in (None, "", [])

    def answer_data(self) -> dict[str, object]:
        """The inputs that belong to the chosen answer, in the engine's types."""
        data: dict[str, object] = {}
        for input_field in (*self.step.inputs, *self.chosen().inputs):
            value = self.cleaned_data.get(f"input_{input_field.id}")
            if value in (None, "", []):
                continue
            if input_field.kind is InputKind.DATETIME:
                value = value.isoformat()
            if input_field.kind is InputKind.BOOLEAN and value is False:
                continue
            data[input_field.id] = value
        return data


class ConsultationForm(forms.Form):
    consulted = forms.CharField(
        label=_("Whom did you consult?"),
        help_text=_("Name and role, e.g. the director on duty or the FG."),
        max_length=200,
    )
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[
            (c.value, c.label)
            for c in (
                Channel.PHONE,
                Channel.EMAIL,
                Channel.MEETING,
                Channel.IN_PERSON,
                Channel.WHATSAPP,
                Channel.SIGNAL,
                Channel.OTHER,
            )
        ],
    )
    occurred_at = forms.DateTimeField(
        label=_("When"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS
    )
    advice = forms.CharField(
        label=_("What was advised or agreed?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
    )

    def clean_occurred_at(self) -> Any:
        moment = self.cleaned_data["occurred_at"]
        if moment > timezone.now():
            raise forms.ValidationError(_("This cannot be in the future."))
        return moment


class AbsenceForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("From"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Until"),
        help_text=_("Leave empty when the end is not known yet."),
        required=False,
        widget=DATETIME_WIDGET,
        input_formats=DATETIME_FORMATS,
    )
    reachable = forms.BooleanField(
        label=_("I can be reached by phone during this absence"), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        return cleaned
