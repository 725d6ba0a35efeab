# SPDX-License-Identifier: EUPL-1.2
"""The checks every evidence upload passes, wherever it comes from.

The web forms call them to show a clear message next to the field;
``append_entry`` calls them again so that a command or an import cannot store
what the form would refuse.
"""

import re
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .storage import detect_type

# Device names Windows reserves whatever the extension (``CON.txt`` too).
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_FORBIDDEN_CHARACTERS = set('/\\:*?"<>|')
MAX_NAME_LENGTH = 200


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an evidence file's name, or ``None``."""
    if not name.strip():
        return str(_("The file has no name."))
    if len(name) > MAX_NAME_LENGTH:
        return str(
            _("The file name is longer than %(limit)d characters.")
            % {"limit": MAX_NAME_LENGTH}
        )
    if (
        _FORBIDDEN_CHARACTERS & set(name)
        or name.startswith(".")
        or name != name.strip()
        or not name.isprintable()
        or _RESERVED.match(name)
    ):
        return str(
            _(
                "The file name %(name)s is not accepted: use a plain name without "
                'folders, a leading dot or the characters / \\ : * ? " < > |.'
            )
            % {"name": repr(name)[1:-1]}
        )
    return None


def content_problem(name: str, size: int, head: bytes) -> str | None:
    """Why a file of ``size`` bytes starting with ``head`` is refused, or ``None``."""
    limit = settings.MELDPUNT_MAX_ATTACHMENT_BYTES
    suffix = PurePath(name.lower()).suffix
    if size == 0:
        return str(_("The file %(name)s is empty.") % {"name": name})
    if size > limit:
        return str(
            _("The file %(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(limit),
            }
        )
    if suffix in settings.MELDPUNT_REFUSED_EXTENSIONS:
        return str(
            _(
                "Files of type %(suffix)s are not accepted: "
                "they could contain a program."
            )
            % {"suffix": suffix}
        )
    if detect_type(name, head) in settings.MELDPUNT_REFUSED_TYPES:
        return str(
            _("The file %(name)s is a program, whatever its name says; it is refused.")
            % {"name": name}
        )
    return None


def upload_problem(name: str, data: bytes) -> str | None:
    """The first reason to refuse the file ``name`` holding ``data``, or ``None``."""
    return name_problem(name) or content_problem(name, len(data), data[:16])


def check_upload(upload: UploadedFile) -> None:
    """Refuse an uploaded file with a message that names it."""
    name = upload.name or ""
    head = upload.read(16)
    upload.seek(0)
    problem = name_problem(name) or content_problem(name, upload.size or 0, head)
    if problem:
        raise forms.ValidationError(problem)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, each checked by ``check_upload``."""

    widget = MultipleFileInput

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        uploads = [
            super(MultipleFileField, self).clean(item, initial)
            for item in items
            if item
        ]
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
