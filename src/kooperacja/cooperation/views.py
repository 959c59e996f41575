"""The public partnership page, and the members' pages of the teams (/wspolpraca/)."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.cooperation.forms import AttendanceForm, DecisionForm, MeetingForm, TaskStatusForm
from kooperacja.cooperation.models import Agreement, ContactPerson, Meeting, Task, Team
from kooperacja.cooperation.services import access, partnership, teams
from kooperacja.cooperation.services.ical import team_calendar
from kooperacja.records.models import Institution


@policy.public
def partnership_page(request: HttpRequest) -> HttpResponse:
    """The partner institutions, the letters of intent and the public agreements."""
    return render(request, "cooperation/partnership.html", {
        "institutions": partnership.partner_institutions(),
        "agreements": partnership.public_agreements(),
    })


@policy.public
def scan(request: HttpRequest, agreement: int) -> HttpResponse:
    """An agreement's signed scan: anyone's when the agreement is public, else only its
    parties' members' and the register keepers'."""
    found = get_object_or_404(Agreement, pk=agreement)
    if not found.scan:
        raise Http404
    if not partnership.may_read_scan(request.user, found):
        raise PermissionDenied(_("This scan is not public."))
    return _file(found.scan)


def _file(field: object) -> FileResponse:
    name = PurePath(str(field)).name
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(field.open("rb"), content_type=kind,  # type: ignore[attr-defined]
                            as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@policy.signed_in
def register(request: HttpRequest) -> HttpResponse:
    """The whole register for the members: agreements, their parties, contact persons."""
    days = partnership.warning_days()
    agreements = Agreement.objects.prefetch_related("parties").order_by("kind", "-signed_on")
    today = timezone.localdate()
    return render(request, "cooperation/register.html", {
        "agreements": [(a, a.expires_within(days, today),
                        a.valid_until is not None and a.valid_until < today,
                        partnership.may_read_scan(request.user, a)) for a in agreements],
        "expiring": partnership.expiring(days),
        "days": days,
        "contacts": ContactPerson.objects.select_related("institution"),
        "institutions": Institution.objects.filter(contacts__isnull=False).distinct(),
    })


@policy.signed_in
def team_list(request: HttpRequest) -> HttpResponse:
    visible = access.visible_teams(request.user)
    mine = teams.open_tasks(request.user, visible, mine=True).filter(status=Task.Status.OPEN)
    return render(request, "cooperation/teams.html", {
        "teams": visible,
        "my_tasks": mine[:20],
        "expiring": partnership.expiring(),
        "days": partnership.warning_days(),
    })


@policy.signed_in
def task_list(request: HttpRequest) -> HttpResponse:
    mine = request.GET.get("moje") == "1"
    tasks = teams.open_tasks(request.user, access.visible_teams(request.user), mine=mine)
    return render(request, "cooperation/tasks.html", {
        "tasks": tasks, "mine": mine, "today": timezone.localdate()})


@policy.signed_in
def team_page(request: HttpRequest, team: str) -> HttpResponse:
    found = access.team_for(request.user, team)
    now = timezone.now()
    return render(request, "cooperation/team.html", {
        "team": found,
        "members": found.members.select_related("user", "institution"),
        "upcoming": teams.upcoming_meetings(found, now),
        "past": found.meetings.filter(starts_at__lt=now).order_by("-starts_at"),
        "tasks": found.tasks.select_related("owner", "owner__user").order_by("status", "deadline"),
        "may_manage": access.may_manage(request.user, found),
        "today": timezone.localdate(),
    })


@policy.signed_in
def founding_act(request: HttpRequest, team: str) -> HttpResponse:
    found = access.team_for(request.user, team)
    if not found.founding_act_file:
        raise Http404
    return _file(found.founding_act_file)


@policy.signed_in
def calendar(request: HttpRequest, team: str) -> HttpResponse:
    """The team's meetings and deadlines as an iCalendar file."""
    found = access.team_for(request.user, team)
    response = HttpResponse(team_calendar(found, request.get_host().split(":")[0]),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.code}.ics"'
    return response


def _meeting(team: Team, pk: int) -> Meeting:
    return get_object_or_404(team.meetings, pk=pk)


@policy.signed_in
def meeting_page(request: HttpRequest, team: str, meeting: int) -> HttpResponse:
    found = access.team_for(request.user, team)
    shown = _meeting(found, meeting)
    manages = access.may_manage(request.user, found)
    members = found.members.select_related("user", "institution")
    status = {a.member_id: a for a in shown.attendance.all()}
    return render(request, "cooperation/meeting.html", {
        "team": found, "meeting": shown, "may_manage": manages,
        "attendance": [(m, status.get(m.pk)) for m in members],
        "decisions": shown.decisions.prefetch_related("tasks", "tasks__owner",
                                                      "tasks__owner__user"),
        "decision_form": DecisionForm(members=members) if manages else None,
        "today": timezone.localdate(),
    })


@policy.signed_in
def meeting_edit(request: HttpRequest, team: str, meeting: int | None = None) -> HttpResponse:
    """A new meeting, or a meeting's agenda, minutes and attendance (chair, coordinator)."""
    found = access.team_for(request.user, team, manage=True)
    shown = _meeting(found, meeting) if meeting is not None else None
    members = list(found.members.select_related("user"))
    current = {a.member_id: a.status for a in shown.attendance.all()} if shown else {}
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, instance=shown)
    presence = AttendanceForm(data, members=members, current=current) if shown else None
    if data is not None and form.is_valid() and (presence is None or presence.is_valid()):
        saved = teams.save_meeting(request.user, found, form.cleaned_data, shown)
        if presence is not None:
            teams.record_attendance(request.user, saved, presence.statuses())
        messages.success(request, _("The meeting has been saved."))
        return redirect("cooperation:meeting", team=found.code, meeting=saved.pk)
    return render(request, "cooperation/meeting_form.html", {
        "team": found, "meeting": shown, "form": form, "presence": presence})


@policy.signed_in
def decision_add(request: HttpRequest, team: str, meeting: int) -> HttpResponse:
    found = access.team_for(request.user, team, manage=True)
    shown = _meeting(found, meeting)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DecisionForm(request.POST, members=found.members.all())
    if form.is_valid():
        data = form.cleaned_data
        teams.add_decision(request.user, shown, data["text"], data["task"], data["owner"],
                           data["deadline"])
        messages.success(request, _("The decision has been recorded."))
    else:
        messages.error(request, _("The decision was not recorded: write its text."))
    return redirect("cooperation:meeting", team=found.code, meeting=shown.pk)


@policy.signed_in
def task_status(request: HttpRequest, team: str, task: int) -> HttpResponse:
    """Mark a task done, cancelled or open again: its owner, the chair or coordinator."""
    found = access.team_for(request.user, team)
    changed = get_object_or_404(found.tasks.select_related("owner"), pk=task)
    if not teams.may_set_status(request.user, changed, access.may_manage(request.user, found)):
        raise PermissionDenied(_("Only the task's owner, the chair or the coordinator may "
                                 "change it."))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = TaskStatusForm(request.POST)
    if form.is_valid() and teams.set_task_status(request.user, changed,
                                                 form.cleaned_data["status"]):
        messages.success(request, _("The task's status has been changed."))
    back = request.POST.get("next", "")
    if back.startswith("/wspolpraca/") and "//" not in back:
        return redirect(back)
    return redirect("cooperation:team", team=found.code)
