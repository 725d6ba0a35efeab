# SPDX-License-Identifier: EUPL-1.2
"""The ``meldpunt`` command: Django's management commands plus ``serve``.

``meldpunt migrate``, ``meldpunt demo``, ``meldpunt procedure check FILE`` and
every other management command run as they would under ``manage.py``.
``meldpunt serve`` starts the production web server (gunicorn).
"""

import argparse
import os
import sys
from collections.abc import Sequence

DEFAULT_SETTINGS = "meldpunt.settings.local"


def serve(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="meldpunt serve", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    args = parser.parse_args(argv)

    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "meldpunt.wsgi",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
        # The access log line holds the path; our paths carry no personal
        # data. No client address or user agent: they could name a reporter.
        "--access-logformat",
        '"%(m)s %(U)s" %(s)s %(M)sms',
    ]
    # Replace this process with gunicorn: our own argument list, no shell.
    os.execv(sys.executable, command)  # noqa: S606  # nosec B606
    return 0  # pragma: no cover - execv does not return


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)

    import django

    django.setup()
    if argv[:1] == ["serve"]:
        return serve(argv[1:])

    from django.core.management import execute_from_command_line

    execute_from_command_line(["meldpunt", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
