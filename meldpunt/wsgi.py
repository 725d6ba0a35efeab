# SPDX-License-Identifier: EUPL-1.2
"""WSGI entry point for gunicorn: ``gunicorn meldpunt.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meldpunt.settings.local")
application = get_wsgi_application()
