# SPDX-License-Identifier: EUPL-1.2
"""The wording of the reasons the notification rules give, in Dutch and English."""

from __future__ import annotations

from meldpunt.core.assessment.facts import KNOWN_FIELDS
from meldpunt.core.assessment.reasons import (
    AP,
    EDPB_01_2021,
    EDPB_9_2022,
    ENISA,
    GDPR_33,
    GDPR_33_5,
    GDPR_34,
    GDPR_34_3B,
    LEVEL_NAMES,
    Reason,
    reason,
)
from meldpunt.core.assessment.scenario import Scenario
from meldpunt.core.assessment.severity import Severity


def assumed(scenario: Scenario) -> Reason:
    names = ", ".join(name for name in KNOWN_FIELDS if name in scenario.assumed)
    return reason(
        "assumed",
        f"Nog onbekend, daarom ongunstig ingevuld: {names}; de ernst en de "
        "redenen hieronder gaan daarvan uit",
        f"Not yet known, so filled in unfavourably: {names}; the severity and "
        "the reasons below assume this",
        AP,
    )


def attacker_may_have_read(scenario: Scenario) -> Reason:
    return reason(
        "attacker_may_have_read",
        f"malicious en exfiltration={scenario.exfiltration}: een aanvaller kon bij "
        "de gegevens en wegnemen is niet uitgesloten; verlies van "
        "vertrouwelijkheid telt daarom mee",
        f"malicious and exfiltration={scenario.exfiltration}: an attacker reached "
        "the data and copying is not ruled out, so loss of confidentiality counts",
        EDPB_01_2021,
        EDPB_9_2022,
    )


def exfiltration_ruled_out() -> Reason:
    return reason(
        "exfiltration_ruled_out",
        "exfiltration=ruled_out: vastgesteld is dat er geen gegevens zijn "
        "weggenomen; geen verlies van vertrouwelijkheid",
        "exfiltration=ruled_out: it was established that no data were copied out; "
        "no loss of confidentiality",
        EDPB_01_2021,
    )


def nobody_saw_it() -> Reason:
    return reason(
        "exposure_none",
        "exposure=none: niemand anders heeft de gegevens kunnen zien",
        "exposure=none: nobody else could see the data",
        ENISA,
    )


def already_public() -> Reason:
    return reason(
        "already_public",
        "already_public: de gegevens waren al rechtmatig openbaar; het lek maakt "
        "niets nieuws bekend en de gegevenscontext telt één punt lager",
        "already_public: the data were lawfully public already; the breach reveals "
        "nothing new and the data processing context counts one point lower",
        ENISA,
        EDPB_9_2022,
    )


def exposed(scenario: Scenario) -> Reason:
    return reason(
        "exposure",
        f"exposure={scenario.exposure}: de gegevens zijn bij anderen terechtgekomen "
        "(hoe ruimer, hoe zwaarder dit telt)",
        f"exposure={scenario.exposure}: the data reached others (the wider, the "
        "heavier this counts)",
        ENISA,
    )


def trusted_deleted() -> Reason:
    return reason(
        "trusted_recipient_deleted",
        "exposure=trusted_recipient en recipient_confirmed_deletion: een "
        "betrouwbare ontvanger heeft schriftelijk bevestigd de gegevens te hebben "
        "verwijderd; een risico is niet waarschijnlijk",
        "exposure=trusted_recipient and recipient_confirmed_deletion: a "
        "trustworthy recipient confirmed deletion in writing; a risk is unlikely",
        AP,
        EDPB_01_2021,
    )


def mistake_deleted() -> Reason:
    return reason(
        "recipients_deleted",
        "recipient_confirmed_deletion: een vergissing zonder kwade opzet, de "
        "ontvangers hebben bevestigd de gegevens te hebben verwijderd en die zijn "
        "niet gevoelig; een risico is niet waarschijnlijk",
        "recipient_confirmed_deletion: an honest mistake, the recipients confirmed "
        "deleting the data and the data are not sensitive; a risk is unlikely",
        EDPB_01_2021,
        EDPB_9_2022,
    )


def deleted_but_sensitive() -> Reason:
    return reason(
        "deleted_but_sensitive",
        "recipient_confirmed_deletion: de verwijdering neemt het risico niet weg, "
        "want de gegevens zijn gevoelig en de ontvangers hebben ze kunnen zien",
        "recipient_confirmed_deletion: deletion does not remove the risk, as the "
        "data are sensitive and the recipients could see them",
        AP,
        EDPB_9_2022,
    )


def not_personal_data() -> Reason:
    return reason(
        "not_personal_data",
        "personal_data=false: er zijn geen persoonsgegevens bij betrokken, dus "
        "geen meldplicht; ga wel na of anderen hinder ondervinden en leg alles vast",
        "personal_data=false: no personal data are involved, so there is no duty "
        "to notify; do check whether others are affected and record everything",
        GDPR_33,
    )


