# SPDX-License-Identifier: EUPL-1.2
"""The declared access policy covers every URL and holds for every role."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from meldpunt.accounts.models import Consultation
from meldpunt.accounts.policy import rule_for
from meldpunt.accounts.roles import Role
from meldpunt.guidance.services import current_availability, start_procedure
from meldpunt.incidents.services import assign_handler
from meldpunt.logbook.models import Evidence
from meldpunt.logbook.services import UploadedEvidence
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db

ACTORS = {
    "anonymous": (),
    "reporter": (Role.REPORTER,),
    "ciso": (Role.CISO,),
    "deputy": (Role.DEPUTY_CISO,),
    "director": (Role.DIRECTOR,),
    "director_consulted": (Role.DIRECTOR,),
    "fg": (Role.FG,),
    "fg_consulted": (Role.FG,),
    "office": (Role.OFFICE_MANAGEMENT,),
    "administrator": (Role.ADMINISTRATOR,),
    "handler": (Role.REPORTER,),
}
EVERYONE = frozenset(ACTORS)
SIGNED_IN = EVERYONE - {"anonymous"}
SEES_CASE = frozenset(
    {"ciso", "deputy", "handler", "director_consulted", "fg_consulted"}
)
HANDLES_CASE = frozenset({"ciso", "deputy", "handler"})
FULL_ACCESS = frozenset({"ciso", "deputy"})
CASE_URLS = frozenset(
    {
        "incidents:detail",
        "incidents:classify",
        "incidents:note",
        "incidents:status",
        "incidents:close",
        "incidents:assign",
        "reports:ask",
        "accounts:consult",
        "guidance:guide",
        "guidance:consultation",
        "assessments:assessment",
        "assessments:decide",
        "logbook:new_entry",
        "logbook:dossier_pdf",
        "logbook:dossier_json",
        "logbook:send_dossier",
        "imports:upload",
    }
)
# URLs of one item of a case (an import, an absence); a number that does not
# exist shows whether the request got past the policy (404) or not.
ITEM_URLS = frozenset(
    {
        "imports:preview",
        "imports:date_order",
        "imports:confirm",
        "imports:cancel",
        "imports:progress",
    }
)
# The procedure pages follow the policy "case handlers, or the browser that
# reported the case", which the view checks: it answers 404 to anyone else,
# so as not to tell whether the case exists.
DENIED_AS_NOT_FOUND = frozenset({"guidance:guide", "guidance:consultation"})
FOLLOWS_CASE = frozenset({"ciso", "deputy", "handler"})

# Written out by hand, not derived from the policy: this is what it must say.
EXPECTED: dict[str, tuple[str, frozenset[str]]] = {
    "home": ("get", EVERYONE),
    "login": ("get", EVERYONE),
    "logout": ("post", SIGNED_IN),
    "set_language": ("post", EVERYONE),
    "reports:report": ("get", EVERYONE),
    "reports:received": ("get", EVERYONE),
    "reports:follow_up": ("get", EVERYONE),
    "reports:answer": ("post", EVERYONE),
    "reports:ask": ("get", HANDLES_CASE),
    "oidc_start": ("get", EVERYONE),
    "oidc_callback": ("get", EVERYONE),
    "accounts:second_factor": ("get", SIGNED_IN),
    "accounts:second_factor_setup": ("get", SIGNED_IN),
    "accounts:recovery_codes": ("get", SIGNED_IN),
    "accounts:access_log": ("get", frozenset({"ciso", "deputy", "fg", "fg_consulted"})),
    "accounts:consult": ("get", FULL_ACCESS),
    "incidents:worklist": ("get", SEES_CASE),
    "incidents:detail": ("get", SEES_CASE),
    "incidents:evidence": ("get", SEES_CASE),
    "incidents:classify": ("post", HANDLES_CASE),
    "incidents:note": ("post", HANDLES_CASE),
    "incidents:status": ("post", HANDLES_CASE),
    "incidents:close": ("post", HANDLES_CASE),
    "incidents:assign": ("post", FULL_ACCESS),
    "accessibility": ("get", EVERYONE),
    "reports:supplier": ("get", EVERYONE),
    "guidance:contact": ("get", EVERYONE),
    "guidance:tips": ("get", EVERYONE),
    "guidance:stuck": ("get", EVERYONE),
    "guidance:guide": ("get", FOLLOWS_CASE),
    "guidance:consultation": ("post", FOLLOWS_CASE),
    "guidance:emergency": ("get", frozenset({"office"})),
    "guidance:absences": ("get", FULL_ACCESS),
    "guidance:end_absence": ("post", FULL_ACCESS),
    "assessments:assessment": ("get", FOLLOWS_CASE),
    "assessments:decide": ("post", FOLLOWS_CASE),
    "logbook:new_entry": ("get", HANDLES_CASE),
    "logbook:dossier_pdf": ("get", SEES_CASE),
    "logbook:dossier_json": ("get", SEES_CASE),
    "logbook:send_dossier": ("post", HANDLES_CASE),
    "imports:upload": ("get", HANDLES_CASE),
    "imports:preview": ("get", HANDLES_CASE),
    "imports:date_order": ("post", HANDLES_CASE),
    "imports:confirm": ("post", HANDLES_CASE),
    "imports:cancel": ("post", HANDLES_CASE),
    "imports:progress": ("get", HANDLES_CASE),
    "admin:index": ("get", frozenset({"administrator"})),
    "admin:auth_user_changelist": ("get", frozenset({"administrator"})),
    "admin:login": ("get", EVERYONE),
}


def _view_names(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _view_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            name = pattern.name or f"{callback.__module__}.{callback.__qualname__}"
            yield f"{prefix}{name}"


def test_every_url_pattern_has_a_declared_policy() -> None:
    names = set(_view_names(get_resolver().url_patterns))

    missing = sorted(name for name in names if rule_for(name) is None)

    assert missing == []


def test_every_url_outside_the_admin_is_in_the_role_matrix() -> None:
    names = {
        name
        for name in _view_names(get_resolver().url_patterns)
        if not name.startswith("admin:")
    }

    assert names == {name for name in EXPECTED if not name.startswith("admin:")}


@pytest.fixture
def world(make_user, make_report) -> dict[str, object]:
    people = {name: make_user(name, *roles) for name, roles in ACTORS.items()}
    Group.objects.get(name=Role.REPORTER).user_set.remove(people["ciso"])
    people["administrator"].is_staff = people["administrator"].is_superuser = True
    people["administrator"].save()
    files = [UploadedEvidence("bewijs.txt", b"inhoud")]
    case = make_report(files=files).incident
    other = make_report().incident
    for incident in (case, other):
        start_procedure(
            incident=incident, actor=None, availability=current_availability()
        )
    assign_handler(incident=case, handler=people["handler"], actor=people["ciso"])
    for name in ("director_consulted", "fg_consulted"):
        Consultation.objects.create(
            incident=case, person=people[name], consulted_by=people["ciso"]
        )
    return {"people": people, "case": case, "other": other}


def _url(name: str, incident: object) -> str:
    if name == "incidents:evidence":
        evidence = Evidence.objects.filter(incident=incident).first()
        pk = evidence.pk if evidence else 999_999
        return reverse(name, args=[incident.reference, pk])
    if name in CASE_URLS:
        return reverse(name, args=[incident.reference])
    if name in ITEM_URLS:
        return reverse(name, args=[incident.reference, 999_999])
    if name == "guidance:end_absence":
        return reverse(name, args=[999_999])
    return reverse(name)


def _clients(world: dict) -> dict[str, Client]:
    return {
        actor: Client() if actor == "anonymous" else log_in_verified(Client(), person)
        for actor, person in world["people"].items()
    }


def _allowed(
    world: dict, clients: dict, actor: str, method: str, url: str, name: str = ""
) -> bool:
    client = clients[actor]
    if url == reverse("logout") and actor != "anonymous":
        # Logging out ends the session; spend a fresh one on it.
        client = log_in_verified(Client(), world["people"][actor])
    # Invalid on purpose: an allowed request gets a form error, changes nothing.
    data = {"handler": "999999"} if method == "post" else {}
    response = getattr(client, method)(url, data)
    if response.status_code == 403:
        return False
    if name in DENIED_AS_NOT_FOUND and response.status_code == 404:
        return False
    redirect = response.get("Location", "")
    return not redirect.startswith(("/inloggen/", "/beheer/login/"))


def _matrix(world: dict, incident: object, names: list[str]) -> dict[str, set]:
    clients = _clients(world)
    return {
        name: {
            actor
            for actor in ACTORS
            if _allowed(
                world, clients, actor, EXPECTED[name][0], _url(name, incident), name
            )
        }
        for name in names
    }


def test_each_role_is_allowed_or_denied_as_declared(world: dict) -> None:
    actual = _matrix(world, world["case"], sorted(EXPECTED))

    assert actual == {name: set(allowed) for name, (_m, allowed) in EXPECTED.items()}


def test_case_roles_reach_no_other_case(world: dict) -> None:
    names = sorted(
        n for n in EXPECTED if n.startswith("incidents:") and "list" not in n
    )

    actual = _matrix(world, world["other"], names)

    assert actual == {name: set(FULL_ACCESS) for name in names}


def test_worklist_shows_a_consulted_director_only_their_case(world: dict) -> None:
    client = log_in_verified(Client(), world["people"]["director_consulted"])

    page = client.get(reverse("incidents:worklist")).content.decode()

    assert world["case"].reference in page
    assert world["other"].reference not in page


def test_denial_is_logged_without_personal_data(world: dict, caplog) -> None:
    client = log_in_verified(Client(), world["people"]["office"])

    client.get(_url("incidents:detail", world["case"]))

    events = [r for r in caplog.records if r.getMessage() == "permission_denied"]
    assert events[0].user_id == world["people"]["office"].pk
    assert events[0].view == "incidents:detail"


def test_consulting_a_director_opens_the_case_and_is_logged(world: dict) -> None:
    from meldpunt.accounts.services import consult_on_case

    director = world["people"]["director"]
    consult_on_case(
        incident=world["other"], person=director, actor=world["people"]["ciso"]
    )

    client = log_in_verified(Client(), director)
    assert client.get(_url("incidents:detail", world["other"])).status_code == 200
    last = world["other"].logbook_entries.order_by("sequence").last()
    assert last.kind == "consultation"


def test_only_a_director_or_fg_can_be_consulted(world: dict) -> None:
    from django.core.exceptions import ValidationError

    from meldpunt.accounts.services import consult_on_case

    with pytest.raises(ValidationError):
        consult_on_case(
            incident=world["other"],
            person=world["people"]["office"],
            actor=world["people"]["ciso"],
        )


def test_ciso_consults_the_fg_through_the_form(world: dict) -> None:
    fg = world["people"]["fg"]
    client = log_in_verified(Client(), world["people"]["ciso"])

    client.post(_url("accounts:consult", world["other"]), {"person": fg.pk})

    viewer = log_in_verified(Client(), fg)
    assert viewer.get(_url("incidents:detail", world["other"])).status_code == 200


def test_ciso_hands_a_case_to_a_temporary_handler_who_sees_only_that_case(
    world: dict, make_user
) -> None:
    helper = make_user("tijdelijk")
    ciso = log_in_verified(Client(), world["people"]["ciso"])

    ciso.post(_url("incidents:assign", world["other"]), {"handler": helper.pk})

    client = log_in_verified(Client(), helper)
    assert client.get(_url("incidents:detail", world["other"])).status_code == 200
    assert client.get(_url("incidents:detail", world["case"])).status_code == 403


def test_case_page_shows_only_the_forms_the_person_may_use(world: dict) -> None:
    url = _url("incidents:detail", world["case"])
    pages = {
        actor: log_in_verified(Client(), world["people"][actor]).get(url)
        for actor in ("ciso", "handler", "director_consulted")
    }

    assigns = {
        actor: reverse("incidents:assign", args=[world["case"].reference])
        in page.content.decode()
        for actor, page in pages.items()
    }
    notes = {
        actor: reverse("incidents:note", args=[world["case"].reference])
        in page.content.decode()
        for actor, page in pages.items()
    }
    assert assigns == {"ciso": True, "handler": False, "director_consulted": False}
    assert notes == {"ciso": True, "handler": True, "director_consulted": False}
