# SPDX-License-Identifier: EUPL-1.2
"""An evidence import: one uploaded file on its way into a case's logbook."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import Evidence


class ImportStatus(models.TextChoices):
    READING = "reading", _("Being read")
    PREVIEW = "preview", _("Waiting for confirmation")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


# Kinds of file that hold a mail (with any mails attached to it), not a chat.
MAIL_KINDS = frozenset({"email", "outlook-msg"})

# At most one import of a file into a case is in one of these states at a
# time. A file imported in part may be imported again for the rest; the
# entries imported before are left out of it (see services.start_import).
IN_FLIGHT_STATUSES = (ImportStatus.QUEUED, ImportStatus.RUNNING)

# An upload in one of these states can still be discarded: a large file is
# read by the worker first (READING), then waits for confirmation (PREVIEW).
OPEN_STATUSES = (ImportStatus.READING, ImportStatus.PREVIEW)

# The worker is, or is about to be, at work on an import in these states.
BUSY_STATUSES = (ImportStatus.READING, *IN_FLIGHT_STATUSES)


class Import(models.Model):
    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="imports",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"))
    original_name = models.CharField(_("original file name"), max_length=255)
    stored_name = models.CharField(
        _("stored as"),
        max_length=100,
        help_text=_("The original file, encrypted in evidence storage."),
    )
    content_type = models.CharField(_("detected type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    kind = models.CharField(
        _("kind of file"),
        max_length=16,
        blank=True,
        help_text=_("whatsapp, signal or e-mail; empty until the file is read"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ImportStatus.choices,
        default=ImportStatus.PREVIEW,
    )
    date_order = models.CharField(
        _("date order"),
        max_length=3,
        blank=True,
        help_text=_("Chosen by the person when the file does not prove it."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Amsterdam"
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        help_text=_(
            "The language of the person who confirmed the import; its logbook "
            "entry is written in it."
        ),
    )
    summary = models.JSONField(
        _("summary"),
        default=dict,
        help_text=_("Participants, period, counts and warnings of the parse."),
    )
    selection = models.JSONField(
        _("selected entries"),
        null=True,
        blank=True,
        help_text=_("Index ranges to import; empty means all."),
    )
    ours = models.JSONField(
        _("participants of the organisation"), default=list, blank=True
    )
    progress_done = models.PositiveIntegerField(_("entries prepared"), default=0)
    progress_total = models.PositiveIntegerField(_("entries to import"), default=0)
    first_sequence = models.PositiveIntegerField(
        _("first logbook entry"), null=True, blank=True
    )
    last_sequence = models.PositiveIntegerField(
        _("last logbook entry"), null=True, blank=True
    )
    source_evidence = models.ForeignKey(
        Evidence,
        verbose_name=_("original file as evidence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    error = models.TextField(_("why it failed"), blank=True)

    class Meta:
        verbose_name = _("evidence import")
        verbose_name_plural = _("evidence imports")
        ordering = ["incident", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "sha256"],
                condition=models.Q(status__in=IN_FLIGHT_STATUSES),
                name="import_file_one_at_a_time_per_incident",
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_id}/{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("imports:preview", args=[self.incident.reference, self.pk])

    @property
    def needs_date_order(self) -> bool:
        return bool(self.summary.get("ambiguous_dates")) and not self.date_order

    @property
    def is_mail(self) -> bool:
        """A saved mail is imported whole: no choice of entries."""
        return self.kind in MAIL_KINDS

    @property
    def entries_total(self) -> int:
        return int(self.summary.get("entries", 0))
