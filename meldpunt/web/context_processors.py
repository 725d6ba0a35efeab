# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from meldpunt.accounts.policy import can_read_access_log, sees_any_case
from meldpunt.accounts.roles import Role, roles_of


def meldpunt(request: HttpRequest) -> dict[str, object]:
    return {
        "handles_cases": SimpleLazyObject(lambda: sees_any_case(request.user, None)),
        "single_sign_on": settings.MELDPUNT_OIDC_ENABLED,
        "reads_access_log": SimpleLazyObject(
            lambda: can_read_access_log(request.user, None)
        ),
        "theme_css": settings.MELDPUNT_THEME_CSS,
        "theme_class": settings.MELDPUNT_THEME_CLASS,
        "is_office_management": SimpleLazyObject(
            lambda: Role.OFFICE_MANAGEMENT in roles_of(request.user)
        ),
    }
