# SPDX-License-Identifier: EUPL-1.2
"""Production settings: nothing is assumed, everything must be configured."""

from meldpunt.config import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
MELDPUNT_EVIDENCE_KEYS = env_list(
    "MELDPUNT_EVIDENCE_KEYS", [env_str("MELDPUNT_EVIDENCE_KEY")]
)
# Optional here; 'meldpunt backup' and 'restore' refuse to run without it.
MELDPUNT_BACKUP_KEY = env_str("MELDPUNT_BACKUP_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names Meldpunt serves.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SECURE_SSL_REDIRECT = env_bool("MELDPUNT_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("MELDPUNT_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header alone submits nothing; a domain joins the list only on request.
SECURE_HSTS_PRELOAD = env_bool("MELDPUNT_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
