"""Pages and API: a member, a non-member, the public; refusals are audited as denied."""

from __future__ import annotations

import pytest
from django.test import Client

from kooperacja.cooperation.models import Task
from kooperacja.records.models import AuditEvent

pytestmark = pytest.mark.django_db


def client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_the_partnership_page_is_public(coop):
    page = client().get("/partnerstwo/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "List intencyjny" in text and "Umowa powierzenia" not in text
    assert "Institution A" in text


def test_a_public_scan_for_anyone_a_private_one_for_its_parties(personas, coop):
    assert client().get(f"/partnerstwo/umowy/{coop.letter.pk}/skan/").status_code == 200
    url = f"/partnerstwo/umowy/{coop.private.pk}/skan/"
    assert client().get(url).status_code == 403
    assert client(personas.partner_b).get(url).status_code == 403
    answer = client(personas.partner_a).get(url)
    assert answer.status_code == 200 and b"".join(answer.streaming_content) == b"%PDF-1.4 private"
    assert AuditEvent.objects.filter(action="denied", detail__path=url).count() == 2


def test_a_member_sees_the_team_a_non_member_gets_403_audited(personas, coop):
    team = f"/wspolpraca/{coop.team.code}/"
    meeting = f"{team}spotkania/{coop.past.pk}/"
    for url in (team, meeting, f"{team}kalendarz.ics"):
        assert client(personas.analyst_x).get(url).status_code == 200, url
        assert client(personas.analyst_y).get(url).status_code == 403, url
        assert client().get(url).status_code == 302, url  # to the login page
    assert AuditEvent.objects.filter(action="denied", detail__path=meeting,
                                     user=personas.analyst_y).exists()
    shown = client(personas.analyst_x).get(meeting).content.decode()
    assert "Omówiono wyniki." in shown and "Przygotować analizę osiedli." in shown
    assert "Zapisz decyzję" not in shown  # a member who does not keep the team


def test_only_the_chair_or_coordinator_edits(personas, coop):
    url = f"/wspolpraca/{coop.team.code}/spotkania/{coop.past.pk}/edycja/"
    assert client(personas.analyst_x).get(url).status_code == 403
    keeper = client(personas.coordinator)
    assert keeper.get(url).status_code == 200
    answer = keeper.post(url, {"starts_at": "2026-01-10T10:00", "place": "Sala 3",
                               "agenda": "1.", "minutes": "Protokół.",
                               f"member_{coop.chair.pk}": "present"})
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    assert answer["Location"] == f"/wspolpraca/{coop.team.code}/spotkania/{coop.past.pk}/"
    coop.past.refresh_from_db()
    assert coop.past.minutes == "Protokół." and coop.past.place == "Sala 3"
    assert coop.past.attendance.get(member=coop.chair).status == "present"
    decide = f"/wspolpraca/{coop.team.code}/spotkania/{coop.past.pk}/decyzje/"
    assert keeper.post(decide, {"text": "Nowa decyzja", "task": "Nowe zadanie",
                                "owner": coop.analyst.pk, "deadline": "2026-02-01"}
                       ).status_code == 302
    assert Task.objects.get(title="Nowe zadanie").owner == coop.analyst
    new = f"/wspolpraca/{coop.team.code}/spotkania/nowe/"
    assert keeper.post(new, {"starts_at": "2026-03-01T09:00", "place": "X"}).status_code == 302
    assert coop.team.meetings.count() == 3


def test_the_owner_marks_a_task_done(personas, coop):
    url = f"/wspolpraca/{coop.team.code}/zadania/{coop.task.pk}/"
    assert client(personas.analyst_y).post(url, {"status": "done"}).status_code == 403
    assert client(personas.analyst_x).post(url, {"status": "done"}).status_code == 302
    coop.task.refresh_from_db()
    assert coop.task.status == "done"


def test_the_team_list_and_my_tasks(personas, coop):
    page = client(personas.analyst_x).get("/wspolpraca/").content.decode()
    assert "Zespół diagnostyczny X" in page and "Analiza osiedli" in page
    assert "Zespół diagnostyczny X" not in client(personas.analyst_y).get("/wspolpraca/"
                                                                          ).content.decode()
    mine = client(personas.coordinator).get("/wspolpraca/zadania/?moje=1").content.decode()
    assert "Analiza osiedli" not in mine
    everything = client(personas.coordinator).get("/wspolpraca/zadania/").content.decode()
    assert "Analiza osiedli" in everything


def test_the_register_warns_of_expiring_agreements(personas, coop):
    page = client(personas.partner_b).get("/wspolpraca/partnerstwo/").content.decode()
    assert 'id="expiring"' in page and "Umowa powierzenia" in page


def test_an_archived_team_is_hidden(personas, coop):
    coop.team.archived = True
    coop.team.save()
    assert client(personas.analyst_x).get(f"/wspolpraca/{coop.team.code}/").status_code == 404


def test_the_api_public_partnership_and_members_teams(personas, coop):
    public = client().get("/api/v1/partnership").json()
    assert [a["title"] for a in public["agreements"]] == ["List intencyjny"]
    assert public["agreements"][0]["scan_url"] == f"/partnerstwo/umowy/{coop.letter.pk}/skan/"
    assert client().get("/api/v1/teams").json() == []
    assert client(personas.analyst_y).get("/api/v1/teams").json() == []
    [team] = client(personas.analyst_x).get("/api/v1/teams").json()
    assert team["code"] == "zespol-x" and len(team["meetings"]) == 2
    assert team["tasks"][0]["owner"] == "analyst_x@example.org"
