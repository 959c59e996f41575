"""Publication approval: with KOOPERACJA_PUBLISH_REQUIRES_APPROVAL on, a submission
reaches the public map, API and reports only once its institution's data steward approves
it; analysts see it at once. The stored published values follow the review."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.inputs import periods
from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.records.models import Submission, UnitCount, approval_required
from kooperacja.testing import build_personas

pytestmark = pytest.mark.django_db
VALUES = "/api/v1/indicators/poverty/values"


@pytest.fixture
def world(db):
    units = build_city()
    cast = build_personas(units["C"])
    counts(units, "2024", {"E1": 10, "E2": 10, "E3": 20, "E4": 2}, who=cast.a)
    cast.pending = counts(units, "2025", {"E1": 30, "E2": 10, "E3": 20, "E4": 3}, who=cast.a,
                          approved=False)
    return cast


def public_periods(client) -> list[str]:
    found = json.loads(client.get("/api/v1/indicators").content)
    return next(i["periods"] for i in found if i["id"] == "poverty")


def test_the_rule_is_the_publics_only():
    assert approval_required("public") and not approval_required("analyst")
    with override_settings(KOOPERACJA_PUBLISH_REQUIRES_APPROVAL=False):
        assert not approval_required("public")


def test_the_public_does_not_see_a_pending_period_and_the_analyst_does(client, world):
    poverty = Indicator.objects.get(code="poverty")
    assert periods(poverty, "public") == ["2024"]
    assert periods(poverty, "analyst") == ["2024", "2025"]
    assert public_periods(client) == ["2024"]
    assert client.get(VALUES, {"level": "estate", "period": "2025"}).status_code == 404
    assert UnitCount.objects.active("2025").seen_by("public").count() == 0
    client.force_login(world.analyst_x)
    analyst = client.get(VALUES, {"level": "estate", "period": "2025", "audience": "analyst"})
    assert analyst.status_code == 200
    assert json.loads(analyst.content)["period"] == "2025"


def test_the_public_sees_the_period_once_the_steward_approves_it(client, world):
    assert client.get(VALUES, {"level": "estate", "period": "2024"}).status_code == 200
    assert public_periods(client) == ["2024"]  # and this answer is now stored
    steward = type(client)()
    steward.force_login(world.steward_a)
    url = f"/dane/submissions/{world.pending.pk}/review/"
    assert steward.post(url, {"review": "approved"}).status_code == 302
    world.pending.refresh_from_db()
    assert world.pending.review == Submission.Review.APPROVED
    assert public_periods(client) == ["2024", "2025"]
    values = client.get(VALUES, {"level": "estate", "period": "2025"})
    assert values.status_code == 200
    # Computed afresh: 2025 with the change since 2024.
    assert json.loads(values.content)["previous_period"] == "2024"
    # Withdrawn, it leaves the public site again.
    assert steward.post(url, {"review": "withdrawn"}).status_code == 302
    assert public_periods(client) == ["2024"]


def test_an_analyst_may_not_approve(client, world):
    client.force_login(world.analyst_x)
    client.post(f"/dane/submissions/{world.pending.pk}/review/", {"review": "approved"})
    world.pending.refresh_from_db()
    assert world.pending.review == Submission.Review.PENDING


@override_settings(KOOPERACJA_PUBLISH_REQUIRES_APPROVAL=False)
def test_without_the_setting_the_public_sees_what_is_imported(client, world):
    assert public_periods(client) == ["2024", "2025"]
    assert client.get(VALUES, {"level": "estate", "period": "2025"}).status_code == 200
