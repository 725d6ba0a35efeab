# SPDX-License-Identifier: EUPL-1.2
"""Check an incident's logbook against its hash chain."""

from meldpunt.core.chain import ChainBreak, ChainLink, verify_chain
from meldpunt.incidents.models import Incident

from .models import LogbookEntry
from .services import entry_content


def chain_links(incident: Incident) -> list[ChainLink]:
    entries = (
        LogbookEntry.objects.filter(incident=incident)
        .select_related("incident", "corrects", "source_evidence")
        .prefetch_related("evidence")
        .order_by("sequence")
    )
    return [
        ChainLink(
            sequence=entry.sequence,
            content=entry_content(entry, list(entry.evidence.all())),
            previous_hash=entry.previous_hash,
            stored_hash=entry.entry_hash,
        )
        for entry in entries
    ]


def verify_incident(incident: Incident) -> ChainBreak | None:
    return verify_chain(chain_links(incident))
