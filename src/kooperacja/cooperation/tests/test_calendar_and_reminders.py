"""The iCalendar export read back (unfolded, unescaped) and the reminder commands with
Django's test mail box."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from kooperacja.cooperation.models import Meeting, Task
from kooperacja.cooperation.services.ical import escape, fold, team_calendar

pytestmark = pytest.mark.django_db


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def parse(text: str) -> list[dict[str, str]]:
    """The VEVENTs of an ICS text as {name (with parameters): value}, lines unfolded."""
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    for line in lines:
        assert len(line.encode("utf-8")) <= 75, line
    unfolded: list[str] = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    events, current = [], None
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = unescape(value)
    return events


def test_fold_cuts_at_75_octets_never_inside_a_character():
    line = "DESCRIPTION:" + "zażółć gęślą jaźń " * 10
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 2
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line
    assert escape('a;b,c\\d\ne') == "a\\;b\\,c\\\\d\\ne"


def test_the_teams_calendar_has_its_meetings_and_deadlines(personas, coop):
    coop.upcoming.agenda = "1. Rekomendacje; wnioski, plan\n2. " + "Bardzo długi punkt " * 8
    coop.upcoming.starts_at = datetime.datetime(2026, 5, 4, 8, 30, tzinfo=datetime.UTC)
    coop.upcoming.save()
    with translation.override("pl"):
        events = parse(team_calendar(coop.team, "example.org"))
    meetings = [e for e in events if e["UID"].startswith("meeting-")]
    tasks = [e for e in events if e["UID"].startswith("task-")]
    assert len(meetings) == 2 and len(tasks) == 1
    upcoming = next(e for e in meetings if e["UID"] == f"meeting-{coop.upcoming.pk}@example.org")
    assert upcoming["DTSTART"] == "20260504T083000Z"
    assert upcoming["DTEND"] == "20260504T103000Z"  # two hours when no end is given
    assert upcoming["SUMMARY"] == "Spotkanie: Zespół diagnostyczny X"
    assert upcoming["DESCRIPTION"] == coop.upcoming.agenda  # folded and escaped, read back
    assert upcoming["LOCATION"] == "Sala 2"
    [task] = tasks
    assert task["DTSTART;VALUE=DATE"] == coop.task.deadline.strftime("%Y%m%d")
    assert task["SUMMARY"] == "Termin: Analiza osiedli"


def test_the_calendar_download(personas, coop):
    client = Client()
    client.force_login(personas.analyst_x)
    answer = client.get(f"/wspolpraca/{coop.team.code}/kalendarz.ics")
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(parse(answer.content.decode("utf-8"))) == 3


def test_remind_meetings_tells_members_of_meetings_and_their_tasks(personas, coop):
    overdue = Task.objects.create(team=coop.team, title="Zaległe", owner=coop.chair,
                                  deadline=timezone.localdate() - datetime.timedelta(days=1))
    Meeting.objects.create(team=coop.team, starts_at=timezone.now() + datetime.timedelta(days=30))
    out = StringIO()
    call_command("remind_meetings", stdout=out)
    assert mail.outbox == []
    assert "3 osoby do powiadomienia" in out.getvalue()
    call_command("remind_meetings", "--send", stdout=StringIO())
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == {"coordinator@example.org", "analyst_x@example.org", "jan@example.org"}
    assert "Sala 2" in sent["coordinator@example.org"].body  # the upcoming meeting
    assert "Analiza osiedli" in sent["analyst_x@example.org"].body  # due in 3 days
    assert "Analiza osiedli" not in sent["coordinator@example.org"].body
    assert overdue.title in sent["jan@example.org"].body
    assert "(zaległe)" in sent["jan@example.org"].body
    mail.outbox.clear()
    call_command("remind_meetings", "--send", "--days", "1", stdout=StringIO())
    assert {m.to[0] for m in mail.outbox} == {"jan@example.org"}  # only the overdue task


def test_remind_agreements_writes_to_the_parties_contacts(personas, coop):
    from kooperacja.cooperation.models import ContactPerson

    out = StringIO()
    call_command("remind_agreements", "--send", stdout=out)
    # No contact person yet: A's members who keep the register (its administrator).
    assert [m.to for m in mail.outbox] == [["admin_a@example.org"]]
    ContactPerson.objects.create(institution=personas.a, name="Ewa", email="ewa@a.example")
    mail.outbox.clear()
    call_command("remind_agreements", "--send", "--days", "30", stdout=out)
    assert [m.to for m in mail.outbox] == [["ewa@a.example"]]
    assert "Umowa powierzenia" in mail.outbox[0].body
    mail.outbox.clear()
    call_command("remind_agreements", "--send", "--days", "5", stdout=out)
    assert mail.outbox == []
