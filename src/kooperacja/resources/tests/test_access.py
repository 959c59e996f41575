"""The access command on the village: values worked out by hand."""

from __future__ import annotations

import csv

import pytest
import shapely
from django.core.management import CommandError, call_command

from kooperacja.addresses.models import AddressPoint
from kooperacja.addresses.tests.registers import KONOTOP
from kooperacja.resources.tests.conftest import make_resource
from kooperacja.resources.tests.test_import import write_points

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter(town):
    point = AddressPoint.objects.get(source_id="p-podgorna-2")
    return make_resource("Noclegownia", capacity=30, lon=point.lon, lat=point.lat)


def read(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_it_measures_residents_access_per_unit(tmp_path, shelter):
    # Podgórna 2 (the shelter) and 4 share W's 200 residents; Lipowa 1 holds E's 100.
    # Within 150 m: Podgórna 2 (0 m) and 4 (100 m); Lipowa 1 is 200 m away.
    # 2SFCA: 30 / 200 = 0.15 for W's points, 0 for E's. Allocation: all 300 to the shelter.
    out = tmp_path / "a.csv"
    summary = call_command("access", resource_type="shelter", demand_population=True,
                           level="district", distance=150, out=str(out))
    assert "high need, low access: 1)" in summary
    [row] = read(out)
    assert (row["name"], float(row["demand"]), float(row["demand_in_reach"])) == (
        "Noclegownia", 300, 200)
    units = {r["unit_code"]: r for r in read(tmp_path / "a_units.csv")}
    assert float(units["W"]["distance_m"]) == pytest.approx((0 * 100 + 100 * 100) / 200, abs=0.1)
    assert float(units["E"]["distance_m"]) == pytest.approx(200, abs=0.1)
    assert float(units["W"]["walking_m"]) == pytest.approx(65, abs=0.2)
    assert (float(units["W"]["within"]), float(units["E"]["within"])) == (1, 0)
    assert (float(units["W"]["access_2sfca"]), float(units["E"]["access_2sfca"])) == (0.15, 0)
    # Equal need everywhere: the gap is the access z-score turned, ±1.
    assert (float(units["W"]["gap"]), float(units["E"]["gap"])) == (-1, 1)
    assert units["E"]["high_need_low_access"] == "True"


def test_it_takes_demand_from_weighted_points(tmp_path, shelter):
    demand = write_points(tmp_path / "d.gpkg",
                          [shapely.Point(KONOTOP[0] + 10, KONOTOP[1]),
                           shapely.Point(KONOTOP[0] + 190, KONOTOP[1])],
                          {"clients": [10, 30]}, "EPSG:2180")
    out = tmp_path / "a.csv"
    call_command("access", resource_type="shelter", demand_points=str(demand),
                 demand_weight="clients", level="district", distance=150, out=str(out))
    [row] = read(out)
    assert float(row["demand"]) == 40 and float(row["demand_in_reach"]) == 10
    units = {r["unit_code"]: r for r in read(tmp_path / "a_units.csv")}
    # Need: 10 clients per 200 residents in W, 30 per 100 in E, per 1,000.
    assert (float(units["W"]["need"]), float(units["E"]["need"])) == (50, 300)
    assert float(units["W"]["access_2sfca"]) == 3.0  # 30 places / 10 clients in reach
    assert units["E"]["high_need_low_access"] == "True"


def test_it_asks_for_the_level_and_period_of_an_indicators_demand(tmp_path, shelter):
    with pytest.raises(CommandError, match="--level and --period"):
        call_command("access", resource_type="shelter", demand_indicator="poverty",
                     level="district", out=str(tmp_path / "a.csv"))


def test_it_names_an_unknown_indicator(tmp_path, shelter):
    with pytest.raises(CommandError, match="no indicator mops_rate"):
        call_command("access", resource_type="shelter", demand_indicator="mops_rate",
                     level="district", period="2025", out=str(tmp_path / "a.csv"))


def test_it_names_the_kinds_when_one_is_unknown(tmp_path, shelter):
    with pytest.raises(CommandError, match="shelter"):
        call_command("access", resource_type="shelters", demand_population=True,
                     level="district", out=str(tmp_path / "a.csv"))
