"""In an installation of several territories the panel shows each keeper of the teams and
the register (a coordinator, an institution's administrator) its own territories' teams,
meetings, tasks, contact persons and agreements: another territory's are "not found", and
no form or filter offers their names."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kooperacja.cooperation.models import Agreement, ContactPerson, Meeting, Task, Team, TeamMember
from kooperacja.cooperation.services import partnership

pytestmark = pytest.mark.django_db

SECRET = "Zespół TAJNY Y"


@pytest.fixture
def other(personas, coop):
    """Territory Y's team, with a member, a meeting and a task; B's contact person and a
    private agreement of B only."""
    team = Team.objects.create(code="zespol-y", name=SECRET, kind=Team.Kind.DIAGNOSIS,
                               territory=personas.y)
    member = TeamMember.objects.create(team=team, name="Ewa Tajna", institution=personas.team_y)
    meeting = Meeting.objects.create(team=team, starts_at=timezone.now(), place="Sala Y",
                                     minutes="Protokół Y")
    task = Task.objects.create(team=team, title="Zadanie Y", owner=member,
                               deadline=timezone.localdate() + datetime.timedelta(days=5))
    contact = ContactPerson.objects.create(institution=personas.b, name="Kontakt Y")
    agreement = Agreement.objects.create(kind=Agreement.Kind.COOPERATION, title="Umowa Y")
    agreement.parties.set([personas.b])
    return {"team": team, "meeting": meeting, "task": task, "contactperson": contact,
            "agreement": agreement}


@pytest.mark.parametrize("keeper", ["coordinator", "admin_a"])
def test_a_keeper_of_one_territory_sees_nothing_of_anothers(personas, coop, other, keeper):
    client = Client()
    client.force_login(getattr(personas, keeper))
    for model, row in other.items():
        listed = client.get(reverse(f"admin:cooperation_{model}_changelist"))
        assert listed.status_code == 200
        assert str(row) not in listed.content.decode(), model
        opened = client.get(reverse(f"admin:cooperation_{model}_change", args=[row.pk]))
        assert opened.status_code == 302 and opened["Location"] == reverse("admin:index"), model
    own = client.get(reverse("admin:cooperation_team_changelist")).content.decode()
    assert coop.team.name in own
    for form in ("meeting", "task"):
        page = client.get(reverse(f"admin:cooperation_{form}_add")).content.decode()
        assert coop.team.name in page and SECRET not in page and "Ewa Tajna" not in page
    # A team of another territory cannot be made either.
    made = client.post(reverse("admin:cooperation_team_add"), {
        "code": "nowy-y", "name": "Nowy zespół Y", "kind": "diagnosis",
        "territory": personas.y.pk, "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0"})
    assert made.status_code == 200 and "territory" in made.context["adminform"].form.errors
    assert not Team.objects.filter(code="nowy-y").exists()
    own_team = {"code": f"nowy-{keeper}", "name": f"Nowy zespół {keeper}", "kind": "diagnosis",
                "territory": personas.x.pk, "members-TOTAL_FORMS": "0",
                "members-INITIAL_FORMS": "0"}
    assert client.post(reverse("admin:cooperation_team_add"), own_team).status_code == 302
    assert Team.objects.get(code=f"nowy-{keeper}").territory == personas.x
    meetings = client.get(reverse("admin:cooperation_meeting_changelist")).content.decode()
    assert SECRET not in meetings  # the filter by team offers the teams shown only
    assert not partnership.may_read_scan(getattr(personas, keeper), other["agreement"])
    assert partnership.may_read_scan(getattr(personas, keeper), coop.private)


def test_the_installation_keeps_every_territorys(personas, coop, other):
    client = Client()
    client.force_login(personas.installation)
    for model, row in other.items():
        assert client.get(reverse(f"admin:cooperation_{model}_change",
                                  args=[row.pk])).status_code == 200, model
