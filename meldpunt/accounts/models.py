# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin


class Consultation(models.Model):
    """A director or FG consulted on one case: it opens that case to them."""

    incident = models.ForeignKey(
        "incidents.Incident",
        verbose_name=_("incident"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person consulted"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    consulted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consulted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    consulted_at = models.DateTimeField(_("consulted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "person"], name="one_consultation_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_id}:{self.person_id}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("viewed the case")
    DOWNLOAD = "download", _("downloaded evidence")
    EXPORT = "export", _("exported")


class AccessEvent(models.Model):
    """Who looked at which case or evidence, when: the access audit trail.

    Separate from the case logbook, append-only through the product, and kept
    when the case itself is deleted at the end of its retention period.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=AccessAction.choices)
    incident = models.ForeignKey(
        "incidents.Incident",
        verbose_name=_("incident"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="access_events",
    )
    reference = models.CharField(_("reference"), max_length=32, db_index=True)
    evidence = models.ForeignKey(
        "logbook.Evidence",
        verbose_name=_("evidence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.action}"


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """Single-use recovery codes for when the authenticator app is lost.

    Unlike django-otp's static tokens, the codes are stored only as Argon2id
    hashes (ASVS 6.5.2): a copy of the database yields no working code. Each
    code has a short public look-up part so that a try costs one slow hash.
    """

    class Meta(Device.Meta):
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token: object) -> bool:
        from .hashing import slow_hash_matches

        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        code = normalise_recovery_code(str(token))
        for candidate in self.codes.filter(lookup=code[:LOOKUP]):
            if slow_hash_matches(code[LOOKUP:], candidate.secret_hash):
                candidate.delete()
                self.throttle_reset()
                return True
        self.throttle_increment()
        return False


LOOKUP = 4


def normalise_recovery_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


class RecoveryCode(models.Model):
    device = models.ForeignKey(
        RecoveryCodeDevice,
        verbose_name=_("device"),
        on_delete=models.CASCADE,
        related_name="codes",
    )
    lookup = models.CharField(_("look-up part"), max_length=8, db_index=True)
    secret_hash = models.CharField(_("hash of the secret part"), max_length=200)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.device_id}:{self.lookup}"
