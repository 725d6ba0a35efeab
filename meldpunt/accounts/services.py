# SPDX-License-Identifier: EUPL-1.2
"""The accounts app's write API: who is given access to which case."""

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from meldpunt.incidents.models import Incident
from meldpunt.logbook.models import EntryKind
from meldpunt.logbook.services import append_entry, record_language

from .models import Consultation
from .roles import Role, roles_of

logger = logging.getLogger(__name__)
CONSULTED_ROLES = frozenset({Role.DIRECTOR, Role.FG})


@transaction.atomic
def consult_on_case(
    *, incident: Incident, person: AbstractBaseUser, actor: AbstractBaseUser
) -> Consultation:
    """Open one case to a director or the FG, and say so in its logbook."""
    if not roles_of(person) & CONSULTED_ROLES:
        raise ValidationError(_("Only a director or the FG can be consulted."))

    consultation, created = Consultation.objects.get_or_create(
        incident=incident, person=person, defaults={"consulted_by": actor}
    )
    if created:
        with record_language():
            summary = _("Case opened to %(name)s for consultation") % {
                "name": person.get_full_name() or person.get_username()
            }
        append_entry(
            incident=incident,
            actor=actor,
            kind=EntryKind.CONSULTATION,
            summary=summary,
        )
        logger.info(
            "case_consultation_granted",
            extra={"incident_id": incident.pk, "person_id": person.pk},
        )
    return consultation
