"""A synthetic country at Poland's scale for the national benchmarks: 16 voivodeships, 380
powiats and 2,477 gminas as nested polygons in EPSG:2180, the address register as the
converted CSV ``import-addresses --format csv`` reads, and MOPS and PUP extracts.

    python -m kooperacja.democity.country OUT_DIR [--scale 0.1] [--seed 0] [--periods 5]

The units are always the country's full number (their geometry is cheap); ``scale``
shrinks the volumes: 7.5 million address points and 3 million records a year (500
institutions: a PUP in each powiat and a MOPS in each of the 120 largest gminas, five
yearly periods) at ``scale=1``.

The gminas are Voronoi cells of random seeds (relaxed twice, so they are of similar size)
clipped to a rough outline of Poland; each powiat is the union of the gminas nearest one of
380 of them, each voivodeship the union of the powiats nearest one of 16 powiats, so the
levels nest exactly. Codes are TERYT-shaped: the real voivodeship codes (02…32), powiat =
voivodeship + 2 digits, gmina = powiat + 2 digits + its type (RODZ: 1 urban, 2 rural,
3 urban-rural, in the country's proportions).

Every address is arithmetic on its gmina and its index there (locality, street, number), so
the register and the extracts are written gmina by gmina without holding the country in
memory, and an extract names only addresses the register has. No Django here.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import shapely

from . import codes

FULL_POINTS = 7_500_000
FULL_RECORDS_PER_YEAR = 3_000_000
VOIVODESHIPS = 16
POWIATS = 380
GMINAS = 2_477
MOPS_INSTITUTIONS = 120  # with one PUP per powiat: 500 institutions
FIRST_YEAR = 2021
# Real proportions of gmina types (2024): 302 urban, 1,523 rural, 652 urban-rural.
RODZ_SHARES = {"1": 302, "2": 1_523, "3": 652}
POINTS_PER_STREET = 60
POINTS_PER_VILLAGE = 200
CRS = "EPSG:2180"

VOIVODESHIP_NAMES = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}
# A rough outline of Poland in EPSG:2180 (easting, northing), clockwise from Świnoujście.
OUTLINE = (
    (210_000, 720_000), (330_000, 760_000), (470_000, 775_000), (560_000, 765_000),
    (745_000, 765_000), (760_000, 690_000), (800_000, 590_000), (830_000, 480_000),
    (860_000, 330_000), (850_000, 230_000), (800_000, 140_000), (650_000, 160_000),
    (560_000, 150_000), (480_000, 200_000), (400_000, 250_000), (330_000, 270_000),
    (250_000, 330_000), (200_000, 380_000), (230_000, 440_000), (180_000, 530_000),
)

REGISTER_HEADER = (
    "przestrzen_nazw", "lokalny_id", "wersja_id", "poczatek_wersji_obiektu",
    "wazny_od_lub_data_nadania", "wazny_do", "teryt_wojewodztwo", "wojewodztwo",
    "teryt_powiat", "powiat", "teryt_gmina", "gmina", "teryt_miejscowosc", "miejscowosc",
    "czesc_miejscowosci", "teryt_ulica", "ulica", "numer_porzadkowy", "kod_pocztowy", "status",
    "x_epsg_2180", "y_epsg_2180", "dlugosc_geograficzna", "szerokosc_geograficzna",
)
MOPS_HEADER = ("PESEL", "Nazwisko", "Imię", "Data urodzenia", "Adres", "Miejscowość",
               "Kod pocztowy", "Nr rodziny", "Powody", "Formy pomocy")
PUP_HEADER = ("PESEL", "Nazwisko", "Imię", "Adres", "Miejscowość", "Kategorie", "Instrumenty",
              "Data rejestracji")

_STARTS = ("Bor", "Kal", "Dąb", "Lip", "Brzez", "Gór", "Wol", "Kam", "Ol", "Jabł", "Grab",
           "Buk", "Klon", "Mył", "Rud", "Sok", "Wierzb", "Zar", "Łęk", "Piask", "Mal", "Strzel",
           "Trzcin", "Jaw", "Kroś", "Orzech", "Głog", "Przył", "Świer", "Cis")
_MIDDLES = ("", "o", "ew", "an", "in", "ow", "usz", "ań", "el", "ob")
_ENDS = ("owo", "ice", "ów", "in", "no", "ki", "ek", "any", "ówka", "ewo", "ków", "yn", "owa",
         "ino", "sko", "nik")
_QUALIFIERS = ("", "Nowe ", "Stare ", "Wielkie ", "Małe ", "Górne ", "Dolne ", "Kolonia ",
               "Wola ", "Huta ", "Majdan ", "Zagórze ")
_STREET_NAMES = (
    "Ogrodowa", "Polna", "Leśna", "Słoneczna", "Krótka", "Szkolna", "Lipowa", "Łąkowa",
    "Brzozowa", "Kwiatowa", "Kościuszki", "Mickiewicza", "Sienkiewicza", "Kościelna",
    "Długa", "Spacerowa", "Parkowa", "Wiejska", "Piaskowa", "Zielona", "Jana Pawła II",
    "3 Maja", "Słowackiego", "Kolejowa", "Sportowa", "Akacjowa", "Dworcowa", "Prusa",
    "Żwirki i Wigury", "Kopernika", "Jesionowa", "Wrzosowa", "Wierzbowa", "Klonowa",
    "Chopina", "Konopnickiej", "Polna Boczna", "Nowa", "Topolowa", "Cicha",
)
_STREET_STARTS = ("Ka", "Lo", "Mi", "Nu", "Pe", "Ro", "Sa", "Ti", "Wu", "Ze", "Bo", "Da",
                  "Fi", "Gu", "Ha", "Je", "Ko", "La", "Mo", "Ne", "Po", "Ra", "Se", "To")
_STREET_ENDS = ("owa", "ska", "cka", "na", "wa", "ta")
_SURNAMES = ("Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamińska",
             "Lewandowski", "Zielińska", "Szymański", "Woźniak", "Dąbrowska", "Kozłowski")
_FIRST_NAMES = ("Anna", "Piotr", "Maria", "Krzysztof", "Katarzyna", "Andrzej", "Małgorzata",
                "Tomasz", "Agnieszka", "Paweł", "Barbara", "Michał")
_REASONS = ("1", "4", "5", "6", "9", "13", "1,4", "5,6", "9,13", "7")
_MOPS_FORMS = codes.MOPS_FAMILY_FORMS + codes.MOPS_PERSON_FORMS
_BLOCK = 50_000
_POOL_SPACING = 400_000


@dataclass(frozen=True)
class Units:
    """One level's units: codes, names, their parents' codes and polygons (EPSG:2180)."""

    level: str
    codes: list[str]
    names: list[str]
    parents: list[str]
    geometries: list[shapely.Geometry]


@dataclass(frozen=True)
class Institution:
    code: str
    kind: str  # "mops" or "pup"
    name: str
    territory: str  # TERYT of its gmina or powiat
    gminas: tuple[int, ...]  # positions in Country.gminas


@dataclass
class Country:
    """The generated country: its levels, the points per gmina and the institutions."""

    scale: float
    seed: int
    voivodeships: Units
    powiats: Units
    gminas: Units
    points: np.ndarray  # address points per gmina
    institutions: list[Institution] = field(default_factory=list)

    @property
    def total_points(self) -> int:
        return int(self.points.sum())

    def records_per_year(self, institution: Institution) -> int:
        """Rows of ``institution``'s extract for one period: the country's records split
        half to the MOPSes and half to the PUPs, by the points of their territories."""
        same_kind = [i for i in self.institutions if i.kind == institution.kind]
        weight = sum(int(self.points[list(i.gminas)].sum()) for i in same_kind)
        own = int(self.points[list(institution.gminas)].sum())
        return max(1, round(FULL_RECORDS_PER_YEAR * self.scale / 2 * own / weight))

    def gmina_index(self, teryt: str) -> int:
        return self.gminas.codes.index(teryt)

    @cached_property
    def villages_before(self) -> np.ndarray:
        """Villages of the gminas before each (their names are numbered across the
        country, so that every locality's name is the country's only one)."""
        villages = [math.ceil((int(n) - _seat_points(self, g)) / POINTS_PER_VILLAGE)
                    for g, n in enumerate(self.points)]
        return np.concatenate([[0], np.cumsum(villages)])


def build_country(scale: float = 1.0, seed: int = 0) -> Country:
    """The country's units, points per gmina and institutions (no files written)."""
    if not 0 < scale <= 1:
        raise ValueError("scale must be above 0 and at most 1")
    rng = np.random.default_rng(seed)
    outline = shapely.Polygon(OUTLINE)
    seeds = _random_points(rng, outline, GMINAS)
    for _ in range(2):  # Lloyd's relaxation: cells of more even size
        cells = _voronoi(seeds, outline)
        seeds = shapely.get_coordinates(shapely.point_on_surface(cells))
    cells = _voronoi(seeds, outline)
    centres = shapely.get_coordinates(shapely.centroid(cells))
    powiat_of = _group(rng, centres, POWIATS)
    powiat_centres = np.array([centres[powiat_of == p].mean(axis=0) for p in range(POWIATS)])
    voivodeship_of_powiat = _group(rng, powiat_centres, VOIVODESHIPS)
    # Order so that codes run north-west to south-east, as real ones roughly do.
    voivodeship_order = _reading_order(np.array(
        [powiat_centres[voivodeship_of_powiat == v].mean(axis=0) for v in range(VOIVODESHIPS)]))
    voivodeship_codes = sorted(VOIVODESHIP_NAMES)
    rodz = _gmina_types(rng)
    names = _LocalityNames()
    v_codes, v_names, v_geoms = [], [], []
    p_codes, p_names, p_parents, p_geoms = [], [], [], []
    g_codes, g_names, g_parents, g_geoms, g_rodz = [], [], [], [], []
    for v_position, v in enumerate(voivodeship_order):
        v_code = voivodeship_codes[v_position]
        powiats = np.flatnonzero(voivodeship_of_powiat == v)
        powiats = powiats[_reading_order(powiat_centres[powiats])]
        v_parts = []
        for p_number, p in enumerate(powiats, start=1):
            p_code = f"{v_code}{p_number:02d}"
            gminas = np.flatnonzero(powiat_of == p)
            gminas = gminas[_reading_order(centres[gminas])]
            for g_number, g in enumerate(gminas, start=1):
                g_codes.append(f"{p_code}{g_number:02d}{rodz[g]}")
                g_names.append(names.next())
                g_parents.append(p_code)
                g_geoms.append(cells[g])
                g_rodz.append(rodz[g])
            p_geom = shapely.union_all(cells[gminas])
            p_codes.append(p_code)
            p_names.append(f"powiat {g_names[-len(gminas)]}")
            p_parents.append(v_code)
            p_geoms.append(p_geom)
            v_parts.append(p_geom)
        v_codes.append(v_code)
        v_names.append(VOIVODESHIP_NAMES[v_code])
        v_geoms.append(shapely.union_all(v_parts))
    points = _points_per_gmina(rng, g_rodz, scale)
    country = Country(
        scale, seed,
        Units("wojewodztwo", v_codes, v_names, [""] * len(v_codes), v_geoms),
        Units("powiat", p_codes, p_names, p_parents, p_geoms),
        Units("gmina", g_codes, g_names, g_parents, g_geoms),
        points,
    )
    country.institutions = _institutions(country)
    return country


