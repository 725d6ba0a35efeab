# SPDX-License-Identifier: EUPL-1.2
"""A demo organisation: one account per role and a handful of cases."""

import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.roles import Role, requires_second_factor
from meldpunt.accounts.services import consult_on_case
from meldpunt.imports.services import choose_date_order, confirm_import, start_import
from meldpunt.incidents import services as incidents
from meldpunt.incidents.models import Incident, PersonalData
from meldpunt.incidents.workflow import Kind, Status
from meldpunt.logbook.models import Channel, Direction, EntryKind
from meldpunt.logbook.services import UploadedEvidence, append_entry
from meldpunt.reports.services import submit_report


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...]


ACCOUNTS = [
    DemoAccount("medewerker", "Demo", "Medewerker", (Role.REPORTER,)),
    DemoAccount("ciso", "Demo", "CISO", (Role.REPORTER, Role.CISO)),
    DemoAccount("plv-ciso", "Demo", "Plv. CISO", (Role.REPORTER, Role.DEPUTY_CISO)),
    DemoAccount("directielid", "Demo", "Directielid", (Role.REPORTER, Role.DIRECTOR)),
    DemoAccount("fg", "Demo", "FG", (Role.REPORTER, Role.FG)),
    DemoAccount(
        "office", "Demo", "Office Management", (Role.REPORTER, Role.OFFICE_MANAGEMENT)
    ),
    DemoAccount("beheerder", "Demo", "Beheerder", (Role.ADMINISTRATOR,)),
]


@dataclass(frozen=True)
class DemoCredentials:
    password: str
    authenticator_uri: str | None


def _demo_authenticator(user: AbstractBaseUser) -> str | None:
    """Give an account that needs a second factor a fresh authenticator key."""
    if not requires_second_factor(user):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
    return str(device.config_url)


def create_accounts(*, reset_passwords: bool) -> dict[str, DemoCredentials]:
    """Create missing demo accounts; return the credentials set in this run."""
    user_model = get_user_model()
    credentials: dict[str, DemoCredentials] = {}
    for account in ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=account.username,
            defaults={"first_name": account.first_name, "last_name": account.last_name},
        )
        password = secrets.token_urlsafe(12)
        if created or reset_passwords:
            user.set_password(password)
        is_admin = Role.ADMINISTRATOR in account.roles
        user.is_staff = user.is_superuser = is_admin
        user.save()
        user.groups.set(Group.objects.filter(name__in=account.roles))
        if created or reset_passwords:
            credentials[account.username] = DemoCredentials(
                password=password, authenticator_uri=_demo_authenticator(user)
            )
    return credentials


def _account(username: str) -> AbstractBaseUser:
    return get_user_model().objects.get(username=username)


@transaction.atomic
def create_cases() -> int:
    """Create the demo cases through the services, as people would."""
    ciso, staff, director = (
        _account("ciso"),
        _account("medewerker"),
        _account("directielid"),
    )
    now = timezone.now()

    submit_report(
        description="Ik kreeg een e-mail van 'ICT' met een link naar een inlogpagina "
        "die er vreemd uitzag. Ik heb niet geklikt.",
        submission_token=uuid.uuid4(),
        reporter=None,
        anonymous=True,
        personal_data=PersonalData.NO,
    )

    lost_pass = submit_report(
        description="Mijn toegangspas is kwijt, waarschijnlijk verloren in de trein.",
        submission_token=uuid.uuid4(),
        reporter=staff,
        discovered_at=now - timedelta(hours=5),
    ).incident
    incidents.change_status(incident=lost_pass, status=Status.TRIAGE, actor=ciso)
    incidents.classify_incident(incident=lost_pass, kind=Kind.PHYSICAL, actor=ciso)
    append_entry(
        incident=lost_pass,
        actor=ciso,
        kind=EntryKind.MEASURE,
        channel=Channel.PHONE,
        direction=Direction.OUTGOING,
        participants="CISO; BVC (beveiliging)",
        summary="BVC gebeld: pas geblokkeerd",
        occurred_at=now - timedelta(hours=4),
    )

    _breach_case(ciso=ciso, staff=staff, director=director, fg=_account("fg"))

    printer = submit_report(
        description="De printer op de tweede verdieping print alles dubbel.",
        submission_token=uuid.uuid4(),
        reporter=staff,
        personal_data=PersonalData.NO,
    ).incident
    incidents.change_status(incident=printer, status=Status.TRIAGE, actor=ciso)
    incidents.classify_incident(incident=printer, kind=Kind.MALFUNCTION, actor=ciso)
    incidents.close_incident(
        incident=printer,
        resolution="Storing; doorgezet naar de SSC-ICT servicedesk, printer vervangen.",
        solved_at=now - timedelta(hours=1),
        actor=ciso,
    )
    return 4


SENT_MAIL = (
    b"From: medewerker@kiesraad.example\nTo: redactie@krant.example\n"
    b"Subject: Kandidatenlijst partij 7\n\n(lijst met 40 kandidaten, adressen, BSN)\n"
)
CONFIRMATION = (
    b"From: redactie@krant.example\nTo: ciso@kiesraad.example\n"
    b"Subject: RE: Verzoek tot verwijdering\n\n"
    b"Ik bevestig dat ik de e-mail en de bijlage heb verwijderd,\n"
    b"ook uit de prullenbak.\n"
)


