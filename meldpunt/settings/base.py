# SPDX-License-Identifier: EUPL-1.2
"""Settings shared by every environment; the environment modules adjust them."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from meldpunt.config import (
    env_bool,
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
    "meldpunt.accounts",
    "meldpunt.imports",
    "meldpunt.incidents",
    "meldpunt.jobs",
    "meldpunt.logbook",
    "meldpunt.reports",
    "meldpunt.guidance",
    "meldpunt.assessments",
    "meldpunt.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
SESSION_COOKIE_AGE = env_int("MELDPUNT_SESSION_SECONDS", 8 * 60 * 60, minimum=60)
CSRF_FAILURE_VIEW = "meldpunt.web.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env_str(
    "MELDPUNT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
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
    },
}

# Public forms: at most this many accepted reports per sender per window.
MELDPUNT_RATE_LIMIT = env_int("MELDPUNT_RATE_LIMIT", 20, minimum=1)
MELDPUNT_RATE_WINDOW_SECONDS = env_int("MELDPUNT_RATE_WINDOW_SECONDS", 600, minimum=1)

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
# How many reverse proxies stand in front (they add X-Forwarded-For); 0: none.
MELDPUNT_PROXY_HOPS = env_int("MELDPUNT_PROXY_HOPS", 0)
# English pages keep the Dutch reading of dates: 3 December 2026, 14:05.
FORMAT_MODULE_PATH = ["meldpunt.formats"]