def _random_points(rng: np.random.Generator, polygon: shapely.Geometry, n: int) -> np.ndarray:
    """``n`` points uniformly inside ``polygon``, as an (n, 2) array."""
    west, south, east, north = polygon.bounds
    found: list[np.ndarray] = []
    count = 0
    shapely.prepare(polygon)
    while count < n:
        xy = rng.uniform((west, south), (east, north), size=(max(64, 2 * (n - count)), 2))
        xy = xy[shapely.contains_xy(polygon, xy[:, 0], xy[:, 1])]
        found.append(xy)
        count += len(xy)
    return np.concatenate(found)[:n]


def _voronoi(seeds: np.ndarray, outline: shapely.Geometry) -> np.ndarray:
    """The Voronoi cell of each seed (in the seeds' order) clipped to ``outline``."""
    cells = shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=outline, ordered=True)
    clipped = shapely.intersection(shapely.get_parts(cells), outline)
    # A clipped cell may come out as a collection: keep its polygon parts.
    return np.array([_polygonal(c) for c in clipped], dtype=object)


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon"]
    return shapely.union_all(parts)


def _group(rng: np.random.Generator, centres: np.ndarray, groups: int) -> np.ndarray:
    """Each of ``centres`` to the nearest of ``groups`` of them chosen as group seeds (then
    moved once to their group's mean); every group keeps at least its seed."""
    chosen = rng.choice(len(centres), groups, replace=False)
    seeds = centres[chosen]
    of = _nearest(centres, seeds)
    seeds = np.array([centres[of == k].mean(axis=0) for k in range(groups)])
    of = _nearest(centres, seeds)
    of[chosen] = np.arange(groups)
    empty = np.setdiff1d(np.arange(groups), of)
    for k in empty:  # a seed moved away from its own centre: give it back
        of[chosen[k]] = k
    return of


