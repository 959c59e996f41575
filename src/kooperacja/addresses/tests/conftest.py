from __future__ import annotations

import pytest

from kooperacja.addresses.services import geocoding


@pytest.fixture(autouse=True)
def fresh_geocoder():
    """Each test's database is rolled back, so no loaded register may outlive it."""
    geocoding._loaded = None
    yield
    geocoding._loaded = None
