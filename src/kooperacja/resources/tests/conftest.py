"""A village with three register points in two districts, residents, and the shared
personas: partner_a keeps institution A's entries, partner_b B's, the installation's
administrator all."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.utils import translation

from kooperacja.addresses.services import geocoding
from kooperacja.addresses.services.register import import_addresses
from kooperacja.addresses.tests.registers import konotop_register
from kooperacja.addresses.tests.test_units import districts
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.territory.services.population import import_population
from kooperacja.testing import build_personas


@pytest.fixture(autouse=True)
def english():
    """The tests read the commands' summaries in English; Polish is the default elsewhere."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_geocoder():
    """Each test's database is rolled back, so no loaded register may outlive it."""
    geocoding._loaded = None
    yield
    geocoding._loaded = None


def seed_kinds() -> None:
    """The kinds the data migration seeds; a browser test's flush removes them."""
    importlib.import_module("kooperacja.resources.migrations.0002_seed_kinds").load(apps, None)


@pytest.fixture
def town(tmp_path, layer_writer) -> None:
    """Podgórna 2 and 4 in district W (100 residents each), Lipowa 1 in E (100), 100 m
    apart west to east."""
    seed_kinds()
    districts(tmp_path, layer_writer, "d.gpkg", 150)
    import_addresses(konotop_register(tmp_path / "r.csv"))
    (tmp_path / "p.csv").write_text("unit_code;year;count\nW;2025;200\nE;2025;100\n",
                                    encoding="utf-8")
    import_population(tmp_path / "p.csv")


@pytest.fixture
def cast(db) -> SimpleNamespace:
    """The shared personas (kooperacja.testing) with the resource kinds."""
    seed_kinds()
    return build_personas()


def make_resource(name: str, kind: str = "shelter", **fields: object) -> Resource:
    return Resource.objects.create(name=name, kind=ResourceKind.objects.get(code=kind), **fields)
