# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.accounts.roles import CASE_HANDLER_ROLES, Role

from .workflow import Kind, Status, next_statuses

DATETIME_WIDGET = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M"]


def case_handlers() -> QuerySet:
    """CISO and deputies, and any member of staff as a temporary handler.

    A temporary handler sees only the case handed to them (see the access
    policy) and must set up the second factor before they can open it.
    """
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[*CASE_HANDLER_ROLES, Role.REPORTER],
        )
        .distinct()
        .order_by("first_name", "username")
    )


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: object) -> str:
        return obj.get_full_name() or obj.get_username()  # type: ignore[attr-defined]


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of incident"), choices=Kind.choices)


class AssignForm(forms.Form):
    handler = HandlerChoiceField(
        label=_("Handler"), queryset=case_handlers(), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["handler"].queryset = case_handlers()  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
        error_messages={"required": _("Write the note first.")},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the note first."))
        return text


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, current: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [
            (s.value, s.label) for s in next_statuses(current) if s != Status.CLOSED
        ]
        self.fields["status"].choices = choices  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    resolution = forms.CharField(
        label=_("Resolution"),
        help_text=_("What was done, and what the outcome was."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe how the incident was resolved.")},
    )
    solved_at = forms.DateTimeField(
        label=_("Solved at"),
        help_text=_("The exact time the incident was solved."),
        widget=DATETIME_WIDGET,
        input_formats=DATETIME_FORMATS,
        error_messages={"required": _("Give the exact time it was solved.")},
    )

    def clean_solved_at(self) -> object:
        moment = self.cleaned_data["solved_at"]
        if moment > timezone.now():
            raise forms.ValidationError(
                _("The time it was solved cannot be in the future.")
            )
        return moment
