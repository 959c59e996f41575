"""The resources' and population's village for the wizard's tests: three register points
in two districts (W, E), the resource kinds, and the shared personas of W and E."""

from __future__ import annotations

import pytest
from django.test import Client

from kooperacja.addresses.services import geocoding
from kooperacja.addresses.services.register import import_addresses
from kooperacja.addresses.tests.registers import konotop_register
from kooperacja.addresses.tests.test_units import districts
from kooperacja.resources.tests.conftest import seed_kinds
from kooperacja.territory.models import Unit
from kooperacja.testing import build_personas


@pytest.fixture
def town(tmp_path, layer_writer):
    """The resources' village: three register points in two districts; the personas."""
    geocoding._loaded = None
    seed_kinds()
    districts(tmp_path, layer_writer, "d.gpkg", 150)
    import_addresses(konotop_register(tmp_path / "r.csv"))
    yield build_personas(Unit.objects.get(code="W"), Unit.objects.get(code="E"))
    geocoding._loaded = None


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
