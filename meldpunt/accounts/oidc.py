# SPDX-License-Identifier: EUPL-1.2
"""Optional single sign-on with a government identity provider (OpenID Connect).

Off unless ``MELDPUNT_OIDC_CLIENT_ID`` is set. The provider proves who someone
is; Meldpunt still decides what they may do: only existing accounts can sign
in (matched on one claim, ``preferred_username`` unless configured), roles
stay in Meldpunt, and the second factor is asked as after a password.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)


class ExistingAccountsBackend(OIDCAuthenticationBackend):
    """Sign in existing accounts only, after checking issuer and audience."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.enabled = settings.MELDPUNT_OIDC_ENABLED
        if self.enabled:
            super().__init__(*args, **kwargs)

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> Any:
        if not self.enabled:
            return None
        return super().authenticate(request, **credentials)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("oidc_wrong_audience")
        if payload.get("iss") != settings.MELDPUNT_OIDC_ISSUER:
            raise SuspiciousOperation("oidc_wrong_issuer")
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get(settings.MELDPUNT_OIDC_USERNAME_CLAIM))

    def describe_user_by_claims(self, claims: dict[str, Any]) -> str:
        # The library logs this when no account matches: name nobody.
        return "the signed-on person"

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet:
        value = claims.get(settings.MELDPUNT_OIDC_USERNAME_CLAIM)
        if not isinstance(value, str) or not value:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=value, is_active=True)


def start(request: HttpRequest) -> HttpResponse:
    if not settings.MELDPUNT_OIDC_ENABLED:
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


def callback(request: HttpRequest) -> HttpResponse:
    if not settings.MELDPUNT_OIDC_ENABLED:
        raise Http404
    return OIDCAuthenticationCallbackView.as_view()(request)
