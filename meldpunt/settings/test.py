# SPDX-License-Identifier: EUPL-1.2
"""Settings for the test suite: SQLite by default, PostgreSQL via DATABASE_URL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
MELDPUNT_EVIDENCE_KEYS = ["3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]
MELDPUNT_BACKUP_KEY = "YmFja3VwLWtleS1mb3ItdGhlLXRlc3Qtc3VpdGUtMDA="
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DEBUG = False
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests post many reports from one address; the flood test sets its own rate.
MELDPUNT_REPORT_RATE = "10000/m"
MELDPUNT_SLOW_HASH_PARAMETERS = {"time_cost": 1, "memory_cost": 1024}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_TMP = Path(tempfile.mkdtemp(prefix="meldpunt-test-"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": _TMP / "evidence"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: concurrency tests use several connections at once.
    DATABASES["default"]["TEST"] = {"NAME": str(_TMP / "test.sqlite3")}
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir()
MELDPUNT_DEMO_CODES = True
