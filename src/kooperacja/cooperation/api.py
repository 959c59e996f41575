"""The partnership's public parts and the caller's teams, read-only.

``/partnership`` is public: the partner institutions, the letters of intent and the
agreements marked public (no contact persons, no private scans). ``/teams`` lists the
teams the caller is a member of (every team for the installation administrator; none for
a visitor without an account), with members, meetings and tasks.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from kooperacja import policy
from kooperacja.cooperation.models import Agreement, Team
from kooperacja.cooperation.services import access, partnership

router = Router(tags=["cooperation"])


class InstitutionOut(Schema):
    code: str
    name: str
    kind: str


class AgreementOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    parties: list[str]
    signed_on: datetime.date | None
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    scope: str
    scan_url: str | None


class PartnershipOut(Schema):
    institutions: list[InstitutionOut]
    agreements: list[AgreementOut]


class MemberOut(Schema):
    name: str
    institution: str | None
    function: str


class MeetingOut(Schema):
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    place: str
    agenda: str
    minutes: str
    decisions: list[str]


class TaskOut(Schema):
    id: int
    title: str
    owner: str | None
    deadline: datetime.date | None
    status: str


class TeamOut(Schema):
    code: str
    name: str
    kind: str
    territory: str | None
    term_from: datetime.date | None
    term_until: datetime.date | None
    members: list[MemberOut]
    meetings: list[MeetingOut]
    tasks: list[TaskOut]


def _agreement(a: Agreement) -> AgreementOut:
    return AgreementOut(
        id=a.pk, kind=a.kind, kind_label=a.get_kind_display(), title=a.title,
        parties=[p.code for p in a.parties.all()], signed_on=a.signed_on,
        valid_from=a.valid_from, valid_until=a.valid_until, scope=a.scope,
        scan_url=f"/partnerstwo/umowy/{a.pk}/skan/" if a.is_public and a.scan else None)


@router.get("/partnership", response=PartnershipOut,
            summary="The partnership: partner institutions, letters of intent, public "
                    "agreements")
@policy.public
def partnership_view(request: HttpRequest) -> PartnershipOut:
    return PartnershipOut(
        institutions=[InstitutionOut(code=i.code, name=i.name, kind=i.kind)
                      for i in partnership.partner_institutions()],
        agreements=[_agreement(a) for a in partnership.public_agreements()],
    )


def _team(team: Team) -> TeamOut:
    return TeamOut(
        code=team.code, name=team.name, kind=team.kind,
        territory=team.territory.code if team.territory else None,
        term_from=team.term_from, term_until=team.term_until,
        members=[MemberOut(name=m.display_name,
                           institution=m.institution.code if m.institution else None,
                           function=m.function)
                 for m in team.members.select_related("user", "institution")],
        meetings=[MeetingOut(id=m.pk, starts_at=m.starts_at, ends_at=m.ends_at, place=m.place,
                             agenda=m.agenda, minutes=m.minutes,
                             decisions=[d.text for d in m.decisions.all()])
                  for m in team.meetings.prefetch_related("decisions").order_by("starts_at")],
        tasks=[TaskOut(id=t.pk, title=t.title,
                       owner=t.owner.display_name if t.owner else None,
                       deadline=t.deadline, status=t.status)
               for t in team.tasks.select_related("owner", "owner__user").order_by("pk")],
    )


@router.get("/teams", response=list[TeamOut],
            summary="The caller's teams with members, meetings and tasks (members only)")
@policy.public
def teams_view(request: HttpRequest) -> list[TeamOut]:
    return [_team(t) for t in access.visible_teams(request.user)]
