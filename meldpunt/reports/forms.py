# SPDX-License-Identifier: EUPL-1.2
import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.incidents.models import PersonalData
from meldpunt.logbook.services import UploadedEvidence
from meldpunt.logbook.uploads import MultipleFileField

# A discovery date before this year is a typing error, not a report.
EARLIEST_YEAR = 2000


class ReportForm(forms.Form):
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Describe what you saw or did, in your own words. "
            "Do not copy the leaked data itself."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe what happened.")},
    )
    discovered_at = forms.DateTimeField(
        label=_("When did you discover it?"),
        help_text=_("Leave empty if you discovered it just now."),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M"],
    )
    personal_data = forms.ChoiceField(
        label=_("Could personal data be involved?"),
        help_text=_(
            "Personal data is anything that could be traced back to a living person: "
            "a name, address, phone number, e-mail address, IP address or BSN."
        ),
        choices=PersonalData.choices,
        initial=PersonalData.UNKNOWN,
        widget=forms.RadioSelect,
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("Optional: screenshots or files that show what happened."),
        required=False,
    )
    anonymous = forms.BooleanField(
        label=_("Report anonymously"),
        help_text=_("Your name is not stored with this report."),
        required=False,
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: object, allow_anonymous: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        limit = settings.MELDPUNT_MAX_REPORT_CHARS
        self.fields["description"].validators.append(MaxLengthValidator(limit))
        self.fields["description"].widget.attrs["maxlength"] = str(limit)
        self.fields["attachments"].help_text = _(
            "Optional: screenshots or files that show what happened. At most "
            "%(count)d files of up to %(size)s each; programs are refused."
        ) % {
            "count": settings.MELDPUNT_MAX_ATTACHMENTS,
            "size": filesizeformat(settings.MELDPUNT_MAX_ATTACHMENT_BYTES),
        }
        if not allow_anonymous:
            del self.fields["anonymous"]
        if not self.is_bound:
            self.initial["submission_token"] = uuid.uuid4()

    def clean_discovered_at(self) -> object:
        moment = self.cleaned_data["discovered_at"]
        if moment and moment > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(
                _("The discovery time cannot be in the future.")
            )
        if moment and moment.year < EARLIEST_YEAR:
            raise forms.ValidationError(
                _("Check the date: %(year)d is too long ago for a report."),
                params={"year": moment.year},
            )
        return moment

    def evidence(self) -> list[UploadedEvidence]:
        return [
            UploadedEvidence(name=upload.name or "", data=upload.read())
            for upload in self.cleaned_data["attachments"]
        ]


class SupplierReportForm(forms.Form):
    """Path C: a supplier reports without an account."""

    company = forms.CharField(label=_("Company"), max_length=200)
    contact = forms.CharField(
        label=_("Your name and phone number or e-mail address"),
        help_text=_("So that the security officer can reach you."),
        max_length=500,
    )
    description = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe what happened.")},
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        limit = settings.MELDPUNT_MAX_REPORT_CHARS
        self.fields["description"].validators.append(MaxLengthValidator(limit))
        if not self.is_bound:
            self.initial["submission_token"] = uuid.uuid4()


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        help_text=_("The code you were shown when you sent your report."),
        max_length=64,
        error_messages={"required": _("Enter your receipt code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class AnswerForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=64)
    text = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        error_messages={"required": _("Write your answer first.")},
    )


class QuestionForm(forms.Form):
    report = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Question to the reporter"),
        help_text=_(
            "The reporter reads it with their receipt code; they cannot be "
            "reached any other way."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        error_messages={"required": _("Write the question first.")},
    )
