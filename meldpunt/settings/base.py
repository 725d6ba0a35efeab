# SPDX-License-Identifier: EUPL-1.2
"""Settings shared by every environment; the environment modules adjust them."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from meldpunt.config import (
    env_bool,
    env_days_by_kind,
    env_int,
    env_list,
    env_number_list,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("MELDPUNT_DATA_DIR", PACKAGE_DIR.parent / "var")).resolve()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "meldpunt.accounts",
    "meldpunt.imports",
    "meldpunt.incidents",
    "meldpunt.jobs",
    "meldpunt.logbook",
    "meldpunt.reports",
    "meldpunt.guidance",
    "meldpunt.assessments",
    "meldpunt.web",
    "meldpunt.maintenance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "meldpunt.accounts.middleware.SessionLifetimeMiddleware",
    "meldpunt.accounts.middleware.SecondFactorMiddleware",
    "meldpunt.accounts.enforcement.PolicyMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "meldpunt.web.middleware.MethodNotAllowedPage",
    "meldpunt.web.middleware.DatabaseBusyPage",
    # Last, as django-axes asks: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "meldpunt.urls"
WSGI_APPLICATION = "meldpunt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "meldpunt.web.context_processors.meldpunt",
            ],
        },
    },
]


def database_from_env(default_sqlite: Path) -> dict[str, object]:
    """Return the default database: ``DATABASE_URL`` or SQLite in the data folder."""
    url = env_str("DATABASE_URL", f"sqlite:///{default_sqlite}")
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Immediate transactions take the write lock up front, so concurrent
        # writers queue behind the busy timeout instead of failing half-way
        # with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                " PRAGMA foreign_keys=ON;"
            ),
        }
        config["CONN_MAX_AGE"] = 0
    return config


DATABASES = {"default": database_from_env(DATA_DIR / "meldpunt.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_VALIDATORS}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked account before the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Does nothing unless single sign-on is configured below.
    "meldpunt.accounts.oidc.ExistingAccountsBackend",
]
# Optional single sign-on (OpenID Connect), e.g. a government identity
# provider. Everything stays off until a client id is set.
OIDC_RP_CLIENT_ID = env_str("MELDPUNT_OIDC_CLIENT_ID", "")
MELDPUNT_OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("MELDPUNT_OIDC_CLIENT_SECRET", "")
MELDPUNT_OIDC_ISSUER = env_str("MELDPUNT_OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("MELDPUNT_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("MELDPUNT_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("MELDPUNT_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("MELDPUNT_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("MELDPUNT_OIDC_SIGN_ALGORITHM", "RS256")
OIDC_RP_SCOPES = "openid email profile"
MELDPUNT_OIDC_USERNAME_CLAIM = env_str(
    "MELDPUNT_OIDC_USERNAME_CLAIM", "preferred_username"
)
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
# Lock an account (not an address: staff share the office's address) after
# this many wrong passwords in a row, for the cool-off period.
AXES_FAILURE_LIMIT = env_int("MELDPUNT_LOGIN_FAILURE_LIMIT", 5, minimum=3)
AXES_COOLOFF_TIME = timedelta(
    minutes=env_int("MELDPUNT_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks to lock by address as well; behind one office address that
# locks out every colleague at once. Accounts, not addresses, are what we guard.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
# Our own security log records lockouts without names or addresses.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "meldpunt.accounts.views.locked_out"
OTP_TOTP_ISSUER = "Meldpunt"
# Argon2id parameters for receipt and recovery codes (argon2-cffi's
# keyword arguments); empty means the library's current recommendation.
MELDPUNT_SLOW_HASH_PARAMETERS: dict[str, int] = {}
# Fernet key that encrypts backups (set per environment).
MELDPUNT_BACKUP_KEY = ""
# Days after closing a case before its reports, logbook and evidence are
# deleted; the register entry (the case row) stays. See ADR 0005.
MELDPUNT_RETENTION_DAYS = env_days_by_kind(
    "MELDPUNT_RETENTION_DAYS",
    {
        "unknown": 5 * 365,
        "malfunction": 365,
        "physical": 2 * 365,
        "possible_breach": 5 * 365,
        "other": 5 * 365,
    },
)
# Posts of the public forms one client may make, e.g. "10/10m": a flood from
# one client is refused while everyone else still gets through.
MELDPUNT_REPORT_RATE = env_str("MELDPUNT_REPORT_RATE", "10/10m")
MELDPUNT_TRUSTED_PROXIES = env_int("MELDPUNT_TRUSTED_PROXIES", 0)
RATELIMIT_IP_META_KEY = "meldpunt.reports.throttle.client_address"
RATELIMIT_VIEW = "meldpunt.reports.views.too_many_requests"
MELDPUNT_ACCESS_LOG_DAYS = env_int("MELDPUNT_ACCESS_LOG_DAYS", 2 * 365, minimum=30)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# An extra theme on top of Meldpunt's own: a stylesheet (a static path such as
# "theme/rijkshuisstijl.css") and the class it sets its tokens on, e.g. the
# Rijkshuisstijl community theme fetched at build time (docs/theme.md). Files
# in MELDPUNT_THEME_DIR are served under static/theme/.
MELDPUNT_THEME_CSS = env_str("MELDPUNT_THEME_CSS", "")
MELDPUNT_THEME_CLASS = env_str("MELDPUNT_THEME_CLASS", "")
MELDPUNT_THEME_DIR = Path(env_str("MELDPUNT_THEME_DIR", DATA_DIR / "theme"))
STATICFILES_DIRS: list[object] = [PACKAGE_DIR / "static"]
if MELDPUNT_THEME_DIR.is_dir():
    STATICFILES_DIRS.append(("theme", MELDPUNT_THEME_DIR))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "evidence"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# A session ends after this long without a request (renewed on each one) ...
SESSION_COOKIE_AGE = env_int("MELDPUNT_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
# ... and in any case this long after logging in.
MELDPUNT_SESSION_MAX_SECONDS = env_int(
    "MELDPUNT_SESSION_SECONDS", 8 * 60 * 60, minimum=60
)
CSRF_FAILURE_VIEW = "meldpunt.web.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Only our own files may run, style or load; nothing inline, no frames, no
# plugins. A page that needs more says so here, never with 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Meldpunt uses none of these browser features; no page may ask for them.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
    )
}

# Real mail by default; a dossier holds personal data, so it never goes to a
# console or log. Local installations write mail to files instead.
EMAIL_BACKEND = env_str(
    "MELDPUNT_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("MELDPUNT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("MELDPUNT_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("MELDPUNT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("MELDPUNT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_str("MELDPUNT_EMAIL_TLS", "false").lower() in {"1", "true", "yes"}
DEFAULT_FROM_EMAIL = env_str("MELDPUNT_FROM_EMAIL", "meldpunt@localhost")

# Empty: the security mailbox named in the procedure definition.
MELDPUNT_SECURITY_MAILBOX = env_str("MELDPUNT_SECURITY_MAILBOX", "")
MELDPUNT_PROCEDURE = env_str("MELDPUNT_PROCEDURE", "")
MELDPUNT_ORGANISATION_FILE = env_str("MELDPUNT_ORGANISATION_FILE", "")
MELDPUNT_CISO_EMERGENCY_PHONE = env_str("MELDPUNT_CISO_EMERGENCY_PHONE", "")
MELDPUNT_NO_REACTION_HOURS = env_int("MELDPUNT_NO_REACTION_HOURS", 8, minimum=1)
MELDPUNT_REFERENCE_PREFIX = env_str("MELDPUNT_REFERENCE_PREFIX", "MP")
MELDPUNT_MAX_REPORT_CHARS = env_int("MELDPUNT_MAX_REPORT_CHARS", 20_000, minimum=100)
MELDPUNT_MAX_ATTACHMENT_BYTES = env_int(
    "MELDPUNT_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024, minimum=1024
)
MELDPUNT_MAX_ATTACHMENTS = env_int("MELDPUNT_MAX_ATTACHMENTS", 5, minimum=1)
MELDPUNT_REFUSED_EXTENSIONS = env_list(
    "MELDPUNT_REFUSED_EXTENSIONS",
    [".exe", ".bat", ".cmd", ".com", ".scr", ".js", ".vbs", ".ps1", ".msi", ".jar"],
)
MELDPUNT_REFUSED_TYPES = env_list(
    "MELDPUNT_REFUSED_TYPES",
    [
        "application/x-msdownload",
        "application/x-executable",
        "application/x-mach-binary",
    ],
)
MELDPUNT_IMPORT_MAX_BYTES = env_int(
    "MELDPUNT_IMPORT_MAX_BYTES", 100 * 1024 * 1024, minimum=1024
)
MELDPUNT_IMPORT_MAX_UNPACKED_BYTES = env_int(
    "MELDPUNT_IMPORT_MAX_UNPACKED_BYTES", 1024 * 1024 * 1024, minimum=1024
)
MELDPUNT_IMPORT_INLINE_MAX = env_int("MELDPUNT_IMPORT_INLINE_MAX", 2000, minimum=1)
# A larger upload is read, and imported, by the worker instead of inside the
# web request: reading a large export takes seconds and hundreds of MB.
MELDPUNT_IMPORT_READ_INLINE_BYTES = env_int(
    "MELDPUNT_IMPORT_READ_INLINE_BYTES", 5 * 1024 * 1024, minimum=0
)
# An upload waiting for its preview to be confirmed, or whose import failed,
# is deleted after this many hours (checked with retention, every six hours).
MELDPUNT_IMPORT_UNCONFIRMED_HOURS = env_int(
    "MELDPUNT_IMPORT_UNCONFIRMED_HOURS", 24, minimum=1
)
MELDPUNT_BASE_URL = env_str("MELDPUNT_BASE_URL", "http://127.0.0.1:8000")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "events": {
            "()": "meldpunt.logs.EventFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "events"}},
    "root": {"handlers": ["console"], "level": env_str("MELDPUNT_LOG_LEVEL", "INFO")},
    "loggers": {
        # The request logger writes the full path and may include form data
        # in tracebacks; keep only the event line.
        "django.request": {"level": "ERROR", "propagate": True},
        # WeasyPrint reports every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # extract-msg reports every missing stream of an Outlook file at
        # INFO; its warnings still come through.
        "extract_msg": {"level": "WARNING"},
        "tzlocal": {"level": "INFO"},
    },
}


# The cache holds rate-limit counters. Several processes must share one:
# set MELDPUNT_CACHE_URL=redis://host:6379/0 in production.
_CACHE_URL = env_str("MELDPUNT_CACHE_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
        }
        if _CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# The Dutch Cyberbeveiligingswet (NIS2): show its clocks beside the GDPR clock.
MELDPUNT_NIS2 = env_bool("MELDPUNT_NIS2", False)
# Reminders go out this many hours before each deadline.
MELDPUNT_REMINDER_HOURS = env_number_list("MELDPUNT_REMINDER_HOURS", [48, 24, 6])
# English pages keep the Dutch reading of dates: 3 December 2026, 14:05.
FORMAT_MODULE_PATH = ["meldpunt.formats"]
# `meldpunt demo --code USERNAME` prints a demo account's current code: only
# the local settings switch it on.
MELDPUNT_DEMO_CODES = False
