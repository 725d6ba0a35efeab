# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .workflow import Kind, Status


class PersonalData(models.TextChoices):
    UNKNOWN = "unknown", _("Don't know")
    YES = "yes", _("Yes, possibly")
    NO = "no", _("No")


class Incident(models.Model):
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=Kind.choices, default=Kind.UNKNOWN
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.NEW
    )
    personal_data = models.CharField(
        _("personal data involved"),
        max_length=16,
        choices=PersonalData.choices,
        default=PersonalData.UNKNOWN,
    )
    discovered_at = models.DateTimeField(
        _("discovered at"),
        null=True,
        blank=True,
        help_text=_("When the incident was discovered; starts the legal clocks."),
    )
    reported_at = models.DateTimeField(_("reported at"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_incidents",
    )
    resolution = models.TextField(_("resolution"), blank=True)
    solved_at = models.DateTimeField(
        _("solved at"),
        null=True,
        blank=True,
        help_text=_("The exact time the incident was solved."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-reported_at", "-id"]
        indexes = [models.Index(fields=["status", "-reported_at"])]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("incidents:detail", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED


class ReferenceCounter(models.Model):
    """The last reference number handed out per year (locked while counting)."""

    year = models.PositiveIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
