# SPDX-License-Identifier: EUPL-1.2
from collections.abc import Iterable
from contextlib import suppress
from datetime import datetime
from email.utils import parseaddr
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from zoneinfo import TZPATH, available_timezones

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Import
from .selection import Ranges, from_indexes, parse_ranges, selected_indexes

DEFAULT_ZONE = "Europe/Amsterdam"
# Up to this many entries the preview lists each one with a checkbox.
CHECKBOX_LIMIT = 300


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_(
            "A WhatsApp export (.txt or .zip with media), a Signal export, "
            "a saved e-mail (.eml) or an Outlook message (.msg)."
        ),
    )


ORDER_CHOICES = {
    "DMY": _("Day first: 05-03-2024 is 5 March 2024"),
    "MDY": _("Month first: 05-03-2024 is 3 May 2024"),
}


class DateOrderForm(forms.Form):
    order = forms.ChoiceField(
        label=_("In which order are the dates in this file written?"),
        choices=list(ORDER_CHOICES.items()),
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        readings: dict[str, dict[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if readings:
            field = self.fields["order"]
            field.choices = [  # type: ignore[attr-defined]
                (code, _period_label(label, readings.get(code)))
                for code, label in ORDER_CHOICES.items()
            ]


def _period_label(label: object, reading: dict[str, str] | None) -> str:
    """ "Day first: …; the file then runs from 3 May 2024 to 4 May 2024"."""
    if not reading:
        return str(label)
    first, last = (
        date_format(datetime.fromisoformat(reading[end]), "j F Y")
        for end in ("first", "last")
    )
    if first == last:
        return _("%(order)s; every message is then dated %(first)s") % {
            "order": label,
            "first": first,
        }
    return _("%(order)s; the file then runs from %(first)s to %(last)s") % {
        "order": label,
        "first": first,
        "last": last,
    }


def likely_ours(people: Iterable[str], *, is_mail: bool, user: object) -> list[str]:
    """Whom to tick in advance as ours: never everyone by default.

    For a mail, the people whose address has the domain of the user's own
    address; for a chat, the participant whose name is the user's full name.
    Ticking everyone would record a message to an outsider as internal.
    """
    if is_mail:
        domain = _domain(str(getattr(user, "email", "") or ""))
        if not domain:
            return []
        return [person for person in people if _domain(person) == domain]
    get_full_name = getattr(user, "get_full_name", None)
    name = " ".join(str(get_full_name() if get_full_name else "").split()).casefold()
    if not name:
        return []
    return [person for person in people if " ".join(person.split()).casefold() == name]


def _domain(address: str) -> str:
    """The domain of an address, also written as "Name <address>"."""
    _name, bare = parseaddr(address)
    local, at, domain = bare.rpartition("@")
    return domain.strip().rstrip(".").casefold() if at and local else ""


# The zones people pick from: one name per place, as the time zone database
# lists them per country in zone.tab, and UTC. Its other names are aliases
# ("Asia/Calcutta" for "Asia/Kolkata", "US/Eastern", "Etc/GMT+5"). Without
# zone.tab the list holds every "Area/City" name.
ZONE_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)


@cache
def _zone_choices() -> list[tuple[str, str]]:
    available = available_timezones()
    names = _listed_zones() & available or {
        name for name in available if name.partition("/")[0] in ZONE_AREAS
    }
    names.add(DEFAULT_ZONE)
    return [(name, name) for name in ["UTC", *sorted(names - {"UTC"})]]


def _listed_zones() -> set[str]:
    """The zones of zone.tab: the system's, or else the tzdata package's."""
    tables = [Path(folder) / "zone.tab" for folder in TZPATH]
    with suppress(ModuleNotFoundError):
        tables.append(Path(str(files("tzdata.zoneinfo") / "zone.tab")))
    for table in tables:
        if table.is_file():
            lines = table.read_text(encoding="utf-8").splitlines()
            rows = (line.split("\t") for line in lines if not line.startswith("#"))
            return {row[2] for row in rows if len(row) > 2}
    return set()


class ConfirmForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        record: Import,
        user: object = None,
        entry_labels: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.total = record.entries_total
        before = record.summary.get("imported_before") or []
        self.before = set(selected_indexes(before, self.total))
        people = record.summary.get("participants", [])
        self.fields["ours"] = forms.MultipleChoiceField(
            label=_("Who of these belongs to our organisation?"),
            help_text=_(
                "This decides the direction of each entry: a message from someone "
                "you tick is recorded as outgoing, one from anyone else as "
                "incoming; only when you tick everyone is it recorded as internal. "
                "Ticked in advance: for a mail, the addresses in the domain of "
                "your own e-mail address; for a chat, the participant with your "
                "name. Check this before importing."
            ),
            choices=[(name, name) for name in people],
            initial=likely_ours(people, is_mail=record.is_mail, user=user),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        summary = record.summary
        if (
            summary.get("first")
            and record.kind in ("whatsapp", "signal")
            and not summary.get("own_offsets")
        ):
            self.fields["time_zone"] = forms.ChoiceField(
                label=_("Time zone of the times in the file"),
                choices=_zone_choices(),
                initial=DEFAULT_ZONE,
            )
        if record.is_mail:
            return
        if entry_labels is not None:
            self.fields["entries"] = forms.MultipleChoiceField(
                label=_("Entries to import"),
                choices=list(enumerate(entry_labels)),
                initial=[
                    index
                    for index in range(len(entry_labels))
                    if index not in self.before
                ],
                error_messages={"required": _("Choose at least one entry to import.")},
                widget=forms.CheckboxSelectMultiple,
            )
        elif self.total > 1:
            self.fields["ranges"] = forms.CharField(
                label=_("Entries to import"),
                help_text=(
                    _(
                        "Leave empty to import every entry not imported before, or "
                        "give numbers and ranges such as 1-250, 300, 410-500."
                    )
                    if self.before
                    else _(
                        "Leave empty to import all %(total)s entries, or give "
                        "numbers and ranges such as 1-250, 300, 410-500."
                    )
                    % {"total": self.total}
                ),
                required=False,
            )

    def clean_ranges(self) -> Ranges | None:
        return parse_ranges(self.cleaned_data["ranges"], self.total)

    def selection(self) -> Ranges | None:
        if "entries" in self.cleaned_data:
            chosen = {int(value) for value in self.cleaned_data["entries"]}
            if len(chosen) == self.total:
                return None
            return from_indexes(chosen)
        return self.cleaned_data.get("ranges")

    def time_zone(self) -> str:
        return str(self.cleaned_data.get("time_zone") or DEFAULT_ZONE)
