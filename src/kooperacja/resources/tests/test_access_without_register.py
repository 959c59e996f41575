"""access --level says why demand is 0 when residents have no address point to stand on."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from kooperacja.addresses.models import AddressPoint
from kooperacja.addresses.tests.test_units import districts
from kooperacja.resources.tests.conftest import make_resource, seed_kinds
from kooperacja.territory.services.population import import_population

pytestmark = pytest.mark.django_db


def test_it_asks_for_the_address_register_when_the_level_has_no_point(tmp_path, layer_writer):
    seed_kinds()
    districts(tmp_path, layer_writer, "d.gpkg", 150)
    (tmp_path / "p.csv").write_text("unit_code;year;count\nW;2025;200\nE;2025;100\n",
                                    encoding="utf-8")
    import_population(tmp_path / "p.csv")
    make_resource("Noclegownia", capacity=30, lon=15.2, lat=52.1)
    out = tmp_path / "a.csv"
    with pytest.raises(CommandError, match="address register has no point .* level district.*"
                                           "import-addresses"):
        call_command("access", resource_type="shelter", demand_population=True,
                     level="district", out=str(out))
    assert not out.exists()


def test_it_counts_the_units_whose_residents_have_no_address_point(tmp_path, town):
    point = AddressPoint.objects.get(source_id="p-podgorna-2")
    make_resource("Noclegownia", capacity=30, lon=point.lon, lat=point.lat)
    # E's only address point (Lipowa 1) leaves the register: E's 100 residents stand nowhere.
    AddressPoint.objects.exclude(units__unit__code="W").delete()
    summary = call_command("access", resource_type="shelter", demand_population=True,
                           level="district", distance=150, out=str(tmp_path / "a.csv"))
    assert "demand 200" in summary
    assert ("units with residents but no address point of the register (no demand there): 1"
            in summary)
