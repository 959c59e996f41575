"""E-mail notices to team members: the meetings coming within some days and their tasks
that are overdue or due within those days."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kooperacja.cooperation.models import Meeting, Task, TeamMember


@dataclass
class Notice:
    """What one address is told."""

    email: str
    meetings: list[Meeting] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def notices(days: int = 7, now: datetime.datetime | None = None) -> list[Notice]:
    """Per e-mail address of a member of an active team: the team's meetings within
    ``days`` and the member's open tasks due before ``days`` from today (overdue ones
    included)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    meetings = (Meeting.objects.filter(team__archived=False, starts_at__gte=now,
                                       starts_at__lte=now + datetime.timedelta(days=days))
                .select_related("team").order_by("starts_at"))
    by_team: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_team[meeting.team_id].append(meeting)
    tasks = (Task.objects.filter(team__archived=False, status=Task.Status.OPEN,
                                 owner__isnull=False,
                                 deadline__lte=today + datetime.timedelta(days=days))
             .select_related("team").order_by("deadline", "pk"))
    by_owner: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        assert task.owner_id is not None
        by_owner[task.owner_id].append(task)
    found: dict[str, Notice] = {}
    members = TeamMember.objects.filter(team__archived=False).select_related("user", "team")
    for member in members.order_by("pk"):
        email = member.address
        if not email or (member.user is not None and not member.user.is_active):
            continue
        notice = found.setdefault(email.lower(), Notice(email))
        notice.meetings += [m for m in by_team.get(member.team_id, []) if m not in notice.meetings]
        notice.tasks += by_owner.get(member.pk, [])
    return [n for n in found.values() if n.meetings or n.tasks]


def notice_text(notice: Notice, today: datetime.date) -> str:
    lines = []
    if notice.meetings:
        lines.append(_("Meetings:"))
        for meeting in notice.meetings:
            when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
            where = f", {meeting.place}" if meeting.place else ""
            lines.append(f"- {meeting.team.name}: {when}{where}")
    if notice.tasks:
        lines.append(_("Your tasks:"))
        for task in notice.tasks:
            assert task.deadline is not None
            late = _(" (overdue)") if task.deadline < today else ""
            lines.append(f"- {task.team.name}: {task.title}, "
                         f"{_('deadline')} {task.deadline.isoformat()}{late}")
    return "\n".join(lines)


def send_notice(notice: Notice, today: datetime.date | None = None) -> int:
    """E-mail one notice through Django's configured backend; the number of messages sent."""
    today = today or timezone.localdate()
    return send_mail(_("Cooperation: meetings and deadlines"), notice_text(notice, today),
                     None, [notice.email])
