# SPDX-License-Identifier: EUPL-1.2
"""Words for the advice's codes, shared by pages, logbook entries and mail."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ADVICE: dict[str, Promise] = {
    "yes": _("yes"),
    "no": _("no"),
    "judgement": _("a matter of judgement"),
}
CHANNELS: dict[str, Promise] = {
    "individual": _("individually, to each person"),
    "public_notice": _("by a public notice on the website"),
}
SEVERITY: dict[str, Promise] = {
    "low": _("low"),
    "medium": _("medium"),
    "high": _("high"),
    "very_high": _("very high"),
}


def advice_word(code: object) -> str:
    return str(ADVICE.get(str(code), code))


def channel_word(code: object) -> str:
    return str(CHANNELS.get(str(code), "—")) if code else "—"


def advice_summary(assessment: dict[str, object]) -> str:
    """One line: notify the AP?, inform the people? and how."""
    subjects = advice_word(assessment["notify_subjects"])
    if assessment.get("subjects_channel"):
        subjects += f" ({channel_word(assessment['subjects_channel'])})"
    return str(
        _("Notify the AP: %(authority)s; inform the people concerned: %(subjects)s")
        % {
            "authority": advice_word(assessment["notify_authority"]),
            "subjects": subjects,
        }
    )


def yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))
