"""A team's meetings and open tasks' deadlines as iCalendar (RFC 5545), written by hand:
CRLF line ends, lines folded at 75 octets, text escaped."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.cooperation.models import Task, Team

FOLD_AT = 75  # octets per line, the line break not counted (RFC 5545, 3.1)


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line cut into lines of at most 75 octets, never inside a character;
    every continuation starts with a space."""
    parts: list[str] = []
    current, size, limit = "", 0, FOLD_AT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, FOLD_AT - 1  # the leading space takes one octet
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def team_calendar(team: Team, host: str, now: datetime.datetime | None = None) -> str:
    """The ICS text of ``team``'s meetings and its open tasks' deadlines."""
    stamp = _utc(now or timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kooperacja//cooperation//PL",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(team.name)}"]
    for meeting in team.meetings.order_by("starts_at"):
        ends = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
        summary = _("Meeting: %(team)s") % {"team": team.name}
        lines += ["BEGIN:VEVENT", f"UID:meeting-{meeting.pk}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART:{_utc(meeting.starts_at)}", f"DTEND:{_utc(ends)}",
                  f"SUMMARY:{escape(summary)}"]
        if meeting.place:
            lines.append(f"LOCATION:{escape(meeting.place)}")
        if meeting.agenda:
            lines.append(f"DESCRIPTION:{escape(meeting.agenda)}")
        lines.append("END:VEVENT")
    tasks = team.tasks.filter(status=Task.Status.OPEN, deadline__isnull=False)
    for task in tasks.select_related("owner", "owner__user").order_by("deadline", "pk"):
        assert task.deadline is not None
        day = task.deadline.strftime("%Y%m%d")
        following = (task.deadline + datetime.timedelta(days=1)).strftime("%Y%m%d")
        summary = _("Deadline: %(task)s") % {"task": task.title}
        lines += ["BEGIN:VEVENT", f"UID:task-{task.pk}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day}", f"DTEND;VALUE=DATE:{following}",
                  f"SUMMARY:{escape(summary)}"]
        if task.owner is not None:
            owner = _("Owner: %(name)s") % {"name": task.owner.display_name}
            lines.append(f"DESCRIPTION:{escape(owner)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
