"""The models and services of the register and the teams: what the public sees, what
expires, who may read a scan, every change in the audit log, archive instead of delete."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone

from kooperacja.cooperation.models import Agreement, Task, Team
from kooperacja.cooperation.services import access, partnership, teams
from kooperacja.records.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_public_sees_letters_of_intent_and_public_agreements_only(personas, coop):
    hidden = Agreement.objects.create(kind=Agreement.Kind.COOPERATION, title="Niepubliczne")
    hidden.parties.set([personas.b])
    shown = list(partnership.public_agreements())
    assert coop.letter in shown and coop.private not in shown and hidden not in shown
    intent = Agreement.objects.create(kind=Agreement.Kind.INTENT, title="Drugi list")
    assert intent in partnership.public_agreements()  # letters of intent always
    assert set(partnership.partner_institutions()) == {personas.a, personas.b}


def test_agreements_expiring_within_the_days_given(coop, settings):
    today = timezone.localdate()
    assert list(partnership.expiring(30, today)) == [coop.private]
    assert list(partnership.expiring(10, today)) == []
    assert list(partnership.expiring(30, today + datetime.timedelta(days=21))) == []  # ended
    settings.KOOPERACJA_AGREEMENT_WARNING_DAYS = 25
    assert list(partnership.expiring()) == [coop.private]


def test_a_private_scan_is_for_the_parties_members_and_the_register_keepers(personas, coop):
    assert partnership.may_read_scan(personas.anonymous, coop.letter)
    assert not partnership.may_read_scan(personas.anonymous, coop.private)
    assert partnership.may_read_scan(personas.partner_a, coop.private)  # a party's member
    assert not partnership.may_read_scan(personas.partner_b, coop.private)
    assert partnership.may_read_scan(personas.coordinator, coop.private)  # keeps the register
    assert partnership.may_read_scan(personas.installation, coop.private)


def test_members_see_the_team_its_chair_and_coordinator_keep_it(personas, coop):
    assert access.may_see(personas.analyst_x, coop.team)
    assert not access.may_manage(personas.analyst_x, coop.team)
    assert access.may_manage(personas.coordinator, coop.team)
    assert not access.may_see(personas.analyst_y, coop.team)
    assert not access.may_see(personas.anonymous, coop.team)
    assert access.may_manage(personas.installation, coop.team)
    assert list(access.visible_teams(personas.analyst_x)) == [coop.team]
    assert list(access.visible_teams(personas.analyst_y)) == []


def test_every_change_is_in_the_audit_log(personas, coop):
    user = personas.coordinator
    start = AuditEvent.objects.count()
    meeting = teams.save_meeting(user, coop.team, {"starts_at": timezone.now(), "place": "A"})
    teams.save_meeting(user, coop.team, {"starts_at": meeting.starts_at, "place": "B"}, meeting)
    teams.save_meeting(user, coop.team, {"starts_at": meeting.starts_at, "place": "B"}, meeting)
    assert teams.record_attendance(user, meeting, {coop.analyst.pk: "present",
                                                   coop.chair.pk: "excused", 99999: "present"}) == 2
    decision = teams.add_decision(user, meeting, "Zrobić X", "Zadanie X", coop.analyst,
                                  timezone.localdate())
    task = decision.tasks.get()
    assert teams.set_task_status(personas.analyst_x, task, Task.Status.DONE)
    assert not teams.set_task_status(personas.analyst_x, task, Task.Status.DONE)
    events = list(AuditEvent.objects.order_by("id")[start:].values_list("action", "object_type"))
    assert events == [("create", "meeting"), ("change", "meeting"), ("change", "meeting"),
                      ("create", "decision"), ("create", "task"), ("change", "task")]
    last = AuditEvent.objects.order_by("id").last()
    assert last.detail["status"] == ["open", "done"]


def test_deleting_a_team_in_the_panel_archives_it(personas, coop):
    request = RequestFactory().post("/")
    request.user = personas.installation
    site._registry[Team].delete_model(request, coop.team)
    coop.team.refresh_from_db()
    assert coop.team.archived and coop.team.meetings.count() == 2
    assert list(access.visible_teams(personas.installation)) == []
    assert AuditEvent.objects.filter(action="archive", object_type="team").exists()


def test_the_owner_or_a_keeper_changes_a_task(personas, coop):
    assert teams.may_set_status(personas.analyst_x, coop.task, manages=False)
    assert not teams.may_set_status(personas.coordinator, coop.task, manages=False)
    assert teams.may_set_status(personas.coordinator, coop.task, manages=True)


def test_a_team_code_may_not_hide_another_page(coop):
    from django.core.exceptions import ValidationError

    coop.team.code = "zadania"
    with pytest.raises(ValidationError):
        coop.team.full_clean()
