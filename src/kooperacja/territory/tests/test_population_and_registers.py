"""Population figures, the TERC register and the grid level."""

from __future__ import annotations

import pytest
import shapely

from kooperacja.core.tables import TableError
from kooperacja.territory.models import Population, TercUnit, Unit
from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.services.grid import make_grid
from kooperacja.territory.services.population import import_population
from kooperacja.territory.services.teryt import import_teryt

pytestmark = pytest.mark.django_db


@pytest.fixture
def estates(tmp_path, layer_writer):
    path = layer_writer(tmp_path / "e.gpkg",
                        [shapely.box(0, 0, 0.01, 0.01), shapely.box(0.02, 0, 0.03, 0.01)],
                        {"kod": ["E1", "E2"], "nazwa": ["Zatorze", "Błonie"]}, "EPSG:4326")
    import_units(path, "estate", "kod", "nazwa")


def test_it_totals_breakdowns_by_sex_and_age(tmp_path, estates):
    path = tmp_path / "ludnosc.csv"
    path.write_text(
        "Kod;Rok;Płeć;Wiek;Liczba\nE1;2025;K;0-17;10\nE1;2025;K;18-64;20\nE1;2025;M;0-17;5\n"
        "E2;2025;;;300\n", encoding="cp1250",
    )
    result = import_population(path)
    assert result.units == 2 and result.years == [2025]
    assert Population.objects.get(unit__code="E1", year=2025, sex="", age_band="").count == 35
    assert Population.objects.get(unit__code="E2", year=2025, sex="", age_band="").count == 300


def test_it_replaces_a_year_on_reimport_and_rejects_unknown_units(tmp_path, estates):
    path = tmp_path / "p.csv"
    path.write_text("unit_code,year,count\nE1,2025,100\n", encoding="utf-8")
    import_population(path)
    path.write_text("unit_code,year,count\nE1,2025,120\n", encoding="utf-8")
    import_population(path)
    assert Population.objects.get(unit__code="E1").count == 120

    path.write_text("unit_code,year,count\nE1,2026,1\nX9,2026,5\n", encoding="utf-8")
    with pytest.raises(TableError) as error:
        import_population(path)
    # Row and column, never the cell: the column mapped as the code may hold a PESEL.
    assert "row 3" in str(error.value) and "unit_code" in str(error.value)
    assert "X9" not in str(error.value)
    assert not Population.objects.filter(year=2026).exists()


def test_it_loads_the_real_terc_register_and_names_gminas(sample_data, tmp_path, layer_writer):
    path = layer_writer(tmp_path / "g.gpkg", [shapely.box(15.9, 51.9, 16.0, 52.0)],
                        {"kod": ["0804032"], "nazwa": ["?"]}, "EPSG:4326")
    import_units(path, "gmina", "kod", "nazwa")
    result = import_teryt(sample_data / "teryt" / "TERC_Urzedowy_2025-11-18.xml")
    assert result.entries == TercUnit.objects.count() > 2400
    assert TercUnit.objects.get(code="02").name == "DOLNOŚLĄSKIE"
    assert TercUnit.objects.get(code="0201011").kind == "gmina miejska"
    gmina = Unit.objects.get(code="0804032")
    assert gmina.teryt == "0804032" and gmina.name == "Kolsko"
    import_teryt(sample_data / "teryt" / "TERC_Urzedowy_2025-11-18.xml")
    assert TercUnit.objects.count() == result.entries


def test_it_makes_a_grid_clipped_to_the_territory(tmp_path, layer_writer):
    city = shapely.Point(19.94, 50.06).buffer(0.03)
    import_units(layer_writer(tmp_path / "c.gpkg", [city], {"kod": ["C"], "nazwa": ["Miasto"]},
                              "EPSG:4326"),
                 "city", "kod", "nazwa")
    result = make_grid("C", 1000, "EPSG:3035")
    cells = Unit.objects.current().filter(level__code="grid1km")
    assert result.units == cells.count() > 10
    total = sum(cells.values_list("area_km2", flat=True))
    assert total == pytest.approx(Unit.objects.get(code="C").area_km2, rel=0.001)
    assert all(c.parent.code == "C" for c in cells.select_related("parent"))
    assert cells.first().code.startswith("CRS3035RES1000mN")
    assert not make_grid("C", 1000, "EPSG:3035").created
