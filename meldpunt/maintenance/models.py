# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRecord(models.Model):
    """That a case's retention period ran out, and what was deleted then.

    The case row itself stays as the register entry the GDPR requires
    (art. 33(5)); this record replaces the logbook as the account of its end.
    """

    incident = models.OneToOneField(
        "incidents.Incident",
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        related_name="retention_record",
    )
    applied_at = models.DateTimeField(_("applied at"))
    kind = models.CharField(_("kind at the time"), max_length=32)
    retention_days = models.PositiveIntegerField(_("retention period in days"))
    chain_head = models.CharField(
        _("last logbook hash"),
        max_length=64,
        blank=True,
        help_text=_("The hash of the last logbook entry before deletion."),
    )
    reports_deleted = models.PositiveIntegerField(_("reports deleted"))
    entries_deleted = models.PositiveIntegerField(_("logbook entries deleted"))
    evidence_deleted = models.PositiveIntegerField(_("evidence files deleted"))

    class Meta:
        verbose_name = _("retention record")
        verbose_name_plural = _("retention records")

    def __str__(self) -> str:
        return f"{self.incident_id}"
