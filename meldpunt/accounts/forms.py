# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .roles import Role


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        help_text=_(
            "The six digits your authenticator app shows now, or one of your "
            "recovery codes."
        ),
        max_length=32,
        error_messages={"required": _("Enter the code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


def consultable_people() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.DIRECTOR, Role.FG])
        .distinct()
        .order_by("first_name", "username")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: object) -> str:
        return obj.get_full_name() or obj.get_username()  # type: ignore[attr-defined]


class ConsultForm(forms.Form):
    person = PersonChoiceField(
        label=_("Director or FG to consult"),
        help_text=_("They can then read this case (not others) and its logbook."),
        queryset=consultable_people(),
        error_messages={"required": _("Choose whom to consult.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].queryset = consultable_people()  # type: ignore[attr-defined]
