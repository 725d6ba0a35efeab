# SPDX-License-Identifier: EUPL-1.2
import uuid
from datetime import timedelta
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.incidents.models import PersonalData
from meldpunt.logbook.services import UploadedEvidence


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        return [
            super(MultipleFileField, self).clean(item, initial)
            for item in items
            if item
        ]


def check_upload(upload: UploadedFile) -> None:
    """Refuse empty, oversized and dangerous files, naming the file."""
    name = PurePath(upload.name or "").name
    limit = settings.MELDPUNT_MAX_ATTACHMENT_BYTES
    if upload.size == 0:
        raise forms.ValidationError(
            _("The file %(name)s is empty."), params={"name": name}
        )
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file %(name)s is %(size)s; the limit is %(limit)s."),
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
    if PurePath(name.lower()).suffix in settings.MELDPUNT_REFUSED_EXTENSIONS:
        raise forms.ValidationError(
            _(
                "Files of type %(suffix)s are not accepted: "
                "they could contain a program."
            ),
            params={"suffix": PurePath(name.lower()).suffix},
        )


def safe_name(name: str) -> str:
    """Keep only the last path component of an uploaded file's name."""
    cleaned = PurePath(name.replace("\\", "/")).name.strip().lstrip(".")
    return cleaned[:200] or "bestand"


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
        if not allow_anonymous:
            del self.fields["anonymous"]
        if not self.is_bound:
            self.initial["submission_token"] = uuid.uuid4()

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError(_("Describe what happened."))
        return text

    def clean_discovered_at(self) -> object:
        moment = self.cleaned_data["discovered_at"]
        if moment and moment > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(
                _("The discovery time cannot be in the future.")
            )
        return moment

    def clean_attachments(self) -> list[UploadedFile]:
        uploads = self.cleaned_data["attachments"]
        if len(uploads) > settings.MELDPUNT_MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)d files."),
                params={"count": settings.MELDPUNT_MAX_ATTACHMENTS},
            )
        errors = []
        for upload in uploads:
            try:
                check_upload(upload)
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return uploads

    def evidence(self) -> list[UploadedEvidence]:
        return [
            UploadedEvidence(name=safe_name(upload.name or ""), data=upload.read())
            for upload in self.cleaned_data["attachments"]
        ]


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

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your answer first."))
        return text


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

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the question first."))
        return text
