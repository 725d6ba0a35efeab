# SPDX-License-Identifier: EUPL-1.2
"""Breach assessment: facts in `meldpunt.breach-facts/1`, advice out.

Public API: `assess`, `assess_all`, `explain`, `validate_facts`,
`validate_facts_list`, `find_problems`, `FactsError`, `Policy`.
"""

from meldpunt.core.assessment.engine import (
    ASSESSMENT_FORMAT,
    Assessment,
    assess,
    assess_all,
    explain,
)
from meldpunt.core.assessment.facts import (
    FACTS_FORMAT,
    BreachFacts,
    FactsError,
    SubjectRange,
    find_problems,
    validate_facts,
    validate_facts_list,
)
from meldpunt.core.assessment.reasons import Reason
from meldpunt.core.assessment.rules import Policy
from meldpunt.core.assessment.severity import Severity

__all__ = [
    "ASSESSMENT_FORMAT",
    "FACTS_FORMAT",
    "Assessment",
    "BreachFacts",
    "FactsError",
    "Policy",
    "Reason",
    "Severity",
    "SubjectRange",
    "assess",
    "assess_all",
    "explain",
    "find_problems",
    "validate_facts",
    "validate_facts_list",
]
