"""The wizard's use cases: upload a file, check it (dry run), confirm, cancel, import.

Uploads are kept in a folder of their own inside the upload folder
(``operations/services/uploads.py``), whose sweep leaves folders alone; a file goes as soon
as its job is imported, fails or is cancelled, and :func:`sweep_abandoned` removes those
of wizards left half-way. The import itself runs in the task worker (``imports/tasks.py``)
and calls the services the commands call, with the same parameters.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.addresses.services.register import ImportProgress
from kooperacja.core.errors import UserError
from kooperacja.imports.models import ColumnMapping, ImportJob, Kind
from kooperacja.imports.services.detect import detect
from kooperacja.imports.services.dryrun import (
    BoundaryMapping,
    PopulationMapping,
    ResourceMapping,
    StatisticsMapping,
    aggregate_check,
    boundary_difference,
    population_check,
    register_difference,
    resource_check,
    statistics_check,
    statistics_report,
    terc_difference,
)
from kooperacja.indicators.services.aggregates import AggregateParameters
from kooperacja.messages import user_message
from kooperacja.operations.services.uploads import upload_dir
from kooperacja.records.models import Institution
from kooperacja.records.services.audit import record_event

INTERRUPTED = _("The import was interrupted (the background worker stopped or failed); "
                "nothing was changed. Send the file again.")
# A wizard left without a confirmation this long loses its file.
ABANDONED = dt.timedelta(hours=6)
# Commands for the kinds the wizard does not import yet.
COMMAND_LINE_ONLY = (
    (_("indicator definitions"), "kooperacja load-indicators FILE.toml"),
)


def wizard_dir() -> Path:
    """The wizard's uploads, apart from the extracts' (made when the first file comes)."""
    return upload_dir() / "wizard"


def _forget_file(job: ImportJob) -> None:
    if job.upload_path:
        Path(job.upload_path).unlink(missing_ok=True)
        job.upload_path = ""


def _fail(job: ImportJob, error: UserError, user: Any) -> ImportJob:
    """Record ``error`` on ``job``, delete its file at once, audit."""
    _forget_file(job)
    job.status, job.error, job.finished_at = (ImportJob.Status.FAILED,
                                              user_message(error.without_path()), timezone.now())
    job.save()
    record_event(user, "import_failed", job, {"kind": job.kind})
    return job


def start_job(kind: str, file: UploadedFile[bytes], user: Any,
              institution: Institution | None = None) -> ImportJob:
    """Keep ``file`` under a random name and say what it is; a file the readers cannot
    open fails the job (and is deleted) at once."""
    wizard_dir().mkdir(mode=0o700, exist_ok=True)
    target = wizard_dir() / f"{uuid.uuid4().hex}{Path(file.name or '').suffix.lower()}"
    with target.open("wb") as out:
        for piece in file.chunks():
            out.write(piece)
    job = ImportJob.objects.create(kind=kind, institution=institution, created_by=user,
                                   file_name=(file.name or "")[:255], upload_path=str(target))
    record_event(user, "import_upload", job, {"kind": kind})
    try:
        job.detected = detect(target, kind).as_json()
    except UserError as error:
        return _fail(job, error, user)
    job.save(update_fields=["detected"])
    return job


def saved_mapping(kind: str, institution: Institution | None) -> dict[str, Any]:
    """The columns chosen last time for ``kind`` and ``institution`` (empty: none yet)."""
    found = ColumnMapping.objects.filter(kind=kind, institution=institution).first()
    return dict(found.mapping) if found else {}


def save_mapping(kind: str, institution: Institution | None, mapping: dict[str, Any]) -> None:
    ColumnMapping.objects.update_or_create(kind=kind, institution=institution,
                                           defaults={"mapping": mapping})


def aggregate_parameters(job: ImportJob, mapping: dict[str, Any]) -> AggregateParameters:
    """The parameters of ``import_aggregates``, checked as the command checks them."""
    return AggregateParameters.check(
        mapping["unit_field"], mapping["period"], mapping["code_list"],
        [f"{column}:{code}" for column, code in mapping["values"]],
        job.institution.code if job.institution else None, mapping.get("level") or None)


def check_job(job: ImportJob, mapping: dict[str, Any], user: Any) -> ImportJob:
    """The dry run: save the mapping (offered next time), compute what the import would
    change, store nothing else. A file that fails the check is deleted at once. The
    register, read whole, is checked by the task worker (:func:`run_check`)."""
    save_mapping(job.kind, job.institution, {k: v for k, v in mapping.items()
                                             if k not in ("period", "valid_from", "year")})
    job.mapping = mapping
    if job.kind == Kind.ADDRESSES:
        from kooperacja.imports.tasks import check_register

        job.status = ImportJob.Status.CHECKING
        job.save(update_fields=["mapping", "status"])
        transaction.on_commit(lambda: check_register.enqueue(job.pk))
        return job
    return run_check(job, user)


def _owner(job: ImportJob) -> str | None:
    """The institution a resource file's entries belong to (the command's ``--owner``)."""
    return job.institution.code if job.institution else None


def run_check(job: ImportJob, user: Any) -> ImportJob:
    """Compute ``job``'s dry run from its mapping and keep it on the job."""
    path, mapping = Path(job.upload_path), job.mapping
    try:
        if job.kind == Kind.BOUNDARIES:
            result = boundary_difference(path, BoundaryMapping.of(mapping))
        elif job.kind == Kind.AGGREGATES:
            result = aggregate_check(path, aggregate_parameters(job, mapping),
                                     job.detected.get("encoding"))
        elif job.kind == Kind.TERC:
            result = terc_difference(path)
        elif job.kind == Kind.POPULATION:
            result = population_check(path, PopulationMapping.of(mapping),
                                      job.detected.get("encoding"))
        elif job.kind == Kind.STATISTICS:
            result = statistics_check(path, StatisticsMapping.of(mapping),
                                      job.detected.get("encoding"))
        elif job.kind == Kind.RESOURCES:
            result = resource_check(path, ResourceMapping.of(mapping), _owner(job),
                                    job.file_name)
        else:
            result = register_difference(path, mapping.get("crs") or None)
    except UserError as error:
        return _fail(job, error, user)
    job.dry_run, job.status = result, ImportJob.Status.CHECKED
    if result.get("errors"):
        # Not importable as it is: the report stays, the file goes at once.
        _forget_file(job)
        job.status, job.finished_at = ImportJob.Status.FAILED, timezone.now()
    job.save()
    record_event(user, "import_check", job, {"kind": job.kind,
                                             "errors": len(result.get("errors", []))})
    return job


