# SPDX-License-Identifier: EUPL-1.2
"""Safe local defaults: loopback only, SQLite and keys in the data folder.

This is what every ``meldpunt`` command uses when nothing is configured, so a
newcomer needs no set-up. It is not for serving real incidents: use
``meldpunt.settings.production``.
"""

from meldpunt.config import env_bool, env_str
from meldpunt.keys import local_secret

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = env_bool("MELDPUNT_DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "") or local_secret(DATA_DIR, "secret-key")
MELDPUNT_EVIDENCE_KEYS = [
    env_str("MELDPUNT_EVIDENCE_KEY", "") or local_secret(DATA_DIR, "evidence-key")
]
MELDPUNT_BACKUP_KEY = env_str("MELDPUNT_BACKUP_KEY", "") or local_secret(
    DATA_DIR, "backup-key"
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
WHITENOISE_USE_FINDERS = True
# WhiteNoise serves from the finders here; it only needs the folder to exist.
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
MELDPUNT_DEMO_CODES = True
# Mail goes to files in the data folder, never to the console or its log.
EMAIL_BACKEND = env_str(
    "MELDPUNT_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
