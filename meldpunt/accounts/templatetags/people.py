# SPDX-License-Identifier: EUPL-1.2
"""How a person is named on a case page: reporters by pseudonym to most roles."""

import hashlib
import hmac

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from meldpunt.accounts.policy import FULL_CASE_ACCESS
from meldpunt.accounts.roles import roles_of

register = template.Library()


def pseudonym(incident: object, person: object) -> str:
    """A label for ``person`` that is stable within one case, unlinkable across."""
    message = f"reporter:{incident.pk}:{person.pk}".encode()  # type: ignore[attr-defined]
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256)
    return _("Reporter %(code)s") % {"code": digest.hexdigest()[:6].upper()}


@register.simple_tag(takes_context=True)
def person_label(context: template.Context, person: object, incident: object) -> str:
    """The person's name, unless they reported this case and the viewer may
    not know reporters' identities (only the CISO and deputies may)."""
    if person is None:
        return ""
    viewer = context["request"].user
    name = person.get_full_name() or person.get_username()  # type: ignore[attr-defined]
    if roles_of(viewer) & FULL_CASE_ACCESS:
        return str(name)
    reporter_ids = {report.reporter_id for report in incident.reports.all()}  # type: ignore[attr-defined]
    if person.pk in reporter_ids:  # type: ignore[attr-defined]
        return pseudonym(incident, person)
    return str(name)
