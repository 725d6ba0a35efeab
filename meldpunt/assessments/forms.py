# SPDX-License-Identifier: EUPL-1.2
"""The facts form (plain-language questions) and the decision form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.core.assessment import FACTS_FORMAT
from meldpunt.incidents.forms import DATETIME_FORMATS, DATETIME_WIDGET

from .models import SubjectsChannel

# Not "unknown": that is one of the exfiltration answers ("cannot be determined").
UNKNOWN = "not_known_yet"
YES_NO = [("true", _("Yes")), ("false", _("No")), (UNKNOWN, _("Not known yet"))]
BOOLEAN_FIELDS = (
    "personal_data",
    "vulnerable_subjects",
    "unintelligible",
    "recipient_confirmed_deletion",
    "malicious",
    "already_public",
    "mitigated",
)
CHOICE_FIELDS = ("sensitivity", "backup", "exposure", "exfiltration")
CHOICE_FIELDS += ("contact_details_known",)
LIST_FIELDS = ("breach_types", "data_categories", "special_categories")
#: Values the format assumes when a field is absent; not written unless given.
FORMAT_DEFAULTS = {"sensitivity": "typical"}

BREACH_TYPES = [
    ("confidentiality", _("Someone could see data they should not have seen")),
    ("integrity", _("Data were changed or damaged")),
    ("availability", _("Data were (temporarily) unavailable or lost")),
]
DATA_CATEGORIES = [
    ("identity", _("Names and other identity data")),
    ("contact", _("Addresses, e-mail addresses, phone numbers")),
    ("bsn", _("Citizen service numbers (BSN)")),
    ("id_document", _("Copies of passports or ID cards")),
    ("financial", _("Financial data, such as bank account numbers")),
    ("credentials", _("Passwords or other login data")),
    ("location", _("Location data")),
    ("communications", _("Contents of messages or e-mails")),
    ("employment", _("Employment data")),
    ("education", _("Education data")),
    (
        "special",
        _("Special categories: health, religion, political opinion and the like"),
    ),
    ("criminal", _("Criminal records")),
    ("other", _("Other data")),
]
SPECIAL_CATEGORIES = [
    ("ethnic_origin", _("Racial or ethnic origin")),
    ("political_opinion", _("Political opinions")),
    ("religion", _("Religion or belief")),
    ("trade_union", _("Trade union membership")),
    ("genetic", _("Genetic data")),
    ("biometric", _("Biometric data")),
    ("health", _("Health")),
    ("sex_life", _("Sex life or sexual orientation")),
]
SENSITIVITY = [
    ("lower", _("Less: for example a dietary preference, which is health data")),
    ("typical", _("About what you would expect from the kind of data")),
    ("higher", _("More: for example a list of people whose safety is at stake")),
]
BACKUP = [
    ("restored", _("Yes, they have been restored")),
    ("available", _("Yes, a backup is available")),
    ("none", _("No, they are lost")),
]
EXPOSURE = [
    ("none", _("Nobody")),
    (
        "trusted_recipient",
        _("A known recipient we can trust, such as another public body"),
    ),
    (
        "untrusted_recipient",
        _("A known recipient we cannot simply trust, such as a journalist"),
    ),
    ("unknown_recipients", _("People we do not know")),
    ("public", _("Anyone: the data were out in the open")),
]
EXFILTRATION = [
    ("ruled_out", _("No, that is ruled out")),
    ("suspected", _("Possibly")),
    ("confirmed", _("Yes")),
    ("unknown", _("Cannot be determined")),
]
CONTACT_DETAILS = [
    ("all", _("Yes, all of them")),
    ("some", _("Some of them")),
    ("none", _("No")),
]


def _radio(label: Any, choices: list[Any], help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=[*choices, (UNKNOWN, _("Not known yet"))],
        widget=forms.RadioSelect,
        initial=UNKNOWN,
        required=False,
    )


def _yes_no(label: Any, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial=UNKNOWN,
        required=False,
    )


def _checkboxes(
    label: Any, choices: list[Any], *, required: bool = False, help_text: Any = ""
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


class FactsForm(forms.Form):
    """Every fact of the assessment as a question a non-expert can answer."""

    aware_at = forms.DateTimeField(
        label=_("Date and time we became aware of it"),
        help_text=_("The 72-hour deadline for notifying the AP starts here."),
        required=False,
        widget=DATETIME_WIDGET,
        input_formats=DATETIME_FORMATS,
    )
    breach_types = _checkboxes(
        _("What happened? Tick everything that applies."),
        BREACH_TYPES,
        required=True,
    )
    personal_data = _yes_no(
        _("Personal data involved"),
        _(
            "Anything that anyone could trace to a living person: a name, an "
            "address, an e-mail address, an IP address, an ID number."
        ),
    )
    data_categories = _checkboxes(_("Kinds of data"), DATA_CATEGORIES)
    special_categories = _checkboxes(_("Special categories"), SPECIAL_CATEGORIES)
    subjects_min = forms.IntegerField(
        label=_("At least this many people"), min_value=0, required=False
    )
    subjects_max = forms.IntegerField(
        label=_("At most this many people"),
        min_value=0,
        required=False,
        help_text=_("Know the exact number? Fill in the same number twice."),
    )
    vulnerable_subjects = _yes_no(_("Children or other vulnerable people among them"))
    sensitivity = forms.ChoiceField(
        label=_("What the data reveal"),
        choices=SENSITIVITY,
        widget=forms.RadioSelect,
        initial="typical",
        required=False,
    )
    unintelligible = _yes_no(
        _("Unreadable to others"),
        _(
            "Yes only if the data were encrypted with current methods and the key "
            "was not lost or stolen with them."
        ),
    )
    backup = _radio(_("Can the data be restored?"), BACKUP)
    exposure = _radio(_("Who could see the data?"), EXPOSURE)
    recipient_confirmed_deletion = _yes_no(
        _("The recipient confirmed in writing that they deleted the data")
    )
    malicious = _yes_no(_("Done on purpose: an attack, theft or abuse by an insider"))
    exfiltration = _radio(_("Were data copied out of our systems?"), EXFILTRATION)
    already_public = _yes_no(_("The data were already lawfully public before"))
    mitigated = _yes_no(
        _("Measures taken since make serious harm to the people unlikely")
    )
    contact_details_known = _radio(
        _("Can we reach each of them personally?"), CONTACT_DETAILS
    )
    context = forms.CharField(
        label=_("Anything else worth recording"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("subjects_min"), cleaned.get("subjects_max")
        if (low is None) != (high is None):
            self.add_error(
                "subjects_max" if high is None else "subjects_min",
                _("Give both numbers; give the same number twice if you know it."),
            )
        elif low is not None and high is not None and low > high:
            self.add_error(
                "subjects_max", _("This must not be below the first number.")
            )
        return cleaned

    def facts(self, previous: dict[str, Any] | None = None) -> dict[str, Any]:
        """The answers in `meldpunt.breach-facts/1`; `previous` keeps its spelling.

        Answers left unchanged keep exactly the form they had (the same moment
        in another offset, the same list in another order), so saving the
        form never rewrites facts nobody touched.
        """
        return facts_from_answers(self.cleaned_data, previous or {})


def facts_from_answers(
    data: dict[str, Any], previous: dict[str, Any]
) -> dict[str, Any]:
    facts: dict[str, Any] = {"format": FACTS_FORMAT}
    for name, value in _answers(data).items():
        if value is None or (
            name not in previous and FORMAT_DEFAULTS.get(name) == value
        ):
            continue
        kept = previous.get(name)
        facts[name] = kept if _same(kept, value) else value
    return facts


def _answers(data: dict[str, Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    aware_at = data.get("aware_at")
    answers["aware_at"] = _iso(aware_at) if aware_at else None
    for name in LIST_FIELDS:
        answers[name] = list(data.get(name) or []) or None
    for name in BOOLEAN_FIELDS:
        answers[name] = {"true": True, "false": False}.get(data.get(name) or "")
    for name in CHOICE_FIELDS:
        value = data.get(name)
        answers[name] = None if value in (None, "", UNKNOWN) else value
    low, high = data.get("subjects_min"), data.get("subjects_max")
    answers["subjects"] = None if low is None else {"min": low, "max": high}
    answers["context"] = (data.get("context") or "").strip() or None
    return answers


def _iso(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


def _same(kept: object, value: object) -> bool:
    if isinstance(kept, str) and isinstance(value, str) and "T" in kept:
        try:
            return datetime.fromisoformat(kept) == datetime.fromisoformat(value)
        except ValueError:
            return False
    if isinstance(kept, list) and isinstance(value, list):
        return sorted(map(str, kept)) == sorted(map(str, value))
    return kept == value


def answers_from_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Initial form values for stored or pre-filled facts."""
    initial: dict[str, Any] = {}
    aware_at = facts.get("aware_at")
    if isinstance(aware_at, str):
        initial["aware_at"] = timezone.localtime(datetime.fromisoformat(aware_at))
    for name in LIST_FIELDS:
        initial[name] = list(facts.get(name) or [])
    for name in BOOLEAN_FIELDS:
        value = facts.get(name)
        initial[name] = UNKNOWN if value is None else ("true" if value else "false")
    for name in CHOICE_FIELDS:
        initial[name] = facts.get(name) or UNKNOWN
    initial["sensitivity"] = facts.get("sensitivity") or "typical"
    subjects = facts.get("subjects")
    if isinstance(subjects, dict):
        initial["subjects_min"] = subjects.get("min")
        initial["subjects_max"] = subjects.get("max")
    initial["context"] = facts.get("context") or ""
    return initial


class DecisionForm(forms.Form):
    notify_authority = forms.TypedChoiceField(
        label=_("Notify the AP?"),
        choices=[("true", _("Yes, notify the AP")), ("false", _("No, do not notify"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    notify_subjects = forms.TypedChoiceField(
        label=_("Inform the people concerned?"),
        choices=[("true", _("Yes, inform them")), ("false", _("No, do not inform"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    subjects_channel = forms.ChoiceField(
        label=_("How to inform them"),
        choices=[c for c in SubjectsChannel.choices if c[0]],
        widget=forms.RadioSelect,
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        help_text=_("Required when the decision departs from the recommendation."),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consulted = forms.CharField(
        label=_("Who was consulted"),
        help_text=_("For example the director on duty and the FG, with their advice."),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delay_reasons = forms.CharField(
        label=_("Reasons for the delay"),
        help_text=_(
            "The 72-hour deadline has passed: the notification to the AP must "
            "explain why it comes late (GDPR Art. 33(1))."
        ),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
