# SPDX-License-Identifier: EUPL-1.2
"""Refuse to start with a procedure or organisation file that does not load."""

from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from meldpunt.core.procedure import DefinitionError


@register()
def check_procedure_files(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from meldpunt.organisation import organisation

    from .definitions import active_definition, active_definition_path

    errors: list[CheckMessage] = []
    try:
        active_definition()
    except DefinitionError as error:
        problems = "; ".join(str(p) for p in error.problems[:5])
        errors.append(
            Error(
                f"The procedure definition {active_definition_path()} is refused: "
                f"{problems}",
                hint="Run `meldpunt procedure check FILE` for every problem.",
                id="meldpunt.E001",
            )
        )
    except OSError as error:
        errors.append(
            Error(
                f"The procedure definition cannot be read: {error}",
                hint="Check MELDPUNT_PROCEDURE.",
                id="meldpunt.E002",
            )
        )
    try:
        organisation()
    except ImproperlyConfigured as error:
        errors.append(
            Error(
                str(error), hint="Check MELDPUNT_ORGANISATION_FILE.", id="meldpunt.E003"
            )
        )
    return errors
