"""The wizard's imports, run by the task worker (`kooperacja db_worker`, started by
`kooperacja serve`), as the uploads of extracts are."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from kooperacja.imports.models import ImportJob


@task()
def run_import(job_id: int) -> str:
    """Import a confirmed job; its file is deleted whatever the outcome."""
    from kooperacja.imports.services.jobs import run_job, sweep_abandoned

    job = ImportJob.objects.select_related("institution", "created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.QUEUED:
        if job is not None and job.upload_path:
            Path(job.upload_path).unlink(missing_ok=True)
        return job.status if job else "missing"
    try:
        return run_job(job).status
    finally:
        sweep_abandoned()


@task()
def check_register(job_id: int) -> str:
    """The register's dry run (the whole file read), for the wizard's page to show."""
    from kooperacja.imports.services.jobs import run_check

    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.CHECKING:
        return job.status if job else "missing"
    return run_check(job, job.created_by).status
