# SPDX-License-Identifier: EUPL-1.2
"""The case page's list of uploads that are not in the logbook yet."""

from typing import Any

from django import template

from meldpunt.imports.models import IN_FLIGHT_STATUSES, OPEN_STATUSES, Import
from meldpunt.incidents.models import Incident

register = template.Library()


@register.inclusion_tag("imports/open_imports.html")
def open_imports(incident: Incident) -> dict[str, Any]:
    """Uploads still being read, waiting for confirmation or being imported,
    so that whoever left their page finds them again."""
    found = Import.objects.filter(
        incident=incident, status__in=(*OPEN_STATUSES, *IN_FLIGHT_STATUSES)
    ).order_by("pk")
    return {"incident": incident, "imports": list(found)}
