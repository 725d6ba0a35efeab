# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on against a local stub OpenID Connect provider."""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.urls import reverse

from meldpunt.accounts.roles import Role

pytestmark = pytest.mark.django_db
CLIENT_ID = "meldpunt-test"


class StubProvider:
    """Issues signed ID tokens for whatever subject the test chooses."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims: dict[str, object] = {}
        self.nonce = ""
        self.issuer = ""
        self.audience = CLIENT_ID

    def id_token(self) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.audience,
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce,
            **self.claims,
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "k1"})

    def jwks(self) -> dict[str, object]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]}


def _handler(provider: StubProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _json(self, body: dict[str, object]) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            token = {"id_token": provider.id_token(), "access_token": "at"}
            self._json({**token, "token_type": "Bearer"})

        def do_GET(self) -> None:
            if self.path.startswith("/jwks"):
                self._json(provider.jwks())
            else:
                self._json(provider.claims)

        def log_message(self, *args: object) -> None:
            return

    return Handler


@pytest.fixture
def provider(settings) -> Iterator[StubProvider]:
    stub = StubProvider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    stub.issuer = base
    settings.MELDPUNT_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.MELDPUNT_OIDC_ISSUER = base
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks"
    yield stub
    server.shutdown()
    server.server_close()


def _sign_in(client: Client, provider: StubProvider) -> object:
    start = client.get(reverse("oidc_start"))
    query = parse_qs(urlparse(start["Location"]).query)
    provider.nonce = query["nonce"][0]
    callback = reverse("oidc_callback")
    return client.get(callback, {"code": "c0de", "state": query["state"][0]})


def test_sign_on_logs_in_an_existing_account_and_still_asks_the_second_factor(
    provider: StubProvider, make_user
) -> None:
    user = make_user("ciso", Role.CISO)
    provider.claims = {"sub": "gov-123", "preferred_username": "ciso"}
    client = Client()

    _sign_in(client, provider)

    assert client.session["_auth_user_id"] == str(user.pk)
    cases = client.get(reverse("incidents:worklist"))
    assert cases["Location"].startswith(reverse("accounts:second_factor"))


def test_sign_on_creates_no_account_for_an_unknown_person(
    provider: StubProvider, db: None, caplog
) -> None:
    provider.claims = {"sub": "gov-999", "preferred_username": "onbekend"}
    client = Client()

    _sign_in(client, provider)

    assert "_auth_user_id" not in client.session
    assert "onbekend" not in caplog.text


def test_token_for_another_client_is_refused(provider: StubProvider, make_user) -> None:
    make_user("ciso", Role.CISO)
    provider.claims = {"sub": "gov-123", "preferred_username": "ciso"}
    provider.audience = "another-application"
    client = Client()

    _sign_in(client, provider)

    assert "_auth_user_id" not in client.session


def test_sign_on_is_off_unless_configured(client: Client) -> None:
    assert client.get(reverse("oidc_start")).status_code == 404
    assert reverse("oidc_start") not in client.get(reverse("login")).content.decode()


def test_login_page_offers_sign_on_when_configured(provider: StubProvider) -> None:
    page = Client().get(reverse("login")).content.decode()

    assert reverse("oidc_start") in page
