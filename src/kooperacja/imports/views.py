"""The import wizard's pages (docs/imports.md, "The import wizard"): choose the kind and
send the file; see what was detected and the first rows; map the columns; read the dry
run; confirm (the task worker imports) or cancel; follow the progress to the report."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kooperacja import policy
from kooperacja.imports.forms import MappingForm, StartForm
from kooperacja.imports.models import ImportJob, Kind
from kooperacja.imports.services import jobs
from kooperacja.operations.services.worker import worker_alive
from kooperacja.policy import Action
from kooperacja.records.models import Institution
from kooperacja.records.services.audit import record_event

# The action each kind needs: the installation's data for its administrator, partners'
# counts for those who send an institution's data or analyse its territory.
NEEDS = {Kind.BOUNDARIES: Action.CONFIGURE, Kind.ADDRESSES: Action.CONFIGURE,
         Kind.AGGREGATES: Action.IMPORT_AGGREGATES,
         # An institution's own directory entries, for those who keep them (as owner).
         Kind.RESOURCES: Action.EDIT_RESOURCE, Kind.POPULATION: Action.CONFIGURE,
         Kind.TERC: Action.CONFIGURE, Kind.STATISTICS: Action.CONFIGURE}
# The kinds whose file belongs to an institution, and the action that scopes it.
OWNED = {Kind.AGGREGATES: Action.IMPORT_AGGREGATES, Kind.RESOURCES: Action.EDIT_RESOURCE}


# The final report's lines, in this order (a job's report holds those of its kind).
REPORT_LABELS = {
    "level": _("level"), "units": _("units"), "generation": _("boundary generation"),
    "created": _("new generation"), "period": _("period"), "source": _("import number"),
    "added": _("points added"), "changed": _("points changed"), "retired": _("points retired"),
    "unchanged": _("points unchanged"), "rows": _("rows"),
    "resources_added": _("resources added"), "resources_updated": _("resources updated"),
    "resources_unchanged": _("resources unchanged"), "rows_left_out": _("rows left out"),
    "figures": _("population figures"), "years": _("years"),
    "entries": _("TERC entries"), "valid_on": _("register state on"),
    "units_named": _("units named"),
    "missing": _("values marked as no data (stored as missing)"),
    "not_held": _("rows of units this installation does not hold"),
    "parts": _("rows of a town or rural area of an urban-rural gmina"),
    "coarser": _("rows of coarser units, summed from their gminas"),
}


# The states the page follows until they change.
WAITING = jobs.WAITING


def report_lines(job: ImportJob) -> list[tuple[str, Any, Any]]:
    def shown(value: Any) -> Any:
        return (_("yes") if value else _("no")) if isinstance(value, bool) else value

    return [(key, label, shown(job.report[key])) for key, label in REPORT_LABELS.items()
            if key in job.report]


def allowed_kinds(user: Any) -> list[tuple[str, Any]]:
    return [(k.value, k.label) for k in Kind if policy.allows(user, NEEDS[k])]


def aggregate_institutions(user: Any,
                           action: Action = Action.IMPORT_AGGREGATES) -> QuerySet[Institution]:
    """The institutions whose files ``user`` may import (aggregates; with ``action``
    EDIT_RESOURCE, the resources they keep)."""
    return policy.scoped(Institution.objects.all(), user, action,
                         institution="pk", territory="territory__code")


def jobs_for(user: Any) -> QuerySet[ImportJob]:
    """A person's own wizards (the installation's administrator: everyone's)."""
    found = ImportJob.objects.select_related("institution")
    return found if policy.allows(user, Action.CONFIGURE) else found.filter(created_by=user)


def refuse(request: HttpRequest, kind: str, detail: dict[str, Any] | None = None) -> None:
    record_event(request.user, "import_refused", "import", {"kind": kind, **(detail or {})})
    raise PermissionDenied


@policy.requires(Action.IMPORT_AGGREGATES)
def index(request: HttpRequest) -> HttpResponse:
    jobs.sweep_abandoned()
    institutions = aggregate_institutions(request.user)
    form = StartForm(request.POST or None, request.FILES or None,
                     kinds=allowed_kinds(request.user), institutions=institutions)
    if request.method == "POST" and form.is_valid():
        kind, institution = form.cleaned_data["kind"], form.cleaned_data["institution"]
        if not policy.allows(request.user, NEEDS[Kind(kind)]):
            refuse(request, kind)
        if kind not in OWNED:
            institution = None
        elif not aggregate_institutions(request.user, OWNED[Kind(kind)]).filter(
                pk=institution.pk).exists():
            refuse(request, kind, {"institution": institution.pk})
        job = jobs.start_job(kind, form.cleaned_data["file"], request.user, institution)
        return redirect("imports:job", pk=job.pk)
    return render(request, "imports/index.html", {
        "form": form, "jobs": jobs_for(request.user)[:20],
        "command_line_only": jobs.COMMAND_LINE_ONLY,
    })


@policy.requires(Action.IMPORT_AGGREGATES)
def job(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(jobs_for(request.user), pk=pk)
    form = None
    if found.status in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKED):
        saved = found.mapping or jobs.saved_mapping(found.kind, found.institution)
        form = MappingForm(request.POST or None, job=found, saved=saved)
        if request.method == "POST" and form.is_valid():
            jobs.check_job(found, form.mapping(), request.user)
            return redirect("imports:job", pk=found.pk)
    elif found.finished:
        record_event(request.user, "view", found)
    return render(request, "imports/job.html", {
        "job": found, "form": form, "dry_run": found.dry_run, "detected": found.detected,
        "guard": found.dry_run.get("guard", {}), "report": report_lines(found),
        "worker_alive": found.finished or worker_alive(),
    })


@policy.requires(Action.IMPORT_AGGREGATES)
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(jobs_for(request.user), pk=pk)
    if found.status != ImportJob.Status.CHECKED or found.dry_run.get("errors"):
        return redirect("imports:job", pk=found.pk)
    guard = found.dry_run.get("guard", {})
    allow = request.POST.get("allow_retire") == "on"
    if guard.get("needs_confirmation") and not allow:
        return render(request, "imports/job.html", {
            "job": found, "form": None, "dry_run": found.dry_run, "detected": found.detected,
            "guard": guard, "worker_alive": worker_alive(), "needs_tick": True,
        }, status=400)
    jobs.confirm_job(found, allow and bool(guard.get("needs_confirmation")), request.user)
    return redirect("imports:job", pk=found.pk)


@policy.requires(Action.IMPORT_AGGREGATES)
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(jobs_for(request.user), pk=pk)
    if found.status in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKED):
        jobs.cancel_job(found, request.user)
    return redirect("imports:index")


@policy.requires(Action.IMPORT_AGGREGATES)
def progress(request: HttpRequest, pk: int) -> JsonResponse:
    found = get_object_or_404(jobs_for(request.user), pk=pk)
    return JsonResponse({"status": found.status, "finished": found.status not in WAITING,
                         "rows_read": found.report.get("points", 0)})
