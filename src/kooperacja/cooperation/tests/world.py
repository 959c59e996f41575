"""A team and a partnership on top of the shared personas (kooperacja.testing)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from kooperacja.cooperation.models import (
    Agreement,
    Attendance,
    Decision,
    Meeting,
    Task,
    Team,
    TeamMember,
)
from kooperacja.cooperation.services import access


def cooperation_world(cast: Any) -> SimpleNamespace:
    """Territory X's diagnosis team: the coordinator persona coordinates it, analyst_x is a
    member and owns its task, Jan Kowalski (no account) chairs it; a past meeting with a
    decision and a task, an upcoming one; a public letter of intent and a private
    processing agreement of A and B, both with scans."""
    now = timezone.now()
    today = timezone.localdate()
    team = Team.objects.create(code="zespol-x", name="Zespół diagnostyczny X",
                               kind=Team.Kind.DIAGNOSIS, territory=cast.x,
                               term_from=today - datetime.timedelta(days=100))
    coordinator = TeamMember.objects.create(team=team, user=cast.coordinator,
                                            function=TeamMember.Function.COORDINATOR,
                                            institution=cast.team_x)
    analyst = TeamMember.objects.create(team=team, user=cast.analyst_x,
                                        function=TeamMember.Function.ANALYST,
                                        institution=cast.team_x)
    chair = TeamMember.objects.create(team=team, name="Jan Kowalski", email="jan@example.org",
                                      function=TeamMember.Function.CHAIR)
    past = Meeting.objects.create(team=team, starts_at=now - datetime.timedelta(days=10),
                                  place="Sala 1", agenda="1. Wyniki", minutes="Omówiono wyniki.")
    Attendance.objects.create(meeting=past, member=analyst, status=Attendance.Status.PRESENT)
    decision = Decision.objects.create(meeting=past, text="Przygotować analizę osiedli.")
    task = Task.objects.create(team=team, decision=decision, title="Analiza osiedli",
                               owner=analyst, deadline=today + datetime.timedelta(days=3))
    upcoming = Meeting.objects.create(team=team, starts_at=now + datetime.timedelta(days=2),
                                      place="Sala 2", agenda="1. Rekomendacje")
    letter = Agreement.objects.create(kind=Agreement.Kind.INTENT, title="List intencyjny",
                                      signed_on=today, is_public=True)
    letter.scan.save("list.pdf", ContentFile(b"%PDF-1.4 letter"))
    letter.parties.set([cast.a, cast.b])
    private = Agreement.objects.create(kind=Agreement.Kind.PROCESSING, title="Umowa powierzenia",
                                       valid_until=today + datetime.timedelta(days=20))
    private.scan.save("umowa.pdf", ContentFile(b"%PDF-1.4 private"))
    private.parties.set([cast.a])
    return SimpleNamespace(team=team, coordinator=coordinator, analyst=analyst, chair=chair,
                           past=past, upcoming=upcoming, decision=decision, task=task,
                           letter=letter, private=private)


def url_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    """The values of the cooperation URLs' parameters (tests/test_access_matrix.py)."""
    return {"team": world.team.code, "meeting": world.past.pk, "task": world.task.pk,
            "agreement": world.letter.pk}


def gate(world: SimpleNamespace, name: str) -> Any:
    """Who beside the policy's table may open the cooperation page ``name``: None for
    everyone the table lets in, else a test of the user (members, keepers, owners)."""
    team = world.team
    if name in ("cooperation:meeting-new", "cooperation:meeting-edit",
                "cooperation:decision-add"):
        return lambda user: access.may_manage(user, team)
    if name == "cooperation:task-status":
        return lambda user: access.may_manage(user, team) or user == world.task.owner.user
    if name.startswith("cooperation:") and name not in (
            "cooperation:partnership", "cooperation:scan", "cooperation:teams",
            "cooperation:register", "cooperation:tasks"):
        return lambda user: access.may_see(user, team)
    return None
