# SPDX-License-Identifier: EUPL-1.2
"""Background work as rows: queued by a service, claimed and run by the worker."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    name = models.CharField(
        _("job"), max_length=100, help_text=_("The registered job function.")
    )
    arguments = models.JSONField(
        _("arguments"), default=dict, help_text=_("Object ids only, never content.")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.CharField(
        _("error"),
        max_length=200,
        blank=True,
        help_text=_("The kind of failure; details are in the operator log."),
    )

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "id"], name="job_status_id")]

    def __str__(self) -> str:
        return f"{self.name}#{self.pk}"
