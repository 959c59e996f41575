from __future__ import annotations

import pytest

from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.testing import build_personas


@pytest.fixture
def city(db):
    units = build_city()
    counts(units, "2024", {"E1": 10, "E2": 10, "E3": 20, "E4": 2})
    counts(units, "2025", {"E1": 30, "E2": 10, "E3": 20, "E4": 3})
    return units


@pytest.fixture
def cast(city):
    """The shared personas (kooperacja.testing) on the city C: analyst_x analyses for its
    diagnosis team, partner_a works at its MOPS (not an analyst)."""
    return build_personas(city["C"])
