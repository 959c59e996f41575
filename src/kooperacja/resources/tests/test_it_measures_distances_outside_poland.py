"""A territory outside Poland: access and "help near an address" measure true distances.

The districts, register and population are files as an office near Lisbon would hand them
over; EPSG:2180, the plane of Polish installations, makes distances there about 7 % long.
"""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import CommandError, call_command
from pyproj import Geod

from kooperacja.addresses.services.register import import_addresses
from kooperacja.resources.tests.conftest import make_resource, seed_kinds
from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.services.metric import metric_crs
from kooperacja.territory.services.population import import_population

pytestmark = pytest.mark.django_db

GEOD = Geod(ellps="WGS84")
SHELTER = (-9.1393, 38.7138)  # Baixa
HOMES = {"W": (-9.1900, 38.7220), "E": (-9.1100, 38.7300)}  # Belém side, Penha de França


def _square(west: float, east: float) -> list[list[list[float]]]:
    return [[[west, 38.69], [east, 38.69], [east, 38.76], [west, 38.76], [west, 38.69]]]


@pytest.fixture
def lisbon(tmp_path):
    seed_kinds()
    districts = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kod": code, "nazwa": name},
         "geometry": {"type": "Polygon", "coordinates": _square(west, east)}}
        for code, name, west, east in (("W", "Oeste", -9.23, -9.15), ("E", "Leste", -9.15, -9.09))
    ]}
    (tmp_path / "d.geojson").write_text(json.dumps(districts), encoding="utf-8")
    import_units(tmp_path / "d.geojson", "district", "kod", "nazwa")
    rows = [f"pt-{code};Lisboa;Augusta;{n};{lon};{lat}"
            for n, (code, (lon, lat)) in enumerate(HOMES.items(), start=1)]
    (tmp_path / "r.csv").write_text(
        "lokalny_id;miejscowosc;ulica;numer_porzadkowy;dlugosc_geograficzna;"
        "szerokosc_geograficzna\n" + "\n".join(rows) + "\n", encoding="utf-8")
    import_addresses(tmp_path / "r.csv")
    (tmp_path / "p.csv").write_text("unit_code;year;count\nW;2025;100\nE;2025;100\n",
                                    encoding="utf-8")
    import_population(tmp_path / "p.csv")
    return make_resource("Abrigo", capacity=20, lon=SHELTER[0], lat=SHELTER[1])


def geodesic(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


def access_units(tmp_path) -> dict[str, dict[str, str]]:
    out = tmp_path / "a.csv"
    call_command("access", resource_type="shelter", demand_population=True, level="district",
                 distance=10_000, out=str(out))
    with open(tmp_path / "a_units.csv", encoding="utf-8") as fh:
        return {row["unit_code"]: row for row in csv.DictReader(fh)}


def test_it_measures_access_in_a_local_utm_zone(tmp_path, lisbon):
    assert metric_crs() == "EPSG:25829"
    units = access_units(tmp_path)
    for code, home in HOMES.items():
        assert float(units[code]["distance_m"]) == pytest.approx(geodesic(home, SHELTER), rel=0.01)


def test_it_finds_the_nearest_help_at_the_true_distance(client, lisbon):
    answer = json.loads(client.get("/api/v1/resources/near",
                                   {"address": "Augusta 1 Lisboa"}).content)
    assert answer["status"] == "matched"
    [found] = answer["resources"]
    assert found["straight_m"] == pytest.approx(geodesic(HOMES["W"], SHELTER), rel=0.01)


def test_the_metric_crs_setting_wins(client, lisbon, settings):
    settings.KOOPERACJA_METRIC_CRS = "EPSG:2180"
    answer = json.loads(client.get("/api/v1/resources/near",
                                   {"address": "Augusta 1 Lisboa"}).content)
    # Measured in the plane the setting names, Polish PUWG 1992, far from its meridian.
    assert answer["resources"][0]["straight_m"] > 1.05 * geodesic(HOMES["W"], SHELTER)


def test_it_names_a_metric_crs_setting_that_is_not_in_metres(tmp_path, lisbon, settings):
    settings.KOOPERACJA_METRIC_CRS = "EPSG:4326"
    with pytest.raises(CommandError, match="KOOPERACJA_METRIC_CRS=EPSG:4326 is not a projected"):
        access_units(tmp_path)


def test_a_polish_territory_keeps_puwg_1992(town):
    assert metric_crs() == "EPSG:2180"
