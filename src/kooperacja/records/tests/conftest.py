from __future__ import annotations

from types import SimpleNamespace

import pytest

from kooperacja.records.tests.world import build_town
from kooperacja.territory.models import Unit
from kooperacja.testing import build_personas


@pytest.fixture
def town(db) -> None:
    build_town()


@pytest.fixture
def cast(town) -> SimpleNamespace:
    """The shared personas (kooperacja.testing) in the town: institution A (MOPS) and B
    (PUP) both of the city C1, the city's diagnosis team, partner_a, partner_b, analyst_x
    and the installation's administrator among them."""
    return build_personas(Unit.objects.get(code="C1"))
