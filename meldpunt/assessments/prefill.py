# SPDX-License-Identifier: EUPL-1.2
"""Facts already known before anyone opens the assessment.

The report gives the discovery time and whether personal data may be
involved; the procedure's answers add what its steps asked.
"""

from typing import Any

from django.utils import timezone

from meldpunt.core.assessment import FACTS_FORMAT
from meldpunt.incidents.models import Incident, PersonalData

from .models import FactsVersion


def starting_facts(incident: Incident) -> dict[str, Any]:
    """The latest recorded facts, else what the case already tells."""
    latest = incident.facts_versions.order_by("-number").first()
    if isinstance(latest, FactsVersion):
        return dict(latest.facts)
    return prefilled_facts(incident)


def prefilled_facts(incident: Incident) -> dict[str, Any]:
    aware_at = incident.discovered_at or incident.reported_at
    facts: dict[str, Any] = {
        "format": FACTS_FORMAT,
        "aware_at": timezone.localtime(aware_at).isoformat(),
    }
    if incident.personal_data != PersonalData.UNKNOWN:
        facts["personal_data"] = incident.personal_data == PersonalData.YES
    facts.update(_from_procedure(incident))
    return facts


def _from_procedure(incident: Incident) -> dict[str, Any]:
    run = getattr(incident, "procedure_run", None)
    if run is None:
        return {}

    facts: dict[str, Any] = {}
    for answer in run.answers.filter(step_id="personal_data"):
        if answer.answer_id in ("yes", "no"):
            facts["personal_data"] = answer.answer_id == "yes"
        facts.update(_misdirected_mail(answer.data.get("misdirected_mail") or []))
    return facts


def _misdirected_mail(ticked: list[str]) -> dict[str, Any]:
    """A misdirected e-mail is a loss of confidentiality to a known recipient."""
    if not ticked:
        return {}
    confirmed = "recipient_confirmed_deletion_in_writing" in ticked
    return {
        "breach_types": ["confidentiality"],
        "recipient_confirmed_deletion": confirmed,
    }