@contextmanager
def _clock(moment: datetime) -> Iterator[None]:
    """Let the demo replay a case that took a day, step by step at its time."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def _breach_case(
    *,
    ciso: AbstractBaseUser,
    staff: AbstractBaseUser,
    director: AbstractBaseUser,
    fg: AbstractBaseUser,
) -> None:
    """The data breach of the foundation's scenario, with a full logbook."""
    start = timezone.now() - timedelta(hours=22)

    def at(minutes: int) -> datetime:
        return start + timedelta(minutes=minutes)

    with _clock(at(0)):
        breach = submit_report(
            description="Vrijdagmiddag heb ik de lijst met de 40 kandidaten van een "
            "partij, met woonadressen en BSN, per ongeluk naar een journalist "
            "gemaild in plaats van naar de gemeente.",
            submission_token=uuid.uuid4(),
            reporter=staff,
            discovered_at=at(-40),
            personal_data=PersonalData.YES,
            files=[UploadedEvidence("verzonden-mail.eml", SENT_MAIL)],
        ).incident
    with _clock(at(12)):
        incidents.change_status(incident=breach, status=Status.TRIAGE, actor=ciso)
        incidents.classify_incident(
            incident=breach, kind=Kind.POSSIBLE_BREACH, actor=ciso
        )
        incidents.assign_handler(incident=breach, handler=ciso, actor=ciso)
        incidents.change_status(incident=breach, status=Status.IN_PROGRESS, actor=ciso)
    with _clock(at(35)):
        asked = append_entry(
            incident=breach,
            actor=ciso,
            kind=EntryKind.MEASURE,
            channel=Channel.PHONE,
            direction=Direction.OUTGOING,
            participants="CISO; journalist (ontvanger, extern)",
            summary="Ontvanger gevraagd de e-mail te verwijderen en dat "
            "schriftelijk te bevestigen",
            text="Journalist gebeld. Hij zegt de bijlage niet te hebben geopend "
            "en zegt toe de e-mail te verwijderen.",
            occurred_at=at(20),
        )
    with _clock(at(50)):
        append_entry(
            incident=breach,
            actor=ciso,
            kind=EntryKind.CONSULTATION,
            channel=Channel.PHONE,
            direction=Direction.INTERNAL,
            participants="CISO; dienstdoend directielid",
            summary="Directielid geraadpleegd; melding bij de AP mogelijk nodig",
            occurred_at=at(45),
        )
    with _clock(at(70)):
        append_entry(
            incident=breach,
            actor=ciso,
            kind=EntryKind.NOTE,
            channel=Channel.EMAIL,
            direction=Direction.OUTGOING,
            participants="CISO; journalist (ontvanger, extern)",
            summary="Correctie: het verzoek ging telefonisch én per e-mail",
            text="Na het telefoongesprek is het verzoek ook per e-mail verstuurd.",
            corrects=asked,
            occurred_at=at(25),
        )
    with _clock(at(130)):
        append_entry(
            incident=breach,
            actor=fg,
            kind=EntryKind.CONSULTATION,
            channel=Channel.MEETING,
            direction=Direction.INTERNAL,
            participants="CISO; functionaris gegevensbescherming (FG)",
            summary="FG geraadpleegd over de meldplicht",
            text="FG: BSN en adressen van 40 personen bij een journalist; "
            "hoog risico voor de betrokkenen niet uit te sluiten.",
            occurred_at=at(120),
        )
    with _clock(at(310)):
        append_entry(
            incident=breach,
            actor=ciso,
            kind=EntryKind.COMMUNICATION,
            channel=Channel.EMAIL,
            direction=Direction.INCOMING,
            participants="Journalist (ontvanger, extern)",
            summary="Ontvanger bevestigt de verwijdering schriftelijk",
            occurred_at=at(300),
            files=[UploadedEvidence("bevestiging-verwijdering.eml", CONFIRMATION)],
        )
    with _clock(at(100)):
        # The director and the FG see the case because they were consulted.
        consult_on_case(incident=breach, person=director, actor=ciso)
        consult_on_case(incident=breach, person=fg, actor=ciso)
    with _clock(at(420)):
        append_entry(
            incident=breach,
            actor=director,
            kind=EntryKind.DECISION,
            channel=Channel.MEETING,
            direction=Direction.INTERNAL,
            participants="Dienstdoend directielid; CISO; FG",
            summary="Besluit: melden bij de AP binnen 72 uur",
            reasons="BSN en woonadressen van 40 kandidaten zijn bij een externe "
            "ontvanger beland. De verwijdering is bevestigd, maar niet te "
            "controleren; een risico voor de betrokkenen is niet uit te sluiten.",
            occurred_at=at(360),
        )
    with _clock(at(480)):
        _import_chat(breach, ciso, [at(125), at(128), at(131)])


def _import_chat(
    incident: Incident, ciso: AbstractBaseUser, times: list[datetime]
) -> None:
    """The WhatsApp chat between the CISO and the FG, imported as evidence."""
    stamps = [timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") for moment in times]
    chat = (
        f"{stamps[0]} - Berichten en gesprekken worden end-to-end versleuteld. "
        "Niemand buiten deze chat kan ze lezen of beluisteren, zelfs WhatsApp niet.\n"
        f"{stamps[1]} - Demo CISO: Kun je vandaag nog adviseren over de melding "
        "bij de AP?\n"
        f"{stamps[2]} - Demo FG: Ja: melden, de betrokkenen persoonlijk informeren.\n"
    ).encode()
    record = start_import(
        incident=incident, actor=ciso, name="WhatsApp-chat CISO en FG.txt", data=chat
    )
    if record.needs_date_order:
        record = choose_date_order(record=record, order="DMY", actor=ciso)
    confirm_import(
        record=record,
        actor=ciso,
        selection=None,
        ours=["Demo CISO", "Demo FG"],
        time_zone="Europe/Amsterdam",
    )