def _nearest(points: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    distance = ((points[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2)
    return np.asarray(distance.argmin(axis=1))


def _reading_order(xy: np.ndarray) -> np.ndarray:
    """Positions of ``xy`` from north-west to south-east (in bands of northing)."""
    band = np.floor((xy[:, 1].max() - xy[:, 1]) / 100_000)
    return np.lexsort((xy[:, 0], band))


def _gmina_types(rng: np.random.Generator) -> list[str]:
    types = [kind for kind, count in RODZ_SHARES.items() for _ in range(count)]
    return [str(t) for t in rng.permutation(types)]


def _points_per_gmina(rng: np.random.Generator, rodz: Sequence[str], scale: float) -> np.ndarray:
    """Points per gmina summing to 7.5 million × ``scale``: urban gminas about three times
    a rural one's, spread log-normally; at least one each."""
    weight = rng.lognormal(0.0, 0.6, len(rodz)) * np.array(
        [{"1": 3.0, "2": 1.0, "3": 1.6}[r] for r in rodz])
    total = max(len(rodz), round(FULL_POINTS * scale))
    points = np.maximum(1, np.floor(weight / weight.sum() * total)).astype(np.int64)
    short = total - int(points.sum())
    if short > 0:
        points[np.argsort(-weight)[:short]] += 1
    return points


def _institutions(country: Country) -> list[Institution]:
    found = []
    gminas_of: dict[str, list[int]] = {}
    for position, parent in enumerate(country.gminas.parents):
        gminas_of.setdefault(parent, []).append(position)
    for code, name in zip(country.powiats.codes, country.powiats.names):
        found.append(Institution(f"pup-{code}", "pup", f"PUP {name}", code,
                                 tuple(gminas_of[code])))
    largest = np.argsort(-country.points, kind="stable")[:MOPS_INSTITUTIONS]
    for g in sorted(largest.tolist()):
        code = country.gminas.codes[g]
        found.append(Institution(f"mops-{code}", "mops", f"MOPS {country.gminas.names[g]}",
                                 code, (g,)))
    return found


class _LocalityNames:
    """Locality names unique in the country: start, middle, end, then qualified."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        return self.name(self._take())

    def _take(self) -> int:
        self.count += 1
        return self.count - 1

    @staticmethod
    def name(i: int) -> str:
        i, end = divmod(i, len(_ENDS))
        i, start = divmod(i, len(_STARTS))
        i, middle = divmod(i, len(_MIDDLES))
        qualifier = _QUALIFIERS[i % len(_QUALIFIERS)]
        return f"{qualifier}{_STARTS[start]}{_MIDDLES[middle]}{_ENDS[end]}"


def street_name(i: int) -> str:
    """The ``i``-th street name of a locality (the same list in every locality)."""
    if i < len(_STREET_NAMES):
        return _STREET_NAMES[i]
    i -= len(_STREET_NAMES)
    i, end = divmod(i, len(_STREET_ENDS))
    i, second = divmod(i, len(_STREET_STARTS))
    first = i % len(_STREET_STARTS)
    return f"{_STREET_STARTS[first]}{_STREET_STARTS[second].lower()}{_STREET_ENDS[end]}"


@dataclass(frozen=True)
class GminaAddresses:
    """The addresses of one gmina, point by point (index 0 … n-1): locality, its SIMC id,
    street (empty in a village), number, postcode."""

    locality: np.ndarray
    simc: np.ndarray
    street: np.ndarray
    ulic: np.ndarray
    number: np.ndarray
    postcode: str
    locality_of_point: np.ndarray  # position of each point's locality in the gmina


def gmina_addresses(country: Country, g: int) -> GminaAddresses:
    """The addresses of gmina ``g``: its seat takes every point of an urban gmina, half of
    an urban-rural one's and a fifth of a rural one's, with streets of 60 numbers; the rest
    lie in villages of about 200 points without streets. Pure arithmetic on ``g``."""
    n = int(country.points[g])
    seat = _seat_points(country, g)
    villages = math.ceil((n - seat) / POINTS_PER_VILLAGE)
    first_village = GMINAS + int(country.villages_before[g])
    index = np.arange(n)
    in_seat = index < seat
    village = np.where(in_seat, -1, (index - seat) // POINTS_PER_VILLAGE)
    locality_of_point = village + 1
    # Locality names: the seat is named as the gmina; villages after the country's gminas.
    names = [country.gminas.names[g]] + [
        _LocalityNames.name(first_village + v) for v in range(villages)]
    simcs = [f"{1_000_000 + g * 1_000 + v:07d}" for v in range(villages + 1)]
    street_index = np.where(in_seat, index // POINTS_PER_STREET, -1)
    number = np.where(in_seat, index % POINTS_PER_STREET + 1,
                      (index - seat) % POINTS_PER_VILLAGE + 1)
    streets = np.array([""] + [street_name(i) for i in range(int(street_index.max()) + 1)],
                       dtype=object)
    ulic = np.array([""] + [f"{10_000 + i:05d}" for i in range(int(street_index.max()) + 1)],
                    dtype=object)
    return GminaAddresses(
        locality=np.array(names, dtype=object)[locality_of_point],
        simc=np.array(simcs, dtype=object)[locality_of_point],
        street=streets[street_index + 1],
        ulic=ulic[street_index + 1],
        number=number.astype(str).astype(object),
        postcode=f"{10 + g % 89:02d}-{(g * 37) % 1000:03d}",
        locality_of_point=locality_of_point,
    )


def _seat_points(country: Country, g: int) -> int:
    n = int(country.points[g])
    rodz = country.gminas.codes[g][-1]
    return n if rodz == "1" else max(1, round(n * (0.5 if rodz == "3" else 0.2)))


def gmina_coordinates(country: Country, g: int, addresses: GminaAddresses) -> np.ndarray:
    """Each point's (x, y) in EPSG:2180 inside gmina ``g``: a locality's points gather
    around its centre (a few hundred metres to a few kilometres), all inside the gmina."""
    rng = np.random.default_rng([country.seed, 1, g])
    polygon = country.gminas.geometries[g]
    shapely.prepare(polygon)
    localities = int(addresses.locality_of_point.max()) + 1
    centres = _random_points(rng, polygon, localities)
    spread = np.where(np.arange(localities) == 0, 2_500.0, 600.0)
    of = addresses.locality_of_point
    xy = centres[of] + rng.normal(size=(len(of), 2)) * spread[of, None]
    outside = ~shapely.contains_xy(polygon, xy[:, 0], xy[:, 1])
    while outside.any():
        xy[outside] = centres[of[outside]] + rng.normal(size=(int(outside.sum()), 2)) * (
            spread[of[outside], None] / 2)
        outside = ~shapely.contains_xy(polygon, xy[:, 0], xy[:, 1])
    return xy


def write_boundaries(country: Country, out_dir: Path | str) -> dict[str, Path]:
    """One GeoPackage per level (fields code, name, parent; EPSG:2180); their paths."""
    from pyogrio.raw import write

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for units in (country.voivodeships, country.powiats, country.gminas):
        path = out_dir / f"{units.level}.gpkg"
        geometries = [shapely.MultiPolygon(shapely.get_parts(g)) for g in units.geometries]
        write(path, shapely.to_wkb(np.asarray(geometries, dtype=object)),
              [np.asarray(units.codes, dtype=object), np.asarray(units.names, dtype=object),
               np.asarray(units.parents, dtype=object)],
              ["code", "name", "parent"], geometry_type="MultiPolygon", crs=CRS,
              driver="GPKG")
        paths[units.level] = path
    return paths


def write_register(country: Country, path: Path | str,
                   gminas: Sequence[int] | None = None) -> int:
    """The address register as GUGiK's converted CSV (UTF-8, ','), gmina by gmina; returns
    the points written. ``gminas`` limits it to those positions."""
    path = Path(path)
    written = 0
    powiat_name = dict(zip(country.powiats.codes, country.powiats.names))
    voivodeship_name = dict(zip(country.voivodeships.codes, country.voivodeships.names))
    first_id = np.concatenate([[0], np.cumsum(country.points)])
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(REGISTER_HEADER)
        for g in gminas if gminas is not None else range(len(country.gminas.codes)):
            code = country.gminas.codes[g]
            addresses = gmina_addresses(country, g)
            xy = gmina_coordinates(country, g, addresses)
            ids = np.arange(first_id[g], first_id[g + 1])
            fixed = ("PL.PZGIK.200",)
            region = (code[:2], voivodeship_name[code[:2]], code[:4], powiat_name[code[:4]],
                      code, country.gminas.names[g])
            writer.writerows(
                (*fixed, _uuid(int(i)), "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z",
                 "2012-04-27", "", *region, simc, locality, "", ulic, street, number,
                 addresses.postcode, "istniejacy", f"{x:.2f}", f"{y:.2f}", "", "")
                for i, simc, locality, ulic, street, number, x, y in zip(
                    ids.tolist(), addresses.simc.tolist(), addresses.locality.tolist(),
                    addresses.ulic.tolist(), addresses.street.tolist(),
                    addresses.number.tolist(), xy[:, 0].tolist(), xy[:, 1].tolist())
            )
            written += len(ids)
    return written


def _uuid(i: int) -> str:
    return f"{i * 2654435761 % 2**32:08x}-7c1e-4d6a-9b1f-{i:012x}"


@dataclass(frozen=True)
class ExtractFile:
    path: Path
    institution: str
    layout: str
    period: str
    rows: int


def write_extract(country: Country, institution: Institution, period: str,
                  path: Path | str, rows: int | None = None) -> ExtractFile:
    """``institution``'s extract for ``period`` (a year) in its layout (MOPS: ';'-separated
    CSV in UTF-8 as a client system exports it; PUP: the same with PUP's columns), written
    in blocks. ``rows`` defaults to its share of the country's records for a year.

    The institution's clients form a pool half again as large as a year's rows, living at
    addresses of its territory drawn by the gminas' points; each period takes a draw of
    them, so people come back from year to year. MOPS families are pairs at one address.
    """
    path = Path(path)
    rows = rows or country.records_per_year(institution)
    number = country.institutions.index(institution)
    pool = min(_POOL_SPACING, max(2, round(rows * 1.5)))
    # Distinct people in distinct institutions (PESELs are unique below 221 million).
    offset = number * _POOL_SPACING
    year = int(period[:4])
    rng = np.random.default_rng([country.seed, 2, number, year])
    chosen = np.sort(rng.choice(pool, min(rows, pool), replace=False))
    rows = len(chosen)
    families = chosen // 2 if institution.kind == "mops" else chosen
    homes = _homes(country, institution, pool)
    addresses = {g: gmina_addresses(country, g) for g in institution.gminas}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(MOPS_HEADER if institution.kind == "mops" else PUP_HEADER)
        for start in range(0, rows, _BLOCK):
            people = chosen[start:start + _BLOCK]
            family = families[start:start + _BLOCK]
            gmina, point = homes[0][family], homes[1][family]
            address, locality, postcode = _written_addresses(addresses, gmina, point)
            pesel, birth = _pesels(offset + people)
            draw = np.random.default_rng([country.seed, 3, number, year, start])
            surname = np.array(_SURNAMES, dtype=object)[people % len(_SURNAMES)]
            first = np.array(_FIRST_NAMES, dtype=object)[(people // 7) % len(_FIRST_NAMES)]
            if institution.kind == "mops":
                reasons = np.array(_REASONS, dtype=object)[draw.integers(0, len(_REASONS),
                                                                         len(people))]
                forms = np.array(_MOPS_FORMS, dtype=object)[draw.integers(0, len(_MOPS_FORMS),
                                                                          len(people))]
                writer.writerows(zip(pesel, surname, first, birth, address, locality, postcode,
                                     (family + 1).astype(str).tolist(), reasons, forms))
            else:
                categories = np.array(codes.PUP_CATEGORIES, dtype=object)[
                    draw.integers(0, len(codes.PUP_CATEGORIES), len(people))]
                instruments = np.array(codes.PUP_INSTRUMENTS, dtype=object)[
                    draw.integers(0, len(codes.PUP_INSTRUMENTS), len(people))]
                registered = [f"{year}-{1 + m:02d}-{1 + d:02d}" for m, d in zip(
                    draw.integers(0, 12, len(people)).tolist(),
                    draw.integers(0, 28, len(people)).tolist())]
                writer.writerows(zip(pesel, surname, first, address, locality, categories,
                                     instruments, registered))
    return ExtractFile(path, institution.code, institution.kind, period, rows)


def _homes(country: Country, institution: Institution, pool: int
           ) -> tuple[np.ndarray, np.ndarray]:
    """For each family of the pool: its gmina (position in the country) and point index."""
    rng = np.random.default_rng([country.seed, 4, country.institutions.index(institution)])
    gminas = np.array(institution.gminas)
    weights = country.points[gminas].astype(np.float64)
    gmina = gminas[rng.choice(len(gminas), pool, p=weights / weights.sum())]
    point = (rng.random(pool) * country.points[gmina]).astype(np.int64)
    return gmina, point


def _written_addresses(addresses: dict[int, GminaAddresses], gmina: np.ndarray,
                       point: np.ndarray) -> tuple[list[str], list[str], list[str]]:
    address, locality, postcode = [], [], []
    for g, p in zip(gmina.tolist(), point.tolist()):
        a = addresses[g]
        street = a.street[p]
        address.append(f"ul. {street} {a.number[p]}" if street
                       else f"{a.locality[p]} {a.number[p]}")
        locality.append(a.locality[p])
        postcode.append(a.postcode)
    return address, locality, postcode


def _pesels(ids: np.ndarray) -> tuple[list[str], list[str]]:
    """A valid PESEL and its birth date (dd.mm.yyyy) for each person id; distinct ids below
    221 million get distinct PESELs."""
    day = 1 + ids % 28
    month = 1 + (ids // 28) % 12
    year = 1940 + (ids // 336) % 66
    serial = (ids // (336 * 66)) % 10_000
    coded_month = month + np.where(year >= 2000, 20, 0)
    yy = year % 100
    digits = np.stack([yy // 10, yy % 10, coded_month // 10, coded_month % 10, day // 10,
                       day % 10, serial // 1000, serial // 100 % 10, serial // 10 % 10,
                       serial % 10], axis=1)
    weights = np.array([1, 3, 7, 9, 1, 3, 7, 9, 1, 3])
    check = (10 - (digits * weights).sum(axis=1) % 10) % 10
    whole = np.concatenate([digits, check[:, None]], axis=1)
    pesel = ["".join(map(str, row)) for row in whole.tolist()]
    birth = [f"{d:02d}.{m:02d}.{y}" for d, m, y in zip(day.tolist(), month.tolist(),
                                                         year.tolist())]
    return pesel, birth


def periods(count: int = 5) -> list[str]:
    return [str(FIRST_YEAR + i) for i in range(count)]


def iter_extracts(country: Country, out_dir: Path | str, count: int = 5
                  ) -> Iterator[ExtractFile]:
    """Every institution's extract for each of ``count`` yearly periods, written one by one
    into ``out_dir/<layout>/<institution>/<period>.csv``."""
    out_dir = Path(out_dir)
    for institution in country.institutions:
        folder = out_dir / institution.kind / institution.code
        folder.mkdir(parents=True, exist_ok=True)
        for period in periods(count):
            yield write_extract(country, institution, period, folder / f"{period}.csv")


def write_manifest(country: Country, path: Path | str, extracts: Sequence[ExtractFile] = ()
                   ) -> Path:
    """What was generated: the levels, points and institutions, and the extracts' files."""
    path = Path(path)
    data = {
        "scale": country.scale, "seed": country.seed, "crs": CRS,
        "units": {u.level: len(u.codes) for u in (country.voivodeships, country.powiats,
                                                  country.gminas)},
        "points": country.total_points,
        "institutions": [
            {"code": i.code, "kind": i.kind, "name": i.name, "territory": i.territory,
             "records_per_year": country.records_per_year(i)} for i in country.institutions],
        "extracts": [{"path": str(e.path.relative_to(path.parent)), "institution": e.institution,
                      "layout": e.layout, "period": e.period, "rows": e.rows}
                     for e in extracts],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="share of the country's points and records (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--periods", type=int, default=5, help="yearly extracts from 2021")
    parser.add_argument("--no-extracts", action="store_true", help="units and register only")
    args = parser.parse_args(argv)
    country = build_country(args.scale, args.seed)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_boundaries(country, args.out_dir)
    write_register(country, args.out_dir / "prg.csv")
    extracts = [] if args.no_extracts else list(
        iter_extracts(country, args.out_dir / "extracts", args.periods))
    write_manifest(country, args.out_dir / "manifest.json", extracts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
