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
    received_at = models.DateTimeField(_("received at"))

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.incident.reference}"
