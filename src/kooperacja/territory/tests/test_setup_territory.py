"""Setting up a region from PRG's administrative units and the TERC register.

The sample in tests/data/prg_units is shaped as GUGiK publishes the units (Shapefiles
A01-A03 in EPSG:2180 with PRG's columns, and the WFS's GML); its codes and names are real,
its shapes derived (tests/data/prg_units/README.md)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
import shapely
import shapely.affinity
from django.core.management import CommandError, call_command
from django.utils import translation
from pyogrio.raw import read, write

from kooperacja.core.errors import UserError
from kooperacja.core.prg.units import RegionProblems
from kooperacja.territory.models import Generation, Level, Unit
from kooperacja.territory.services.regions import gmina_type, gmina_types, setup_territory

pytestmark = pytest.mark.django_db

LAYERS = ("A01_Granice_wojewodztw", "A02_Granice_powiatow", "A03_Granice_gmin")
NOWOSOLSKI = {"0804011", "0804023", "0804032", "0804043", "0804052", "0804063", "0804073",
              "0804082"}


@pytest.fixture
def prg(sample_data: Path, tmp_path: Path) -> Path:
    """A copy of the sample (GDAL writes its schema beside a GML it reads)."""
    folder = tmp_path / "prg"
    shutil.copytree(sample_data / "prg_units", folder)
    return folder


@pytest.fixture
def terc(sample_data: Path) -> Path:
    return sample_data / "teryt" / "TERC_Urzedowy_2025-11-18.xml"


def shapefiles(folder: Path) -> list[Path]:
    return [folder / f"{layer}.shp" for layer in LAYERS]


def current(level: str) -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.current().filter(level__code=level)
            .select_related("parent", "territory", "level")}


def rewrite(path: Path, out: Path, change) -> Path:
    """Write ``path``'s layer to ``out`` with every column kept, geometries and codes
    passed through ``change(code, geometry) -> (code, geometry) | None`` (None drops)."""
    meta, _, wkb, values = read(path)
    codes = list(values[list(meta["fields"]).index("JPT_KOD_JE")])
    keep, geometries = [], []
    for i, (code, geometry) in enumerate(zip(codes, shapely.from_wkb(wkb))):
        changed = change(code, geometry)
        if changed is not None:
            keep.append(i)
            codes[i], geometry = changed
            geometries.append(geometry)
    values[list(meta["fields"]).index("JPT_KOD_JE")] = np.array(codes, dtype=object)
    write(out, shapely.to_wkb(np.array(geometries, dtype=object)),
          [np.asarray(v)[keep] for v in values], list(meta["fields"]),
          geometry_type="Polygon", crs=meta["crs"], encoding="UTF-8")
    return out


def test_it_builds_a_powiat_with_its_gminas_and_voivodeship_from_prg_shapefiles(prg, terc):
    result = setup_territory("0804", shapefiles(prg), terc=terc)

    voivodeships, powiats, gminas = current("wojewodztwo"), current("powiat"), current("gmina")
    assert set(voivodeships) == {"08"} and set(powiats) == {"0804"}
    assert set(gminas) == NOWOSOLSKI  # słubicki's gminas in the same file are left out
    assert result.outside == 6 and result.name == "powiat nowosolski"
    # Names from TERC, as PRG writes them; the town and the rural gmina of one name apart.
    assert voivodeships["08"].name == "lubuskie"
    assert powiats["0804"].name == "powiat nowosolski"
    assert gminas["0804032"].name == "Kolsko"
    assert gminas["0804011"].name == "Nowa Sól (gmina miejska)"
    assert gminas["0804052"].name == "Nowa Sól (gmina wiejska)"
    # Parents by code, every unit its own territory, teryt set.
    assert all(g.parent == powiats["0804"] for g in gminas.values())
    assert powiats["0804"].parent == voivodeships["08"] and voivodeships["08"].parent is None
    for unit in [*voivodeships.values(), *powiats.values(), *gminas.values()]:
        assert unit.teryt == unit.code and unit.territory_id == unit.pk
    # Polish level names, coarse to fine.
    levels = list(Level.objects.filter(code__in=["wojewodztwo", "powiat", "gmina"]))
    assert [(lv.code, lv.name) for lv in levels] == [
        ("wojewodztwo", "Województwa"), ("powiat", "Powiaty"), ("gmina", "Gminy")]
    # The EPSG:2180 file lands where Kolsko is (Konotop, 15.912 E 51.930 N, lies in it).
    assert shapely.from_geojson(gminas["0804032"].geometry).contains(shapely.Point(15.912, 51.930))
    assert gminas["0804011"].area_km2 == pytest.approx(21.8, abs=0.3)


def test_gmina_types_come_from_the_terc_register(prg, terc):
    setup_territory("0804", shapefiles(prg), terc=terc)
    assert gmina_type("0804011") == "urban"
    assert gmina_type("0804032") == "rural"
    assert gmina_type("0804043") == "urban-rural"
    assert gmina_type("1465011") == "urban"  # Warsaw: "gmina miejska, miasto stołeczne"
    assert gmina_type("0804") is None and gmina_type("0804044") is None  # a powiat, a town
    assert gmina_type("2499011") == "urban"  # not in TERC: its RODZ digit
    assert gmina_types(["0804052", "0805022", "x"]) == {"0804052": "rural", "0805022": "rural"}


def test_a_rerun_with_the_same_files_changes_nothing(prg, terc):
    setup_territory("0804", shapefiles(prg), terc=terc)
    before = list(Unit.objects.order_by("pk").values_list(
        "pk", "code", "name", "parent_id", "territory_id", "teryt", "generation_id"))
    again = setup_territory("0804", shapefiles(prg))
    assert [lv.stored.created for lv in again.levels] == [False, False, False]
    assert list(Unit.objects.order_by("pk").values_list(
        "pk", "code", "name", "parent_id", "territory_id", "teryt", "generation_id")) == before
    assert Generation.objects.count() == 3


def test_the_wfs_gml_with_all_levels_in_one_file_builds_the_same(prg, terc):
    setup_territory("0805043", [prg / "prg_units_wfs.gml"], terc=terc)
    gminas = current("gmina")
    assert set(gminas) == {"0805043"} and gminas["0805043"].name == "Rzepin"
    assert gminas["0805043"].parent.code == "0805"
    assert gminas["0805043"].parent.parent.code == "08"
    centre = shapely.from_geojson(gminas["0805043"].geometry).centroid
    assert centre.x == pytest.approx(14.83, abs=0.05) and centre.y == pytest.approx(52.35, abs=0.05)


def test_a_second_region_joins_the_first(prg, terc):
    setup_territory("0804", shapefiles(prg), terc=terc)
    setup_territory("0805", shapefiles(prg))
    gminas = current("gmina")
    assert set(gminas) == NOWOSOLSKI | {"0805013", "0805022", "0805033", "0805043", "0805053"}
    assert gminas["0804032"].parent.code == "0804" and gminas["0805022"].parent.code == "0805"
    assert set(current("powiat")) == {"0804", "0805"} and set(current("wojewodztwo")) == {"08"}
    assert all(u.territory_id == u.pk for u in gminas.values())
    # Both again: nothing changes.
    generations = Generation.objects.count()
    assert not any(lv.stored.created for lv in setup_territory("0804", shapefiles(prg)).levels)
    assert not any(lv.stored.created for lv in setup_territory("0805", shapefiles(prg)).levels)
    assert Generation.objects.count() == generations


def test_only_the_levels_asked_for(prg, terc):
    setup_territory("0804", [prg / "A03_Granice_gmin.shp"], levels=["gmina"], terc=terc)
    gminas = current("gmina")
    assert set(gminas) == NOWOSOLSKI and all(g.parent is None for g in gminas.values())
    assert not Level.objects.filter(code__in=["powiat", "wojewodztwo"]).exists()

    with pytest.raises(UserError) as error:
        setup_territory("0804", [prg / "A03_Granice_gmin.shp"], terc=terc)
    assert "A01_Granice_wojewodztw" in str(error.value) and "--levels" in str(error.value)


def test_units_that_do_not_nest_are_reported_one_by_one_and_nothing_is_stored(prg, terc, tmp_path):
    def move(code, geometry):
        if code == "0804032":  # Kolsko pushed 6 km east, over the powiat's line
            return code, shapely.affinity.translate(geometry, 6_000, 0)
        if code == "0804063":  # Nowe Miasteczko coded as a gmina of powiat 0809
            return "0809022", geometry
        return code, geometry

    gminy = rewrite(prg / "A03_Granice_gmin.shp", tmp_path / "A03_Granice_gmin.shp", move)
    with pytest.raises(RegionProblems) as error:
        setup_territory("08", [prg / "A01_Granice_wojewodztw.shp",
                               prg / "A02_Granice_powiatow.shp", gminy], terc=terc)
    problems = [str(p) for p in error.value.problems]
    assert len(problems) == 2
    assert "0804032 (Kolsko)" in problems[0] and "0804 (powiat nowosolski)" in problems[0]
    assert "ha" in problems[0] and "A03_Granice_gmin.shp" in problems[0]
    assert "0809022 (Nowe Miasteczko)" in problems[1] and "0809" in problems[1]
    assert not Unit.objects.exists() and not Level.objects.exists()

    with translation.override("pl"), pytest.raises(CommandError) as command:
        call_command("setup_territory", "--teryt", "08", "--boundaries",
                     str(prg / "A01_Granice_wojewodztw.shp"), "--boundaries",
                     str(prg / "A02_Granice_powiatow.shp"), "--boundaries", str(gminy),
                     "--terc", str(terc), verbosity=0)
    lines = str(command.value).splitlines()
    assert lines[0].startswith("2 jednostki nie pasują do regionu")
    assert "przecina granicę 0804 (powiat nowosolski)" in lines[1]
    assert "0809022 (Nowe Miasteczko)" in lines[2]
    assert not Unit.objects.exists()


def test_a_code_terc_does_not_know_is_reported(prg, terc, tmp_path):
    gminy = rewrite(prg / "A03_Granice_gmin.shp", tmp_path / "A03_Granice_gmin.shp",
                    lambda code, g: ("0804092" if code == "0804082" else code, g))
    with pytest.raises(RegionProblems) as error:
        setup_territory("0804", [*shapefiles(prg)[:2], gminy], terc=terc)
    [problem] = error.value.problems
    assert "0804092 (Siedlisko)" in str(problem) and "TERC" in str(problem)
    assert not Unit.objects.exists()


def test_the_parts_of_urban_rural_gminas_are_left_out(prg, terc, tmp_path):
    # Kożuchów's town and rural area beside it, coded as PRG's cadastral layer codes them.
    meta, _, wkb, values = read(prg / "A03_Granice_gmin.shp")
    fields = list(meta["fields"])
    codes = list(values[fields.index("JPT_KOD_JE")])
    at = codes.index("0804043")
    whole = shapely.from_wkb(wkb[at])
    town = shapely.intersection(whole, whole.centroid.buffer(1_500))
    pieces = [town, shapely.difference(whole, town)]
    rows = [at, at]
    values = [np.concatenate([np.asarray(v), np.asarray(v)[rows]]) for v in values]
    values[fields.index("JPT_KOD_JE")][-2:] = ["080404_4", "080404_5"]
    geometries = np.array([*shapely.from_wkb(wkb), *pieces], dtype=object)
    write(tmp_path / "A03.shp", shapely.to_wkb(geometries), values, fields,
          geometry_type="Polygon", crs=meta["crs"], encoding="UTF-8")
    result = setup_territory("0804", [*shapefiles(prg)[:2], tmp_path / "A03.shp"], terc=terc)
    assert result.parts == 2
    assert set(current("gmina")) == NOWOSOLSKI


def test_a_file_without_the_code_column_names_its_columns_in_polish(prg, terc, tmp_path):
    path = tmp_path / "gminy.shp"
    write(path, shapely.to_wkb(np.array([shapely.box(0, 0, 1000, 1000)], dtype=object)),
          [np.array(["0804032"], dtype=object), np.array(["Kolsko"], dtype=object)],
          ["KOD", "NAZWA"], geometry_type="Polygon", crs="EPSG:2180", encoding="UTF-8")
    with translation.override("pl"), pytest.raises(CommandError) as error:
        call_command("setup_territory", "--teryt", "0804", "--boundaries", str(path),
                     "--terc", str(terc), verbosity=0)
    message = str(error.value)
    assert message.startswith("gminy.shp: brak kolumny JPT_KOD_JE")
    assert "KOD, NAZWA" in message and "Traceback" not in message
    assert not Unit.objects.exists()


def test_the_command_reports_what_it_built(prg, terc, capsys):
    with translation.override("pl"):
        out = call_command("setup_territory", "--teryt", "0804",
                           *[a for p in shapefiles(prg) for a in ("--boundaries", str(p))],
                           "--terc", str(terc), verbosity=0)
    assert "gmina: 8 jednostek regionu" in out
    assert "region 0804 (powiat nowosolski)" in out
    assert set(current("gmina")) == NOWOSOLSKI


def test_bad_codes_are_refused_before_reading(prg, terc):
    for code, words in [("0804044", "0804043"), ("123", "TERYT"), ("1465028", "RODZ 8")]:
        with pytest.raises(UserError) as error:
            setup_territory(code, shapefiles(prg), terc=terc)
        assert words in str(error.value)
    with pytest.raises(UserError, match="TERC register is not loaded"):
        setup_territory("0804", shapefiles(prg))


def test_it_reports_each_step_and_import_teryt_keeps_its_names(prg, terc):
    steps = []
    setup_territory("0804", shapefiles(prg), terc=terc,
                    progress=lambda stage, done, total: steps.append((stage, done, total)))
    assert steps[:2] == [("reading", 0, 3), ("reading", 1, 3)] and ("checking", 9, 9) in steps
    assert steps[-1] == ("storing", 3, 3)

    from kooperacja.territory.services.teryt import import_teryt

    import_teryt(terc)  # a register loaded again names the units as setup-territory did
    assert Unit.objects.current().get(code="08").name == "lubuskie"
    assert Unit.objects.current().get(code="0804052").name == "Nowa Sól (gmina wiejska)"
    assert Generation.objects.count() == 3


def test_the_retirement_guard_stops_the_whole_region_and_leaves_it_as_it_was(prg, terc, tmp_path):
    setup_territory("0804", shapefiles(prg), terc=terc)
    before = list(Unit.objects.order_by("pk").values_list("pk", "generation_id", "parent_id"))
    # A new drawing of the powiat (a new generation) with three of its eight gminas left out.
    powiaty = rewrite(prg / "A02_Granice_powiatow.shp", tmp_path / "A02_Granice_powiatow.shp",
                      lambda code, g: (code, shapely.buffer(g, 10)))
    gone = {"0804023", "0804063", "0804082"}
    gminy = rewrite(prg / "A03_Granice_gmin.shp", tmp_path / "A03_Granice_gmin.shp",
                    lambda code, g: None if code in gone else (code, g))
    files = [prg / "A01_Granice_wojewodztw.shp", powiaty, gminy]
    with pytest.raises(UserError) as error:
        setup_territory("0804", files)
    assert "A03_Granice_gmin.shp" in str(error.value) and "--allow-retire" in str(error.value)
    assert list(Unit.objects.order_by("pk").values_list(
        "pk", "generation_id", "parent_id")) == before  # the powiat's new generation too

    result = setup_territory("0804", files, allow_retire=True)
    assert [lv.stored.created for lv in result.levels] == [False, True, True]
    gminas = current("gmina")
    assert set(gminas) == NOWOSOLSKI - gone
    assert {g.parent_id for g in gminas.values()} == {current("powiat")["0804"].pk}


def test_files_of_another_region_hold_nothing_for_it(prg, terc):
    with pytest.raises(UserError) as error:
        setup_territory("0806", shapefiles(prg), terc=terc)
    assert "0806" in str(error.value) and "A02_Granice_powiatow" in str(error.value)
    assert not Unit.objects.exists()


def test_gugiks_zip_as_downloaded_gives_its_three_levels(prg, terc, tmp_path):
    # The download also holds cadastral units (A05), whose codes repeat the gminas'.
    archive = tmp_path / "jednostki_administracyjne.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(prg.glob("A0*")):
            zipped.write(path, path.name)
            if path.stem == "A03_Granice_gmin":
                zipped.write(path, "A05_Granice_jednostek_ewidencyjnych" + path.suffix)
    setup_territory("0805", [archive], terc=terc)
    assert set(current("gmina")) == {"0805013", "0805022", "0805033", "0805043", "0805053"}
    assert current("powiat")["0805"].parent.code == "08"


def test_cadastral_units_given_for_gminas_name_the_gminas_missing(prg, terc, tmp_path):
    # A05 writes Kożuchów (0804043) as its town and rural area only, 080404_4 and _5.
    meta, _, wkb, values = read(prg / "A03_Granice_gmin.shp")
    fields = list(meta["fields"])
    codes = values[fields.index("JPT_KOD_JE")]
    values[fields.index("JPT_KOD_JE")] = np.array(
        ["080404_4" if c == "0804043" else f"{c[:6]}_{c[6]}" for c in codes], dtype=object)
    write(tmp_path / "A05.shp", wkb, values, fields, geometry_type="Polygon", crs=meta["crs"],
          encoding="UTF-8")
    with pytest.raises(RegionProblems) as error:
        setup_territory("0804", [*shapefiles(prg)[:2], tmp_path / "A05.shp"], terc=terc)
    [problem] = error.value.problems
    assert "0804044 (Kożuchów)" in str(problem) and "0804043" in str(problem)
    assert "A03_Granice_gmin" in str(problem)


def test_codes_saved_as_numbers_get_their_leading_zero_back(prg, terc, tmp_path):
    meta, _, wkb, values = read(prg / "A03_Granice_gmin.shp")
    fields = list(meta["fields"])
    at = fields.index("JPT_KOD_JE")
    values[at] = np.array([int(c) for c in values[at]], dtype=np.int64)  # 0804032 → 804032
    write(tmp_path / "A03.shp", wkb, values, fields, geometry_type="Polygon", crs=meta["crs"],
          encoding="UTF-8")
    setup_territory("0804", [*shapefiles(prg)[:2], tmp_path / "A03.shp"], terc=terc)
    assert set(current("gmina")) == NOWOSOLSKI
