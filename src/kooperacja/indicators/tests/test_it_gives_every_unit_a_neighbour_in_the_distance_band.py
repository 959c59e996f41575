"""Hot spots with distance-band neighbours: by default every unit, a far island too, has a
neighbour, and the band is measured in true metres wherever the territory lies."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
import shapely
from django.core.management import call_command
from pyproj import Geod

from kooperacja.indicators.tests.world import institution
from kooperacja.records.models import Code, CodeList, Submission, UnitCount
from kooperacja.territory.models import Unit
from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.services.population import import_population

pytestmark = pytest.mark.django_db

STEP = 0.0146  # about 1 km of longitude at 52°N


def estates(west: float, south: float, island_east_by: float) -> list[shapely.Polygon]:
    """Six 1 km estates in a row and a seventh, an island, away to the north-east."""
    row = [shapely.box(west + STEP * i, south, west + STEP * (i + 1), south + 0.009)
           for i in range(6)]
    island_west = west + 6 * STEP + island_east_by
    return [*row, shapely.box(island_west, south + 0.03, island_west + 0.01, south + 0.039)]


def import_estates(tmp_path, shapes: list[shapely.Polygon]) -> list[str]:
    """The estates as a GeoJSON file, their residents and each one's MOPS cases."""
    codes = [f"E{i + 1}" for i in range(len(shapes))]
    features = [{"type": "Feature", "properties": {"kod": code, "nazwa": f"Osiedle {code}"},
                 "geometry": json.loads(shapely.to_geojson(shape))}
                for code, shape in zip(codes, shapes)]
    (tmp_path / "estates.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    import_units(tmp_path / "estates.geojson", "estate", "kod", "nazwa")
    (tmp_path / "p.csv").write_text(
        "unit_code;year;count\n" + "".join(f"{code};2025;1000\n" for code in codes),
        encoding="utf-8")
    import_population(tmp_path / "p.csv")
    who = institution()
    submission = Submission.objects.create(
        institution=who, period="2025", period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), layout="mops", status="active",
        finished_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    code = Code.objects.get(code_list__code="mops_reason", code="1")
    listed = CodeList.objects.get(code="mops_reason")
    units = {u.code: u for u in Unit.objects.current().filter(level__code="estate")}
    UnitCount.objects.bulk_create(
        UnitCount(unit=units[c], level=units[c].level, institution=who, submission=submission,
                  period="2025", code_list=listed, code=code, persons=n, families=n)
        for c, n in zip(codes, (40, 35, 30, 10, 12, 8, 20)))
    return codes


def hotspots(tmp_path) -> tuple[list[dict[str, str]], dict]:
    out = tmp_path / "hot.csv"
    call_command("hotspots", "--indicator", "poverty", "--level", "estate", "--period", "2025",
                 "--weights", "distance", "--permutations", "99", "--audience", "analyst",
                 "--out", str(out))
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return rows, json.loads((tmp_path / "hot.csv.meta.json").read_text(encoding="utf-8"))


def island_to_nearest_estate_m(shapes: list[shapely.Polygon]) -> float:
    """Geodesic metres from the island's point on surface to the nearest other's."""
    points = shapely.get_coordinates(shapely.point_on_surface(shapes))
    geod = Geod(ellps="WGS84")
    return min(geod.inv(*points[-1], *point)[2] for point in points[:-1])


@pytest.mark.parametrize("island_east_by", [0.039, 0.044, 0.059])
def test_it_gives_a_far_island_a_neighbour_by_default(tmp_path, island_east_by):
    # In central Poland; the island lies a few kilometres from the row's eastern end, so the band
    # is the island's distance to its nearest estate and every estate falls within it.
    codes = import_estates(tmp_path, estates(19.0, 52.0, island_east_by))
    rows, meta = hotspots(tmp_path)
    assert [row["unit_code"] for row in rows] == codes
    assert all(int(row["neighbours"]) >= 1 for row in rows), rows
    assert "island" not in {row["cluster"] for row in rows}
    assert meta["parameters"]["islands"] == []


def test_it_measures_the_band_in_true_metres_outside_poland(tmp_path):
    # Near Lisbon, where EPSG:2180 would stretch the band by about 7 %.
    shapes = estates(-9.2, 38.7, 0.05)
    import_estates(tmp_path, shapes)
    rows, meta = hotspots(tmp_path)
    assert all(int(row["neighbours"]) >= 1 for row in rows)
    assert meta["parameters"]["distance_band"] == pytest.approx(
        island_to_nearest_estate_m(shapes), rel=0.01)
