"""The demo city's partnership and diagnosis team: four agreements (a letter of intent
among them), contact persons, and a team with two meetings, one past with minutes,
decisions and tasks and one coming. Run again, it changes nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kooperacja.cooperation.models import (
    Agreement,
    Attendance,
    ContactPerson,
    Decision,
    Meeting,
    Task,
    Team,
    TeamMember,
)
from kooperacja.records.models import Institution
from kooperacja.territory.models import Unit

TEAM_CODE = "zespol-diagnozy"


@transaction.atomic
def fill_demo(city: Unit, today: datetime.date | None = None) -> Team:
    """The demo's cooperation records, made once (the team's code marks them)."""
    existing = Team.objects.filter(code=TEAM_CODE).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    year = datetime.timedelta(days=365)
    institutions = {i.code: i for i in Institution.objects.all()}
    mops, pup = institutions.get("MOPS"), institutions.get("PUP")
    team_inst = institutions.get("ZESPOL")
    parties = [i for i in (mops, pup, team_inst) if i is not None]
    for institution, name, function in ((mops, "Anna Nowak", "zastępczyni dyrektora MOPS"),
                                        (pup, "Piotr Wiśniewski", "kierownik działu ewidencji")):
        if institution is not None:
            ContactPerson.objects.create(
                institution=institution, name=name, function=function,
                email=f"{name.split()[0].lower()}@{institution.code.lower()}.example",
                phone="+48 22 000 00 00")
    agreements = [
        Agreement(kind=Agreement.Kind.INTENT, title="List intencyjny w sprawie diagnozy "
                  "problemów społecznych", signed_on=today - 2 * year,
                  valid_from=today - 2 * year, scope="Wspólna diagnoza problemów społecznych "
                  "miasta i wymiana danych zagregowanych.", is_public=True),
        Agreement(kind=Agreement.Kind.COOPERATION, title="Porozumienie o współpracy MOPS i PUP",
                  number="1/2024", signed_on=today - year, valid_from=today - year,
                  valid_until=today + datetime.timedelta(days=30),
                  scope="Przekazywanie wyciągów co kwartał, wspólne posiedzenia zespołu.",
                  legal_basis="art. 110 ust. 1 ustawy o pomocy społecznej", is_public=True),
        Agreement(kind=Agreement.Kind.PROCESSING, title="Umowa powierzenia przetwarzania "
                  "danych osobowych", number="UP/3/2024", signed_on=today - year,
                  valid_from=today - year, valid_until=today + 2 * year,
                  scope="Pseudonimizacja i przechowywanie wyciągów.",
                  legal_basis="art. 28 RODO"),
        Agreement(kind=Agreement.Kind.INTENT, title="List intencyjny o przystąpieniu "
                  "organizacji pozarządowych", signed_on=today - datetime.timedelta(days=90),
                  valid_from=today - datetime.timedelta(days=90)),
    ]
    for agreement in agreements:
        agreement.save()
        agreement.parties.set(parties)
    team = Team.objects.create(
        code=TEAM_CODE, name=f"Zespół diagnostyczny ({city.name})", kind=Team.Kind.DIAGNOSIS,
        founding_act="Zarządzenie Prezydenta Miasta w sprawie powołania zespołu "
                     "diagnostycznego.", term_from=today - year, term_until=today + 2 * year,
        territory=city)
    users = {u.email: u for u in get_user_model().objects.filter(email__in=[
        "koordynator@zespol.example", "analityk@zespol.example", "partner@mops.example",
        "partner@pup.example"])}
    members = []
    for email, function, institution in (
            ("koordynator@zespol.example", TeamMember.Function.COORDINATOR, team_inst),
            ("analityk@zespol.example", TeamMember.Function.ANALYST, team_inst),
            ("partner@mops.example", TeamMember.Function.MEMBER, mops),
            ("partner@pup.example", TeamMember.Function.MEMBER, pup)):
        user = users.get(email)
        if user is not None:
            members.append(TeamMember.objects.create(team=team, user=user, function=function,
                                                     institution=institution))
    members.append(TeamMember.objects.create(
        team=team, name="Maria Kowalska", email="przewodniczaca@urzad.example",
        function=TeamMember.Function.CHAIR))
    now = timezone.localtime()
    at = now.replace(hour=10, minute=0, second=0, microsecond=0)
    past = Meeting.objects.create(
        team=team, starts_at=at - datetime.timedelta(days=30),
        ends_at=at - datetime.timedelta(days=30) + datetime.timedelta(hours=2),
        place="Urząd Miasta, sala 101",
        agenda="1. Wyniki diagnozy za ostatni rok.\n2. Plan zbierania danych.",
        minutes="Zespół omówił wyniki diagnozy; ubóstwo rośnie na dwóch osiedlach.")
    for index, member in enumerate(members):
        Attendance.objects.create(meeting=past, member=member, status=(
            Attendance.Status.EXCUSED if index == 1 else Attendance.Status.PRESENT))
    first = Decision.objects.create(meeting=past, text="Przygotować pogłębioną analizę "
                                    "osiedli o rosnącym ubóstwie.")
    second = Decision.objects.create(meeting=past, text="Zaprosić szkoły do partnerstwa.")
    owner = members[1] if len(members) > 1 else members[0]
    Task.objects.create(team=team, decision=first, title="Analiza osiedli E1 i E3",
                        owner=owner, deadline=today + datetime.timedelta(days=5))
    Task.objects.create(team=team, decision=second, title="Pismo do dyrektorów szkół",
                        owner=members[0], deadline=today - datetime.timedelta(days=3))
    Meeting.objects.create(
        team=team, starts_at=at + datetime.timedelta(days=14),
        ends_at=at + datetime.timedelta(days=14, hours=2), place="Urząd Miasta, sala 101",
        agenda="1. Analiza osiedli.\n2. Przyjęcie rekomendacji.")
    return team