def confirm_job(job: ImportJob, allow_retire: bool, user: Any) -> ImportJob:
    """Queue the import of a checked job; the worker runs :func:`run_job`."""
    from kooperacja.imports.tasks import run_import

    job.allow_retire, job.status = allow_retire, ImportJob.Status.QUEUED
    job.save(update_fields=["allow_retire", "status"])
    record_event(user, "import_confirm", job, {"kind": job.kind, "allow_retire": allow_retire})
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


def cancel_job(job: ImportJob, user: Any) -> ImportJob:
    """Stop a wizard before its import: the file goes at once."""
    _forget_file(job)
    job.status, job.finished_at = ImportJob.Status.CANCELLED, timezone.now()
    job.save()
    record_event(user, "import_cancel", job, {"kind": job.kind})
    return job


# The register's progress is written at most this often (seconds).
PROGRESS_EVERY = 1.0


def _progress_of(job: ImportJob) -> Callable[[ImportProgress], None]:
    """Keep the register import's stage and points found on the job for its page."""
    last = [0.0]

    def report(progress: ImportProgress) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            ImportJob.objects.filter(pk=job.pk).update(report={
                "stage": progress.stage, "points": progress.points})

    return report


def run_job(job: ImportJob) -> ImportJob:
    """Import a confirmed job with the commands' services; the file is deleted whatever
    the outcome, the report kept on the job."""
    from kooperacja.addresses.services.register import import_addresses
    from kooperacja.indicators.services.aggregates import import_aggregates
    from kooperacja.indicators.services.statistics import import_statistics
    from kooperacja.resources.services.importing import import_resources
    from kooperacja.territory.services.boundaries import import_units
    from kooperacja.territory.services.population import import_population
    from kooperacja.territory.services.teryt import import_teryt

    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    path, mapping, user = Path(job.upload_path), job.mapping, job.created_by
    try:
        if job.kind == Kind.BOUNDARIES:
            fields = BoundaryMapping.of(mapping)
            units = import_units(path, fields.level, fields.code_field, fields.name_field,
                                 **fields.options(), allow_retire=job.allow_retire)
            report: dict[str, Any] = {"level": units.level.code, "units": units.units,
                                      "generation": units.generation.pk,
                                      "created": units.created}
        elif job.kind == Kind.AGGREGATES:
            source = import_aggregates(path, aggregate_parameters(job, mapping),
                                       job.detected.get("encoding"))
            report = {"units": source.rows, "period": source.period, "source": source.pk}
        elif job.kind == Kind.TERC:
            terc = import_teryt(path)
            report = {"entries": terc.entries, "valid_on": terc.valid_on,
                      "units_named": terc.units_named}
        elif job.kind == Kind.POPULATION:
            figures = import_population(path, **PopulationMapping.of(mapping).options(
                job.detected.get("encoding")))
            report = {"figures": figures.figures, "units": figures.units,
                      "years": ", ".join(map(str, figures.years))}
        elif job.kind == Kind.STATISTICS:
            report = statistics_report(import_statistics(
                path, **StatisticsMapping.of(mapping).options(job.detected.get("encoding"))))
        elif job.kind == Kind.RESOURCES:
            placed = import_resources(path, **ResourceMapping.of(mapping).options(
                _owner(job), job.file_name))
            report = {"rows": placed.rows, "resources_added": placed.created,
                      "resources_updated": placed.updated,
                      "resources_unchanged": placed.unchanged,
                      "rows_left_out": len(placed.rejected)}
        else:
            result = import_addresses(path, None, mapping.get("crs") or None,
                                      _progress_of(job), allow_retire=job.allow_retire)
            done = result.register_import
            report = {"added": done.new, "changed": done.changed, "retired": done.retired,
                      "unchanged": done.unchanged}
    except UserError as error:
        return _fail(job, error, user)
    except Exception:
        _forget_file(job)
        job.status, job.error, job.finished_at = (ImportJob.Status.FAILED, "",
                                                  timezone.now())
        job.save()
        raise
    _forget_file(job)
    job.status, job.report, job.finished_at = ImportJob.Status.DONE, report, timezone.now()
    job.save()
    record_event(user, "import", job, {"kind": job.kind, **report})
    return job


