from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User

from kooperacja.records.models import Institution, Membership
from kooperacja.records.tests.world import build_town
from kooperacja.territory.models import Unit


@pytest.fixture
def town(db) -> None:
    build_town()


@pytest.fixture
def cast(town) -> SimpleNamespace:
    """alice works at MOPS, bob at PUP, ana analyses for the town's team, root administers
    the installation (the shared personas of every app are kooperacja.testing's)."""
    city = Unit.objects.get(code="C1")
    mops = Institution.objects.create(code="mops", name="MOPS", kind="mops", territory=city)
    pup = Institution.objects.create(code="pup", name="PUP", kind="pup", territory=city)
    team = Institution.objects.create(code="team", name="Diagnosis team", kind="other",
                                      territory=city)
    people = {}
    for name, institution, role in (("alice", mops, "partner"), ("bob", pup, "partner"),
                                    ("ana", team, "analyst"), ("root", team, "administrator")):
        people[name] = User.objects.create_user(name, password="secret-password-1",
                                                is_superuser=name == "root")
        Membership.objects.create(user=people[name], institution=institution, role=role)
    return SimpleNamespace(mops=mops, pup=pup, team=team, **people)
