"""The demo's partnership and team: filled once, every screen has something to show."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from kooperacja.cooperation.models import Agreement, Team
from kooperacja.cooperation.services.demo import fill_demo
from kooperacja.cooperation.services.partnership import expiring, public_agreements
from kooperacja.records.models import Institution
from kooperacja.testing import _root_unit

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_partnership_and_a_team_with_two_meetings():
    city = _root_unit("C")
    for code, kind in (("MOPS", "mops"), ("PUP", "pup"), ("ZESPOL", "other")):
        Institution.objects.create(code=code, name=code, kind=kind, territory=city)
    for email in ("koordynator@zespol.example", "analityk@zespol.example",
                  "partner@mops.example"):
        User.objects.create_user(email, email, "x" * 12)
    team = fill_demo(city)
    assert fill_demo(city) == team and Team.objects.count() == 1  # once only
    assert Agreement.objects.count() == 4
    assert Agreement.objects.filter(kind=Agreement.Kind.INTENT).count() == 2
    assert public_agreements().count() == 3
    assert expiring(60).count() == 1
    now = timezone.now()
    past, upcoming = team.meetings.order_by("starts_at")
    assert past.starts_at < now < upcoming.starts_at
    assert past.minutes and past.decisions.count() == 2 and past.attendance.count() == 4
    assert team.tasks.count() == 2
    assert team.members.filter(function="coordinator", user__email="koordynator@zespol.example"
                               ).exists()
