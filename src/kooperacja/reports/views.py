"""The reports' pages: the team's (generate, preview, write the narrative, accept, publish,
regenerate) and the public list of published reports with their files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.indicators.services.published import current_version
from kooperacja.policy import Action
from kooperacja.records.services.audit import record_event
from kooperacja.reports import saved, snapshot
from kooperacja.reports.forms import GenerateForm, NarrativeForm
from kooperacja.reports.models import SavedReport, name_territories
from kooperacja.reports.services.render import FORMATS

FORMAT_NAMES = {"docx": "DOCX (Word, LibreOffice)", "pdf": "PDF", "html": "HTML"}


def team_reports(user: Any, action: Action = Action.DRAFT_REPORT) -> QuerySet[SavedReport]:
    return policy.scoped(SavedReport.objects.all(), user, action, territory="territory")


def _team_report(
    request: HttpRequest, pk: int, action: Action = Action.DRAFT_REPORT
) -> SavedReport:
    return policy.one_in_scope(team_reports(request.user, action), request.user, pk=pk)


def _formats() -> list[tuple[str, str]]:
    return [(f, FORMAT_NAMES.get(f, f.upper())) for f in FORMATS]


@policy.requires(Action.DRAFT_REPORT)
def index(request: HttpRequest) -> HttpResponse:
    """The team's reports and the form that generates one (for a territory of the team's
    only: another is refused, 403)."""
    if request.method == "POST":
        policy.check_territory(request.user, Action.DRAFT_REPORT, request.POST.get("territory"))
    form = GenerateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = SavedReport.objects.create(
            template=data["template"],
            territory=data["territory"],
            unit=data["territory"],
            period=data["period"],
            since=data["since"],
            audience=data["audience"],
            language=translation.get_language() or "pl",
            created_by=request.user,
        )
        if report.audience == SavedReport.Audience.ANALYST:  # values below the public threshold
            record_event(request.user, "view", report, {"generate": report.template})
        saved.queue(report)
        return redirect("reports:detail", pk=report.pk)
    # A draft generated again is replaced in the list by its new version (its page links
    # the earlier one); accepted and published reports stay listed.
    superseded = SavedReport.objects.filter(previous__isnull=False).values("previous")
    reports = name_territories(
        team_reports(request.user)
        .exclude(pk__in=superseded, status=SavedReport.Status.DRAFT)
        .defer("content")
        .select_related("created_by")[:50]
    )
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "reports": reports,
            "worker_alive": saved.worker_ready(),
            "has_territory": bool(form.fields["territory"].choices),
        },
    )


@policy.requires(Action.DRAFT_REPORT)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's progress, then its preview with the narrative per chapter."""
    report = saved.check_task(_team_report(request, pk))
    may_publish = policy.allows(request.user, Action.PUBLISH_REPORT, territory=report.territory)
    chapters: list[dict[str, Any]] = []
    if report.content:
        for chapter in report.content["chapters"]:
            key = chapter["key"]
            text = report.narrative.get(key, "")
            chapters.append(
                {
                    **chapter,
                    "narrative": text,
                    "paragraphs": [p for p in text.split("\n\n") if p.strip()],
                    "form": NarrativeForm(
                        initial={"chapter": key, "text": text}, auto_id=f"id_%s_{key}"
                    ),
                }
            )
    changes = None
    previous = report.previous
    if previous is not None and previous.content and report.content:
        changes = snapshot.changes(previous.content, report.content)
    stale = (
        report.state == SavedReport.State.DONE
        and report.data_version is not None
        and current_version() != report.data_version
    )
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "chapters": chapters,
            "changes": changes,
            "previous": previous,
            "newer": SavedReport.objects.filter(previous=report).only("pk").last(),
            "stale": stale,
            "may_publish": may_publish,
            "formats": _formats(),
            "worker_alive": report.finished or saved.worker_ready(),
            "sources": (report.content or {}).get("sources", []),
            "team_rows": report.recommendations,
            "form_rows": [*report.recommendations, *([["", "", ""]] * 3)],
            "parameters": (report.content or {}).get("parameters", {}),
        },
    )


@policy.requires(Action.DRAFT_REPORT)
def progress(request: HttpRequest, pk: int) -> JsonResponse:
    report = saved.check_task(_team_report(request, pk))
    return JsonResponse(
        {"state": report.state, "finished": report.finished, "label": report.get_state_display()}
    )


