"""The synthetic country: levels that nest, a register the importer reads, extracts whose
every address is in the register."""

from __future__ import annotations

import collections

import numpy as np
import pytest
import shapely
from stdnum.pl import pesel as stdnum_pesel

from kooperacja.core.prg import read_addresses
from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.core.submissions.reading import open_extract
from kooperacja.democity import country as generator
from kooperacja.democity.country import (
    GMINAS,
    POWIATS,
    VOIVODESHIPS,
    build_country,
    gmina_addresses,
    write_extract,
    write_register,
)

SCALE = 0.002  # 15,000 points


@pytest.fixture(scope="module")
def country() -> generator.Country:
    return build_country(SCALE, seed=3)


def test_the_country_has_polands_units_with_teryt_shaped_codes(country):
    assert len(country.voivodeships.codes) == VOIVODESHIPS == 16
    assert len(country.powiats.codes) == POWIATS == 380
    assert len(country.gminas.codes) == GMINAS == 2_477
    assert sorted(country.voivodeships.codes) == sorted(generator.VOIVODESHIP_NAMES)
    assert all(len(c) == 4 and c[:2] == p for c, p in
               zip(country.powiats.codes, country.powiats.parents))
    assert all(len(c) == 7 and c[:4] == p for c, p in
               zip(country.gminas.codes, country.gminas.parents))
    assert len(set(country.gminas.codes)) == GMINAS
    # Gmina types in the country's proportions: the last digit (RODZ).
    assert collections.Counter(c[-1] for c in country.gminas.codes) == {
        "1": 302, "2": 1_523, "3": 652}
    assert len(country.institutions) == 500
    assert collections.Counter(i.kind for i in country.institutions) == {"pup": 380, "mops": 120}


def test_gminas_tile_the_country_and_nest_in_their_powiats_and_voivodeships(country):
    outline = shapely.Polygon(generator.OUTLINE)
    gminas = np.array(country.gminas.geometries, dtype=object)
    assert shapely.area(gminas).sum() == pytest.approx(outline.area, rel=1e-9)
    assert shapely.union_all(gminas).area == pytest.approx(outline.area, rel=1e-9)
    powiat = dict(zip(country.powiats.codes, country.powiats.geometries))
    voivodeship = dict(zip(country.voivodeships.codes, country.voivodeships.geometries))
    for code, geometry in zip(country.gminas.codes, country.gminas.geometries):
        assert geometry.difference(powiat[code[:4]]).area < 1e-3, code
    for code, geometry in powiat.items():
        assert geometry.difference(voivodeship[code[:2]]).area < 1e-3, code
        assert geometry.geom_type == "Polygon" or len(shapely.get_parts(geometry)) <= 3
    # Gminas are tens to a few hundred km², as real ones.
    km2 = shapely.area(gminas) / 1e6
    assert 20 < np.median(km2) < 300


def test_the_register_is_a_converted_csv_the_importer_reads_with_points_in_their_gmina(
        country, tmp_path):
    path = tmp_path / "prg.csv"
    assert write_register(country, path) == country.total_points == round(7_500_000 * SCALE)
    chunks = list(read_addresses(path, "csv"))
    teryt = np.concatenate([c.teryt_gmina for c in chunks])
    x = np.concatenate([c.x for c in chunks])
    y = np.concatenate([c.y for c in chunks])
    assert len(teryt) == country.total_points
    assert len(set(np.concatenate([c.source_id for c in chunks]).tolist())) == len(teryt)
    polygons = dict(zip(country.gminas.codes, country.gminas.geometries))
    for code in sorted(set(teryt.tolist()))[::50]:
        here = teryt == code
        assert shapely.contains_xy(polygons[code], x[here], y[here]).all(), code
    # A streetless village address has a locality and a number.
    streets = np.concatenate([c.street for c in chunks])
    assert (streets == "").any() and (streets != "").any()


def test_register_and_extract_of_a_scaled_country_are_scaled(tmp_path):
    tiny = build_country(0.0005, seed=1)
    assert tiny.total_points == 3_750
    assert (tiny.points >= 1).all()
    pup = tiny.institutions[0]
    assert tiny.records_per_year(pup) < 20


@pytest.mark.parametrize("kind", ["mops", "pup"])
def test_an_extract_fits_its_layout_and_names_only_register_addresses(country, tmp_path, kind):
    institution = next(i for i in country.institutions if i.kind == kind)
    written = write_extract(country, institution, "2025", tmp_path / "e.csv", rows=3_000)
    assert written.rows == 3_000
    extract = open_extract(written.path, LAYOUTS[kind])
    rows = pd_concat(extract.chunks())
    assert len(rows) == 3_000
    pesels = rows["pesel"]
    assert pesels.map(stdnum_pesel.is_valid).all()
    assert pesels.is_unique
    register = set()
    for g in institution.gminas:
        a = gmina_addresses(country, g)
        register.update(
            f"ul. {s} {n}|{loc}" if s else f"{loc} {n}|{loc}"
            for s, n, loc in zip(a.street.tolist(), a.number.tolist(), a.locality.tolist()))
    written_addresses = rows["address"] + "|" + rows["locality"]
    assert set(written_addresses) <= register


def test_a_year_later_many_clients_come_back(country, tmp_path):
    mops = next(i for i in country.institutions if i.kind == "mops")
    first = write_extract(country, mops, "2024", tmp_path / "a.csv", rows=2_000)
    second = write_extract(country, mops, "2025", tmp_path / "b.csv", rows=2_000)
    people = [set(pd_concat(open_extract(e.path, LAYOUTS["mops"]).chunks())["pesel"])
              for e in (first, second)]
    assert 0.3 < len(people[0] & people[1]) / 2_000 < 0.9


def test_the_same_seed_writes_the_same_files(tmp_path):
    one, two = build_country(0.0005, seed=5), build_country(0.0005, seed=5)
    write_register(one, tmp_path / "a.csv", gminas=range(40))
    write_register(two, tmp_path / "b.csv", gminas=range(40))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def pd_concat(chunks):
    import pandas as pd

    return pd.concat(list(chunks), ignore_index=True)
