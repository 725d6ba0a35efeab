# SPDX-License-Identifier: EUPL-1.2
"""The reasons an assessment gives, in Dutch and English.

Each reason has a stable code, names the fact it rests on (by its field name
in the breach-facts format) and the rule or guideline behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("nl", "en")

GDPR_33 = ("AVG art. 33 lid 1", "GDPR Art. 33(1)")
GDPR_33_5 = ("AVG art. 33 lid 5", "GDPR Art. 33(5)")
GDPR_34 = ("AVG art. 34 lid 1", "GDPR Art. 34(1)")
GDPR_34_3A = ("AVG art. 34 lid 3 onder a", "GDPR Art. 34(3)(a)")
GDPR_34_3B = ("AVG art. 34 lid 3 onder b", "GDPR Art. 34(3)(b)")
GDPR_34_3C = ("AVG art. 34 lid 3 onder c", "GDPR Art. 34(3)(c)")
EDPB_9_2022 = (
    "EDPB-richtsnoeren 9/2022 over de melding van inbreuken",
    "EDPB Guidelines 9/2022 on personal data breach notification",
)
EDPB_01_2021 = (
    "EDPB-richtsnoeren 01/2021 met voorbeelden van meldingen",
    "EDPB Guidelines 01/2021 on examples regarding breach notification",
)
AP = ("AP, 'Datalek: wel of niet melden'", "AP guidance 'Datalek: wel of niet melden'")
ENISA = (
    "ENISA-methode voor de ernst van datalekken (2013)",
    "ENISA severity methodology (2013)",
)

LEVEL_NAMES: Mapping[str, tuple[str, str]] = {
    "low": ("laag", "low"),
    "medium": ("gemiddeld", "medium"),
    "high": ("hoog", "high"),
    "very_high": ("zeer hoog", "very high"),
}


@dataclass(frozen=True)
class Reason:
    """One reason, with its text in each language."""

    code: str
    nl: str
    en: str

    def text(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


def reason(code: str, nl: str, en: str, *sources: tuple[str, str]) -> Reason:
    """A reason whose texts end with the sources they rest on."""
    if sources:
        nl += " (" + "; ".join(source[0] for source in sources) + ")"
        en += " (" + "; ".join(source[1] for source in sources) + ")"
    return Reason(code=code, nl=nl, en=en)


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
