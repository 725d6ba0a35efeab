# SPDX-License-Identifier: EUPL-1.2
"""Ready-made entries for the steps the procedure names.

Each shortcut only fills in the entry form; the person recording it checks
and completes the form before anything is written.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Channel, Direction, EntryKind


@dataclass(frozen=True)
class Shortcut:
    slug: str
    label: Promise
    kind: EntryKind
    direction: Direction
    summary: Promise
    participants: Promise | str = ""
    channel: Channel | None = None


SHORTCUTS = [
    Shortcut(
        slug="verwijderverzoek",
        label=_("Asked recipient to delete"),
        kind=EntryKind.MEASURE,
        direction=Direction.OUTGOING,
        summary=_(
            "Asked the recipient to delete the information and to confirm "
            "the deletion in writing"
        ),
        participants=_("Recipient"),
    ),
    Shortcut(
        slug="verwijdering-bevestigd",
        label=_("Recipient confirmed deletion"),
        kind=EntryKind.COMMUNICATION,
        direction=Direction.INCOMING,
        summary=_("The recipient confirmed that the information has been deleted"),
        participants=_("Recipient"),
    ),
    Shortcut(
        slug="directie-geraadpleegd",
        label=_("Consulted director"),
        kind=EntryKind.CONSULTATION,
        direction=Direction.INTERNAL,
        summary=_("Consulted the director on duty"),
        participants=_("Director on duty"),
    ),
    Shortcut(
        slug="fg-geraadpleegd",
        label=_("Consulted FG"),
        kind=EntryKind.CONSULTATION,
        direction=Direction.INTERNAL,
        summary=_("Consulted the data protection officer (FG)"),
        participants=_("Data protection officer (FG)"),
    ),
    Shortcut(
        slug="besluit",
        label=_("Decision with reasons"),
        kind=EntryKind.DECISION,
        direction=Direction.INTERNAL,
        summary=_("Decision: "),
        channel=Channel.MEETING,
    ),
]
BY_SLUG = {shortcut.slug: shortcut for shortcut in SHORTCUTS}
