# SPDX-License-Identifier: EUPL-1.2
"""Finding a case by its reference, with one clear answer when there is none."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Incident


def incident_or_404(reference: str, queryset: QuerySet | None = None) -> Incident:
    found = (
        (queryset if queryset is not None else Incident.objects.all())
        .filter(reference=reference)
        .first()
    )
    if found is None:
        raise Http404(
            _("There is no case with reference %(reference)s.")
            % {"reference": reference[:32]}
        )
    return found
