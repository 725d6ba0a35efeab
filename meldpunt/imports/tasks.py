# SPDX-License-Identifier: EUPL-1.2
"""Background jobs of the import, found by the job runner."""

from meldpunt.jobs.runner import job

from . import services


@job(services.JOB_NAME)
def run_import(*, import_id: int) -> None:
    services.run_import(import_id=import_id)


@job(services.READ_JOB_NAME)
def read_upload(*, import_id: int) -> None:
    services.read_upload(import_id=import_id)
