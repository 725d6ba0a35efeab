# SPDX-License-Identifier: EUPL-1.2
"""A demo organisation: one account per role and a handful of cases."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.roles import Role, requires_second_factor
from meldpunt.accounts.services import consult_on_case
from meldpunt.incidents import services as incidents
from meldpunt.incidents.models import PersonalData
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

    breach = submit_report(
        description="Ik heb per ongeluk de kandidatenlijst met adressen naar een "
        "verkeerd extern adres gemaild.",
        submission_token=uuid.uuid4(),
        reporter=staff,
        discovered_at=now - timedelta(hours=20),
        personal_data=PersonalData.YES,
        files=[UploadedEvidence("verzonden-mail.txt", b"Onderwerp: kandidatenlijst\n")],
    ).incident
    incidents.change_status(incident=breach, status=Status.TRIAGE, actor=ciso)
    incidents.classify_incident(incident=breach, kind=Kind.POSSIBLE_BREACH, actor=ciso)
    incidents.assign_handler(incident=breach, handler=ciso, actor=ciso)
    incidents.change_status(incident=breach, status=Status.IN_PROGRESS, actor=ciso)
    asked = append_entry(
        incident=breach,
        actor=ciso,
        kind=EntryKind.MEASURE,
        channel=Channel.EMAIL,
        direction=Direction.OUTGOING,
        participants="CISO; ontvanger",
        summary="Ontvanger gevraagd de e-mail te verwijderen en dat schriftelijk "
        "te bevestigen",
        occurred_at=now - timedelta(hours=19),
    )
    append_entry(
        incident=breach,
        actor=ciso,
        kind=EntryKind.CONSULTATION,
        channel=Channel.PHONE,
        direction=Direction.OUTGOING,
        participants="CISO; dienstdoend directielid",
        summary="Directielid geïnformeerd; melding bij de AP mogelijk nodig",
        occurred_at=now - timedelta(hours=18),
    )
    append_entry(
        incident=breach,
        actor=ciso,
        kind=EntryKind.NOTE,
        summary="Correctie: het verzoek ging per e-mail én telefonisch",
        corrects=asked,
    )
    consult_on_case(incident=breach, person=director, actor=ciso)
    append_entry(
        incident=breach,
        actor=director,
        kind=EntryKind.DECISION,
        summary="Besluit: melden bij de AP",
        reasons="Adressen van kandidaten bij een onbekende ontvanger; "
        "risico voor betrokkenen.",
    )

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
