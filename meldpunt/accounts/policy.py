# SPDX-License-Identifier: EUPL-1.2
"""Who may use which URL, on which cases: the one declared access policy.

Every URL name of the project appears in ``POLICY`` (a test enumerates the URL
configuration and fails on any that does not). ``PolicyMiddleware`` looks the
resolved URL up before any view runs and refuses what the rule does not allow;
a URL without a rule is refused too, so a forgotten entry fails closed.

Case-level rules decide on the case named by the URL's ``reference``:

- the CISO and the deputy CISO see and handle every case;
- a temporary handler sees and handles the case handed to them;
- a director or the FG sees the cases they were consulted on;
- Office Management, reporters and the administrator see no case data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from .roles import Role, roles_of

User = AbstractBaseUser | AnonymousUser
FULL_CASE_ACCESS = frozenset({Role.CISO, Role.DEPUTY_CISO})
ACCESS_LOG_READERS = frozenset({Role.CISO, Role.DEPUTY_CISO, Role.FG})


def _has_full_access(user: User) -> bool:
    return bool(roles_of(user) & FULL_CASE_ACCESS)


def visible_cases(user: User) -> QuerySet:
    """The cases ``user`` may see: all, their own, or those consulted on."""
    from meldpunt.incidents.models import Incident

    if _has_full_access(user):
        return Incident.objects.all()
    if not user.is_authenticated:
        return Incident.objects.none()
    return Incident.objects.filter(
        Q(handler=user) | Q(consultations__person=user)
    ).distinct()


def can_view_case(user: User, incident: object) -> bool:
    if _has_full_access(user):
        return True
    if incident is None or not user.is_authenticated:
        return False
    return visible_cases(user).filter(pk=incident.pk).exists()  # type: ignore[attr-defined]


def can_handle_case(user: User, incident: object) -> bool:
    if _has_full_access(user):
        return True
    return incident is not None and incident.handler_id == user.pk  # type: ignore[attr-defined]


def can_manage_case(user: User, incident: object) -> bool:
    return _has_full_access(user)


def sees_any_case(user: User, incident: object) -> bool:
    return _has_full_access(user) or visible_cases(user).exists()


def can_read_access_log(user: User, incident: object) -> bool:
    return bool(roles_of(user) & ACCESS_LOG_READERS)


def is_administrator(user: User, incident: object) -> bool:
    return Role.ADMINISTRATOR in roles_of(user) and bool(user.is_staff)


@dataclass(frozen=True)
class Rule:
    """Who may use a URL; ``allows`` gets the user and the URL's case, if any."""

    who: str
    allows: Callable[[User, object], bool]
    public: bool = False
    audit: str = ""


PUBLIC = Rule("anyone, signed in or not", lambda user, case: True, public=True)
SIGNED_IN = Rule("any signed-in account", lambda user, case: True)
CASE_LIST = Rule(
    "who may see at least one case; the list shows only those", sees_any_case
)
VIEW_CASE = Rule(
    "CISO, deputy, its handler, its consulted director/FG", can_view_case, audit="view"
)
DOWNLOAD_EVIDENCE = Rule("as for viewing the case", can_view_case, audit="download")
HANDLE_CASE = Rule("CISO, deputy and the case's handler", can_handle_case)
MANAGE_CASE = Rule("CISO and deputy", can_manage_case)
ACCESS_LOG = Rule("CISO, deputy and FG", can_read_access_log)
ADMINISTRATION = Rule(
    "the administrator (accounts only, no case data)", is_administrator
)


def can_record_absence(user: User, incident: object) -> bool:
    return _has_full_access(user)


def is_office_management(user: User, incident: object) -> bool:
    return Role.OFFICE_MANAGEMENT in roles_of(user)


# The guided procedure and the assessment are also for the reporter who was
# handed the case while the CISO could not be reached, possibly anonymously:
# the view checks the case's handlers and the browser's own grant
# (meldpunt.guidance.access.may_follow_case) and answers 404 otherwise.
FOLLOW_CASE = Rule(
    "case handlers, or the browser that reported the case (checked by the view)",
    lambda user, case: True,
    public=True,
)
EXPORT_CASE = Rule("as for viewing the case", can_view_case, audit="export")
ABSENCES = Rule("CISO and deputy", can_record_absence)
EMERGENCY_NUMBER = Rule("Office Management (every view recorded)", is_office_management)

POLICY: dict[str, Rule] = {
    "accessibility": PUBLIC,
    "reports:supplier": PUBLIC,
    "guidance:guide": FOLLOW_CASE,
    "guidance:consultation": FOLLOW_CASE,
    "guidance:contact": PUBLIC,
    "guidance:tips": PUBLIC,
    "guidance:stuck": PUBLIC,
    "guidance:emergency": EMERGENCY_NUMBER,
    "guidance:absences": ABSENCES,
    "guidance:end_absence": ABSENCES,
    "assessments:assessment": FOLLOW_CASE,
    "assessments:decide": FOLLOW_CASE,
    "logbook:new_entry": HANDLE_CASE,
    "logbook:dossier_pdf": EXPORT_CASE,
    "logbook:dossier_json": EXPORT_CASE,
    "logbook:send_dossier": HANDLE_CASE,
    "imports:upload": HANDLE_CASE,
    "imports:preview": HANDLE_CASE,
    "imports:date_order": HANDLE_CASE,
    "imports:confirm": HANDLE_CASE,
    "imports:cancel": HANDLE_CASE,
    "imports:progress": HANDLE_CASE,
    "home": PUBLIC,
    "login": PUBLIC,
    "logout": SIGNED_IN,
    "set_language": PUBLIC,
    "reports:report": PUBLIC,
    "reports:received": PUBLIC,
    "reports:follow_up": PUBLIC,
    "reports:answer": PUBLIC,
    "reports:ask": HANDLE_CASE,
    "oidc_start": PUBLIC,
    "oidc_callback": PUBLIC,
    "accounts:second_factor": SIGNED_IN,
    "accounts:second_factor_setup": SIGNED_IN,
    "accounts:recovery_codes": SIGNED_IN,
    "accounts:access_log": ACCESS_LOG,
    "accounts:consult": MANAGE_CASE,
    "incidents:worklist": CASE_LIST,
    "incidents:detail": VIEW_CASE,
    "incidents:evidence": DOWNLOAD_EVIDENCE,
    "incidents:classify": HANDLE_CASE,
    "incidents:note": HANDLE_CASE,
    "incidents:status": HANDLE_CASE,
    "incidents:close": HANDLE_CASE,
    "incidents:assign": MANAGE_CASE,
    "admin:login": PUBLIC,
}
# Every URL in these namespaces follows one rule unless named above.
NAMESPACE_POLICY: dict[str, Rule] = {"admin": ADMINISTRATION}


def rule_for(view_name: str) -> Rule | None:
    if view_name in POLICY:
        return POLICY[view_name]
    namespace = view_name.split(":", 1)[0] if ":" in view_name else ""
    return NAMESPACE_POLICY.get(namespace)