# The wizard's tasks (imports/tasks.py): a job whose task failed (its worker died, or an
# error no user can act on) fails too.
TASKS = ("kooperacja.imports.tasks.run_import", "kooperacja.imports.tasks.check_register")
WAITING = (ImportJob.Status.CHECKING, ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)


def fail_interrupted(now: dt.datetime | None = None) -> int:
    """Fail the jobs whose task failed (``operations`` marks a dead worker's tasks failed)
    and delete their files; return how many."""
    from django_tasks_db.models import DBTaskResult

    ids = [task.args_kwargs.get("args", [None])[0] for task in
           DBTaskResult.objects.filter(status="FAILED", task_path__in=TASKS)]
    failed = 0
    for job in ImportJob.objects.filter(pk__in=[i for i in ids if i], status__in=WAITING):
        _forget_file(job)
        job.status, job.error = ImportJob.Status.FAILED, str(INTERRUPTED)
        job.finished_at = now or timezone.now()
        job.save()
        failed += 1
    return failed


def sweep_abandoned(now: dt.datetime | None = None) -> int:
    """Fail the interrupted jobs, cancel wizards left unconfirmed for :data:`ABANDONED`,
    and delete their files and any file of the wizard's folder no job waits for; return
    how many jobs and files went."""
    now = now or timezone.now()
    gone = fail_interrupted(now)
    for job in ImportJob.objects.filter(status__in=(ImportJob.Status.UPLOADED,
                                                   ImportJob.Status.CHECKED),
                                        created_at__lt=now - ABANDONED):
        gone += bool(job.upload_path)
        _forget_file(job)
        job.status, job.finished_at = ImportJob.Status.CANCELLED, now
        job.save()
    waiting = set(ImportJob.objects.exclude(upload_path="").values_list("upload_path", flat=True))
    folder = wizard_dir()
    for path in folder.iterdir() if folder.is_dir() else ():
        if str(path) not in waiting and path.is_file() \
                and now.timestamp() - path.stat().st_mtime > ABANDONED.total_seconds():
            path.unlink(missing_ok=True)
            gone += 1
    return gone
