# SPDX-License-Identifier: EUPL-1.2
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.incidents.forms import DATETIME_FORMATS, DATETIME_WIDGET

from .models import Channel, Direction, EntryKind
from .services import UploadedEvidence
from .uploads import MultipleFileField

# Status changes are written by the status form, which also changes the case.
MANUAL_KINDS = [(k.value, k.label) for k in EntryKind if k != EntryKind.STATUS_CHANGE]
MANUAL_CHANNELS = [
    (c.value, c.label) for c in Channel if c not in (Channel.WEB, Channel.SYSTEM)
]


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of entry"), choices=MANUAL_KINDS)
    channel = forms.ChoiceField(label=_("Channel"), choices=MANUAL_CHANNELS)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect
    )
    occurred_at = forms.DateTimeField(
        label=_("When did it happen?"),
        help_text=_("Recording it later is fine: the time of recording is kept too."),
        widget=DATETIME_WIDGET,
        input_formats=DATETIME_FORMATS,
        error_messages={"required": _("Give the time it happened.")},
    )
    participants = forms.CharField(
        label=_("Who took part?"),
        help_text=_("Names and roles, also people outside the organisation."),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        error_messages={"required": _("Write a one-line summary.")},
    )
    text = forms.CharField(
        label=_("Full text"),
        help_text=_("What was said or written, as completely as you can."),
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        help_text=_("Required for a decision: why it was taken."),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = MultipleFileField(
        label=_("Evidence files"),
        help_text=_("Optional: e-mails, screenshots, letters. Stored encrypted."),
        required=False,
    )
    corrects = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )

    def clean_summary(self) -> str:
        summary = self.cleaned_data["summary"].strip()
        if not summary:
            raise forms.ValidationError(_("Write a one-line summary."))
        return summary

    def clean_occurred_at(self) -> object:
        moment = self.cleaned_data["occurred_at"]
        if moment > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(
                _("The time it happened cannot be in the future.")
            )
        return moment

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if (
            data.get("kind") == EntryKind.DECISION
            and not str(data.get("reasons", "")).strip()
        ):
            self.add_error("reasons", _("Give the reasons for the decision."))
        return data

    def evidence(self) -> list[UploadedEvidence]:
        return [
            UploadedEvidence(name=upload.name or "", data=upload.read())
            for upload in self.cleaned_data["attachments"]
        ]
