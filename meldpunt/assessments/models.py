# SPDX-License-Identifier: EUPL-1.2
"""Breach facts over time, the advice on each version, and the human decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meldpunt.incidents.models import Incident


class FactsVersion(models.Model):
    """One saved set of breach facts (`meldpunt.breach-facts/1`) and its advice.

    Facts are never edited in place: each save is a new version, so what
    changed in the advice is the difference between two versions.
    """

    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="facts_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    facts = models.JSONField(
        _("facts"), help_text=_("The facts exactly as given, in breach-facts/1.")
    )
    assessment = models.JSONField(
        _("assessment"), help_text=_("The advice computed from these facts.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when a reporter without an account recorded them."),
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("facts version")
        verbose_name_plural = _("facts versions")
        ordering = ["incident", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "number"], name="facts_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} v{self.number}"


class SubjectsChannel(models.TextChoices):
    INDIVIDUAL = "individual", _("Individually, to each person")
    PUBLIC_NOTICE = "public_notice", _("A public notice on the website")
    NONE = "", _("Not applicable")


class Decision(models.Model):
    """What the responsible people decided, against which advice, and why."""

    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="breach_decisions",
    )
    facts_version = models.ForeignKey(
        FactsVersion,
        verbose_name=_("facts version"),
        on_delete=models.PROTECT,
        related_name="decisions",
        help_text=_("The facts and advice the decision was taken on."),
    )
    notify_authority = models.BooleanField(_("notify the AP"))
    notify_subjects = models.BooleanField(_("inform the people concerned"))
    subjects_channel = models.CharField(
        _("how to inform them"),
        max_length=32,
        choices=SubjectsChannel.choices,
        blank=True,
    )
    reasons = models.TextField(_("reasons"), blank=True)
    consulted = models.TextField(
        _("people consulted"),
        blank=True,
        help_text=_("Who was consulted, such as the director on duty and the FG."),
    )
    delay_reasons = models.TextField(
        _("reasons for the delay"),
        blank=True,
        help_text=_("Required when the AP is notified after the 72-hour deadline."),
    )
    against_recommendation = models.BooleanField(
        _("against the recommendation"), default=False
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["incident", "decided_at", "id"]
        get_latest_by = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.decided_at:%Y-%m-%d %H:%M}"


class SentReminder(models.Model):
    """A reminder or escalation that went out; the constraint sends each once.

    The deadline is part of the key: when new facts move the awareness time,
    the new deadline gets its own reminders.
    """

    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="sent_reminders",
    )
    clock = models.CharField(_("deadline"), max_length=32)
    point = models.CharField(
        _("moment"),
        max_length=16,
        help_text=_("Hours before the deadline, or 'overdue' for the escalation."),
    )
    due_at = models.DateTimeField(_("deadline at"))
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        ordering = ["incident", "sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "clock", "due_at", "point"],
                name="reminder_sent_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.clock} {self.point}"
