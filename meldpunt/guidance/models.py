# SPDX-License-Identifier: EUPL-1.2
"""The procedure a case follows, the answers given, and CISO availability."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meldpunt.incidents.models import Incident


class DefinitionSnapshot(models.Model):
    """A procedure definition exactly as a case started following it."""

    definition_id = models.CharField(_("definition"), max_length=100)
    version = models.CharField(_("version"), max_length=50)
    digest = models.CharField(_("digest"), max_length=80, unique=True)
    content = models.JSONField(_("content"))
    stored_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("procedure definition")
        verbose_name_plural = _("procedure definitions")

    def __str__(self) -> str:
        return f"{self.definition_id} {self.version}"


class ProcedureRun(models.Model):
    incident = models.OneToOneField(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="procedure_run",
    )
    definition = models.ForeignKey(
        DefinitionSnapshot, verbose_name=_("definition"), on_delete=models.PROTECT
    )
    guided = models.BooleanField(
        _("guided"),
        default=False,
        help_text=_("The CISO was unreachable, so the reporter follows the steps."),
    )
    outcome = models.CharField(_("outcome"), max_length=100, blank=True)
    decision_due_at = models.DateTimeField(
        _("decision due at"),
        null=True,
        blank=True,
        help_text=_("The legal deadline to decide on notifying the authority."),
    )
    assessment_opened = models.BooleanField(_("assessment opened"), default=False)
    started_at = models.DateTimeField(_("started at"))

    class Meta:
        verbose_name = _("procedure run")
        verbose_name_plural = _("procedure runs")

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.outcome or '…'}"


class ProcedureAnswer(models.Model):
    run = models.ForeignKey(
        ProcedureRun,
        verbose_name=_("procedure run"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    position = models.PositiveIntegerField(_("position"))
    step_id = models.CharField(_("step"), max_length=100)
    answer_id = models.CharField(_("answer"), max_length=100)
    data = models.JSONField(_("data"), default=dict, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        verbose_name = _("procedure answer")
        verbose_name_plural = _("procedure answers")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="answer_position")
        ]

    def __str__(self) -> str:
        return f"{self.step_id}={self.answer_id}"


class Absence(models.Model):
    """A period in which a case handler is away, and whether they can be reached."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="absences",
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    reachable = models.BooleanField(
        _("reachable"),
        default=False,
        help_text=_("Tick when you can be reached by phone during this absence."),
    )

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.starts_at:%Y-%m-%d}"


class EmergencyNumberDisclosure(models.Model):
    """Every time the CISO's emergency number is shown, and to whom."""

    shown_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shown to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    shown_at = models.DateTimeField(_("shown at"), auto_now_add=True)

    class Meta:
        verbose_name = _("emergency number disclosure")
        verbose_name_plural = _("emergency number disclosures")
        ordering = ["-shown_at"]

    def __str__(self) -> str:
        return f"{self.shown_to_id} {self.shown_at:%Y-%m-%d %H:%M}"
