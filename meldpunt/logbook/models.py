# SPDX-License-Identifier: EUPL-1.2
"""The logbook: append-only, hash-chained entries per incident, and evidence."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meldpunt.incidents.models import Incident


class AppendOnlyError(Exception):
    """Raised on an attempt to change or remove what the logbook holds."""


class EntryKind(models.TextChoices):
    COMMUNICATION = "communication", _("Communication")
    CONSULTATION = "consultation", _("Consultation")
    DECISION = "decision", _("Decision")
    MEASURE = "measure", _("Measure")
    STATUS_CHANGE = "status_change", _("Status change")
    NOTE = "note", _("Note")
    SYSTEM_MESSAGE = "system_message", _("System message")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    IN_PERSON = "in_person", _("In person")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SIGNAL = "signal", _("Signal")
    LETTER = "letter", _("Letter")
    SYSTEM = "system", _("Meldpunt")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    INCOMING = "in", _("Incoming")
    OUTGOING = "out", _("Outgoing")
    INTERNAL = "internal", _("Internal")


class LogbookEntry(models.Model):
    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="logbook_entries",
    )
    sequence = models.PositiveIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=32, choices=EntryKind.choices)
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    direction = models.CharField(
        _("direction"),
        max_length=16,
        choices=Direction.choices,
        default=Direction.INTERNAL,
    )
    occurred_at = models.DateTimeField(
        _("occurred at"), help_text=_("When it happened.")
    )
    recorded_at = models.DateTimeField(
        _("recorded at"), help_text=_("When it was written down in Meldpunt.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for anonymous reports and automatic entries."),
    )
    participants = models.TextField(
        _("participants"),
        blank=True,
        help_text=_("Who took part: people and roles, also outside the organisation."),
    )
    summary = models.CharField(_("summary"), max_length=300)
    text = models.TextField(_("full text"), blank=True)
    reasons = models.TextField(
        _("reasons"), blank=True, help_text=_("Why a decision was taken.")
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    source_evidence = models.ForeignKey(
        "Evidence",
        verbose_name=_("source file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_of",
        help_text=_("The imported file this entry was read from."),
    )
    source_index = models.PositiveIntegerField(
        _("position in source file"),
        null=True,
        blank=True,
        help_text=_("The entry's index in the parse of the source file."),
    )
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64)

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        ordering = ["incident", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "sequence"], name="logbook_unique_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_id}#{self.sequence}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Append-only: a correction is a new entry, never an edit.
        if not self._state.adding:
            raise AppendOnlyError("logbook_entry_is_append_only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("logbook_entry_is_append_only")


class Evidence(models.Model):
    """A file kept as evidence: encrypted at rest, never served inline."""

    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    entry = models.ForeignKey(
        LogbookEntry,
        verbose_name=_("logbook entry"),
        on_delete=models.PROTECT,
        related_name="evidence",
        null=True,
        blank=True,
    )
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("detected type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored_name = models.CharField(_("stored as"), max_length=100, unique=True)
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["incident", "id"]

    def __str__(self) -> str:
        return self.sha256[:12]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("evidence_is_append_only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("evidence_is_append_only")


class ChainHead(models.Model):
    """The last entry of an incident's chain, moved on by every append.

    Without it, removing the newest entries would leave a shorter chain that
    still verifies.
    """

    incident = models.OneToOneField(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="chain_head",
    )
    sequence = models.PositiveIntegerField(_("sequence number"))
    entry_hash = models.CharField(_("entry hash"), max_length=64)

    class Meta:
        verbose_name = _("chain head")
        verbose_name_plural = _("chain heads")

    def __str__(self) -> str:
        return f"{self.incident_id}#{self.sequence}"
