from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from kooperacja.indicators.tests.world import build_city, counts, institution
from kooperacja.records.models import Membership
from kooperacja.territory.models import Unit


@pytest.fixture
def city(db):
    units = build_city()
    counts(units, "2024", {"E1": 10, "E2": 10, "E3": 20, "E4": 2})
    counts(units, "2025", {"E1": 30, "E2": 10, "E3": 20, "E4": 3})
    return units


@pytest.fixture
def ana(db):
    """An analyst of the diagnosis team of the city C."""
    user = User.objects.create_user("ana", password="secret-password-1")
    team = institution("team", "other")
    team.territory = Unit.objects.filter(code="C").first()
    team.save()
    Membership.objects.create(user=user, institution=team, role="analyst")
    return user


@pytest.fixture
def alice(db):
    """A MOPS partner: not an analyst."""
    user = User.objects.create_user("alice", password="secret-password-1")
    Membership.objects.create(user=user, institution=institution(), role="partner")
    return user
