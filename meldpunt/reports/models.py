# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meldpunt.incidents.models import Incident, PersonalData


class ReportChannel(models.TextChoices):
    WEB = "web", _("Web form")
    SUPPLIER = "supplier", _("Supplier form")
    EMAIL = "email", _("E-mail")


class Report(models.Model):
    """What someone sent in. An anonymous report keeps no link to an account."""

    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=ReportChannel.choices
    )
    description = models.TextField(_("what happened"))
    discovered_at = models.DateTimeField(_("discovered at"), null=True, blank=True)
    personal_data = models.CharField(
        _("personal data involved"),
        max_length=16,
        choices=PersonalData.choices,
        default=PersonalData.UNKNOWN,
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    supplier_contact = models.TextField(
        _("supplier contact details"),
        blank=True,
        help_text=_("Company, name and how to reach the supplier who reported."),
    )
    submission_token = models.UUIDField(
        _("submission token"),
        unique=True,
        help_text=_("Makes a form posted twice create one report."),
    )
    received_at = models.DateTimeField(
        _("received at"),
        help_text=_("For an anonymous report, only the hour it came in."),
    )
    receipt_lookup = models.CharField(
        _("receipt look-up key"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The public half of an anonymous reporter's receipt code."),
    )
    receipt_hash = models.CharField(
        _("receipt code hash"),
        max_length=200,
        blank=True,
        help_text=_("Argon2 hash of the secret half of the receipt code."),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.incident.reference}"


class MessageDirection(models.TextChoices):
    QUESTION = "question", _("Question to the reporter")
    ANSWER = "answer", _("Answer from the reporter")


class ReporterMessage(models.Model):
    """A question to the reporter of a report, or their answer."""

    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    direction = models.CharField(
        _("direction"), max_length=16, choices=MessageDirection.choices
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for an answer from an anonymous reporter."),
    )
    sent_at = models.DateTimeField(
        _("sent at"), help_text=_("For an anonymous answer, only the hour.")
    )

    class Meta:
        verbose_name = _("message to or from the reporter")
        verbose_name_plural = _("messages to or from the reporter")
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.direction}"
