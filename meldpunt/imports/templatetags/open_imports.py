# SPDX-License-Identifier: EUPL-1.2
"""The case page's list of uploads that are not in the logbook yet."""

from datetime import timedelta
from typing import Any

from django import template
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from meldpunt.imports.models import (
    IN_FLIGHT_STATUSES,
    OPEN_STATUSES,
    Import,
    ImportStatus,
)
from meldpunt.incidents.models import Incident

register = template.Library()


@register.inclusion_tag("imports/open_imports.html")
def open_imports(incident: Incident) -> dict[str, Any]:
    """Uploads still being read, waiting for confirmation or being imported,
    and those that failed lately, so that whoever left their page finds them
    again and learns why a file was refused."""
    lately = timezone.now() - timedelta(
        hours=settings.MELDPUNT_IMPORT_UNCONFIRMED_HOURS
    )
    found = Import.objects.filter(
        Q(status__in=(*OPEN_STATUSES, *IN_FLIGHT_STATUSES))
        | Q(status=ImportStatus.FAILED, created_at__gte=lately),
        incident=incident,
    ).order_by("pk")
    return {"incident": incident, "imports": list(found)}