def no_real_loss() -> Reason:
    return reason(
        "risk_unlikely",
        "Er blijft geen verlies van vertrouwelijkheid, integriteit of "
        "beschikbaarheid over dat tot een risico leidt: een risico voor de "
        "betrokkenen is niet waarschijnlijk; niet melden bij de AP, wel vastleggen "
        "in het interne register",
        "No loss of confidentiality, integrity or availability remains that leads "
        "to a risk: a risk to the people concerned is unlikely; do not notify the "
        "AP, but record the breach in the internal register",
        GDPR_33,
        GDPR_33_5,
    )


def encryption_exception() -> Reason:
    return reason(
        "encryption_exception",
        "unintelligible en backup=available: de gelekte gegevens zijn "
        "onbegrijpelijk, de sleutel is veilig en een recente back-up houdt ze "
        "intact; aan alle drie de voorwaarden is voldaan, melden is niet nodig",
        "unintelligible and backup=available: the leaked data are unintelligible, "
        "the key is safe and a recent backup keeps them intact; all three "
        "conditions are met, no notification is needed",
        AP,
        EDPB_9_2022,
    )


def restorable() -> Reason:
    return reason(
        "restorable",
        "Alleen tijdelijk niet beschikbaar, tijdig te herstellen uit een back-up "
        "en de ernst is niet hoog: een risico is niet waarschijnlijk. Duurt het "
        "herstel lang of treft de onderbreking mensen (zorg, uitkeringen, "
        "betalingen), beoordeel dan opnieuw",
        "Only temporarily unavailable, restorable from backup in good time and "
        "not of high severity: a risk is unlikely. If the restore takes long or "
        "the outage affects people (care, benefits, payments), assess again",
        EDPB_9_2022,
        EDPB_01_2021,
    )


def trusted_unconfirmed() -> Reason:
    return reason(
        "trusted_recipient_unconfirmed",
        "Open vraag: bevestigt de betrouwbare ontvanger schriftelijk dat hij de "
        "gegevens heeft verwijderd (recipient_confirmed_deletion)? Zo ja, dan is "
        "een risico niet waarschijnlijk; zo nee, meld dan",
        "Open question: will the trustworthy recipient confirm deletion in writing "
        "(recipient_confirmed_deletion)? If so, a risk is unlikely; if not, notify",
        AP,
        EDPB_01_2021,
    )


def risk_likely() -> Reason:
    return reason(
        "risk_likely",
        "Een risico voor de rechten en vrijheden van de betrokkenen is niet uit te "
        "sluiten: meld bij de AP (bij twijfel melden)",
        "A risk to the rights and freedoms of the people concerned cannot be ruled "
        "out: notify the AP (if in doubt, notify)",
        GDPR_33,
        AP,
    )


def trusted_not_high() -> Reason:
    return reason(
        "trusted_not_high",
        "exposure=trusted_recipient: alleen een betrouwbare ontvanger kreeg de "
        "gegevens; geen hoog risico, de betrokkenen hoeven niet te worden "
        "geïnformeerd",
        "exposure=trusted_recipient: only a trustworthy recipient received the "
        "data; no high risk, the people concerned need not be informed",
        AP,
        GDPR_34,
    )


def high_by_severity(severity: Severity) -> Reason:
    nl_level, en_level = LEVEL_NAMES[severity.level]
    return reason(
        "high_risk_severity",
        f"Ernst {nl_level}: waarschijnlijk een hoog risico; informeer de betrokkenen",
        f"Severity {en_level}: a high risk is likely; inform the people concerned",
        GDPR_34,
        ENISA,
    )


def high_by_wide_exposure(scenario: Scenario) -> Reason:
    return reason(
        "high_risk_wide_exposure",
        f"exposure={scenario.exposure}: leesbare gegevens zijn (met opzet) bij "
        "onbekenden of openbaar terechtgekomen; kans op fraude, phishing of "
        "misbruik van identiteit, dus een hoog risico",
        f"exposure={scenario.exposure}: readable data reached unknown people or "
        "the public (deliberately); fraud, phishing or identity misuse is likely, "
        "so the risk is high",
        GDPR_34,
        EDPB_01_2021,
        EDPB_9_2022,
    )


def high_by_volume(scenario: Scenario, threshold: int) -> Reason:
    return reason(
        "high_risk_volume",
        f"subjects: tot {scenario.subjects_max} mensen (drempel "
        f"{threshold}); bij zoveel betrokkenen is een gemiddelde ernst "
        "een hoog risico",
        f"subjects: up to {scenario.subjects_max} people (threshold "
        f"{threshold}); with this many people a medium severity is a "
        "high risk",
        GDPR_34,
        EDPB_9_2022,
    )


def not_high(severity: Severity) -> Reason:
    nl_level, en_level = LEVEL_NAMES[severity.level]
    return reason(
        "not_high_risk",
        f"Ernst {nl_level} zonder verzwarende omstandigheden: geen hoog risico; de "
        "betrokkenen hoeven niet te worden geïnformeerd",
        f"Severity {en_level} without aggravating circumstances: no high risk; the "
        "people concerned need not be informed",
        GDPR_34,
    )


def mitigated() -> Reason:
    return reason(
        "mitigated",
        "mitigated: maatregelen achteraf maken het hoge risico niet meer "
        "waarschijnlijk; informeren is niet verplicht",
        "mitigated: later measures make the high risk no longer likely; informing "
        "the people concerned is not required",
        GDPR_34_3B,
    )