def _post_only(request: HttpRequest) -> HttpResponse | None:
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@policy.requires(Action.DRAFT_REPORT)
def narrative(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the text the team wrote for one chapter (while the report is a draft)."""
    report = _team_report(request, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    form = NarrativeForm(request.POST)
    keys = {c["key"] for c in (report.content or {}).get("chapters", [])}
    if not report.editable:
        messages.error(
            request, _("Only a draft's narrative can be changed; return the report to draft first.")
        )
    elif not form.is_valid() or form.cleaned_data["chapter"] not in keys:
        messages.error(
            request,
            _("The narrative was not saved: %(errors)s")
            % {
                "errors": " ".join(str(e) for errs in form.errors.values() for e in errs)
                or _("no such chapter")
            },
        )
    else:
        key = form.cleaned_data["chapter"]
        text = form.cleaned_data["text"].replace("\r\n", "\n").strip()
        report.narrative = (
            {**report.narrative, key: text}
            if text
            else {k: v for k, v in report.narrative.items() if k != key}
        )
        report.save(update_fields=["narrative", "updated_at"])
        messages.success(request, _("The narrative is saved."))
        return redirect(reverse("reports:detail", args=[report.pk]) + f"#chapter-{key}")
    return redirect("reports:detail", pk=report.pk)


RECOMMENDATIONS_MAX = 40


@policy.requires(Action.DRAFT_REPORT)
def recommendations(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the team's recommendations (text, indicators, units per row) of a draft."""
    report = _team_report(request, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    if not report.editable:
        messages.error(
            request, _("Only a draft's narrative can be changed; return the report to draft first.")
        )
        return redirect("reports:detail", pk=report.pk)
    texts = request.POST.getlist("text")
    indicators = request.POST.getlist("indicators")
    units = request.POST.getlist("units")
    rows = [
        [t.strip()[:2000], i.strip()[:500], u.strip()[:500]]
        for t, i, u in zip(texts, indicators, units, strict=False)
        if t.strip()
    ][:RECOMMENDATIONS_MAX]
    report.recommendations = rows
    report.save(update_fields=["recommendations", "updated_at"])
    messages.success(request, _("The recommendations are saved."))
    return redirect(reverse("reports:detail", args=[report.pk]) + "#recommendations")


@policy.requires(Action.PUBLISH_REPORT)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator accepts a draft, publishes an accepted report, or returns it to draft."""
    report = _team_report(request, pk, Action.PUBLISH_REPORT)
    if (refused := _post_only(request)) is not None:
        return refused
    decision = request.POST.get("decision")
    status = SavedReport.Status
    before, now = report.status, timezone.now()
    if report.state != SavedReport.State.DONE:
        messages.error(request, _("The report is not generated yet."))
    elif decision == "accept" and report.status == status.DRAFT:
        report.status, report.accepted_by, report.accepted_at = status.ACCEPTED, request.user, now
        messages.success(request, _("The report is accepted by the team."))
    elif decision == "publish" and report.status == status.ACCEPTED:
        if report.audience != SavedReport.Audience.PUBLIC:
            messages.error(
                request, _("A report for analysts cannot be published; generate it for the public.")
            )
        else:
            report.status, report.published_at = status.PUBLISHED, now
            messages.success(request, _("The report is published: anyone can download it."))
    elif decision == "draft" and report.status in (status.ACCEPTED, status.PUBLISHED):
        report.status, report.accepted_by, report.accepted_at = status.DRAFT, None, None
        report.published_at = None
        report.files.all().delete()
        messages.success(request, _("The report is a draft again."))
    else:
        messages.error(request, _("This step does not apply to the report now."))
    if report.status != before:
        report.save(
            update_fields=["status", "accepted_by", "accepted_at", "published_at", "updated_at"]
        )
        record_event(request.user, "admin_change", report, {"status": report.status})
        if report.status == status.PUBLISHED:
            saved.queue_files(report)
    return redirect("reports:detail", pk=report.pk)


@policy.requires(Action.DRAFT_REPORT)
def regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    """Generate the report again from today's data, keeping its narrative."""
    report = _team_report(request, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    new = saved.regenerate(report, request.user)
    if new.audience == SavedReport.Audience.ANALYST:
        record_event(request.user, "view", new, {"generate": new.template})
    return redirect("reports:detail", pk=new.pk)


def _file_response(report: SavedReport, fmt: str) -> HttpResponse:
    if fmt not in FORMATS or report.state != SavedReport.State.DONE:
        raise Http404
    response = HttpResponse(saved.file_of(report, fmt), content_type=saved.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{saved.file_name(report, fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@policy.requires(Action.DRAFT_REPORT)
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The team's copy in any status; a report for analysts is audited on each download."""
    report = _team_report(request, pk)
    response = _file_response(report, fmt)
    if report.audience == SavedReport.Audience.ANALYST:
        record_event(request.user, "export", report, {"format": fmt})
    return response


def _published() -> QuerySet[SavedReport]:
    return SavedReport.objects.filter(
        status=SavedReport.Status.PUBLISHED,
        audience=SavedReport.Audience.PUBLIC,
        state=SavedReport.State.DONE,
    )


@policy.public
def published(request: HttpRequest) -> HttpResponse:
    """The published reports, for anyone."""
    return render(
        request,
        "reports/published.html",
        {
            "reports": name_territories(
                _published().defer("content").order_by("-published_at")[:200]
            ),
            "formats": _formats(),
        },
    )


@policy.public
def published_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _file_response(get_object_or_404(_published(), pk=pk), fmt)
