"""Changes to a team's records, each one audited (``record_event``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from kooperacja.cooperation.models import Attendance, Decision, Meeting, Task, Team, TeamMember
from kooperacja.records.services.audit import record_event

MEETING_FIELDS = ("starts_at", "ends_at", "place", "agenda", "minutes")


def _changed(obj: Any, values: dict[str, Any]) -> list[str]:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


@transaction.atomic
def save_meeting(user: Any, team: Team, values: dict[str, Any],
                 meeting: Meeting | None = None) -> Meeting:
    """Create or change a meeting of ``team`` (fields of :data:`MEETING_FIELDS`)."""
    values = {k: v for k, v in values.items() if k in MEETING_FIELDS}
    if meeting is None:
        meeting = Meeting.objects.create(team=team, **values)
        record_event(user, "create", meeting, {"team": team.code})
        return meeting
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)  # as stored, not as
    changed = _changed(meeting, values)  # a model form may have left it
    if changed:
        meeting.save(update_fields=changed)
        record_event(user, "change", meeting, {"team": team.code, "fields": sorted(changed)})
    return meeting


@transaction.atomic
def record_attendance(user: Any, meeting: Meeting, statuses: dict[int, str]) -> int:
    """Set each member's attendance (member id → status; "" clears it); the changes made."""
    members = set(meeting.team.members.values_list("pk", flat=True))
    existing = {a.member_id: a for a in meeting.attendance.all()}
    changes: dict[str, str] = {}
    for member, status in statuses.items():
        if member not in members:
            continue
        current = existing.get(member)
        if not status:
            if current is not None:
                current.delete()
                changes[str(member)] = ""
        elif current is None:
            Attendance.objects.create(meeting=meeting, member_id=member, status=status)
            changes[str(member)] = status
        elif current.status != status:
            current.status = status
            current.save(update_fields=["status"])
            changes[str(member)] = status
    if changes:
        record_event(user, "change", meeting, {"team": meeting.team.code, "attendance": changes})
    return len(changes)


@transaction.atomic
def add_decision(user: Any, meeting: Meeting, text: str, task: str = "",
                 owner: TeamMember | None = None,
                 deadline: datetime.date | None = None) -> Decision:
    """A decision of ``meeting`` and, when ``task`` is given, the task it gives someone."""
    decision = Decision.objects.create(meeting=meeting, text=text)
    record_event(user, "create", decision, {"team": meeting.team.code, "meeting": meeting.pk})
    if task:
        add_task(user, meeting.team, task, owner=owner, deadline=deadline, decision=decision)
    return decision


@transaction.atomic
def add_task(user: Any, team: Team, title: str, *, owner: TeamMember | None = None,
             deadline: datetime.date | None = None, decision: Decision | None = None) -> Task:
    created = Task.objects.create(team=team, title=title, owner=owner, deadline=deadline,
                                  decision=decision)
    record_event(user, "create", created, {"team": team.code,
                                           "owner": owner.pk if owner else None,
                                           "deadline": deadline})
    return created


@transaction.atomic
def set_task_status(user: Any, task: Task, status: str) -> bool:
    """Mark a task open, done or cancelled; whether it changed."""
    if status not in Task.Status.values or task.status == status:
        return False
    before, task.status = task.status, status
    task.save(update_fields=["status"])
    record_event(user, "change", task, {"team": task.team.code, "status": [before, status]})
    return True


def may_set_status(user: Any, task: Task, manages: bool) -> bool:
    """The task's owner, or whoever keeps the team."""
    return manages or (task.owner is not None and task.owner.user_id is not None
                       and task.owner.user_id == getattr(user, "pk", None))


@transaction.atomic
def archive_team(user: Any, team: Team) -> None:
    """What deleting a team does: hide it from lists, keep its history."""
    if not team.archived:
        team.archived = True
        team.save(update_fields=["archived"])
        record_event(user, "archive", team, {"code": team.code})


def open_tasks(user: Any, teams: QuerySet[Team], mine: bool = False) -> QuerySet[Task]:
    """The tasks of ``teams`` (open first, by deadline); with ``mine`` only the user's."""
    tasks = Task.objects.filter(team__in=teams).select_related("team", "owner", "owner__user")
    if mine:
        tasks = tasks.filter(owner__user=user)
    return tasks.order_by("status", "deadline", "pk")


def upcoming_meetings(team: Team, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    now = now or timezone.now()
    return team.meetings.filter(Q(starts_at__gte=now) | Q(ends_at__gte=now)).order_by("starts_at")
