"""Build the demo city: generate every part from one seed and write the files."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from . import names
from .addresses import build_addresses
from .extracts import MOPS_HEADER, PUP_HEADER, MopsExtract, mops_extract, pup_extract
from .files import to_wgs84, write_geojson, write_polygons
from .geography import Geography, build_geography
from .manifest import FileInfo, Manifest
from .place import HUTNOW, Place
from .people import mops_clients, pup_clients
from .population import population_table
from .report import city_section, manifest_sections, period_sections
from .resources import place_resources
from .streets import build_streets
from .trend import PERIODS, plant_trend
from .xlsx import write_xlsx

TERYT_WOJEWODZTWO = ("24", "śląskie")
TERYT_POWIAT = ("2499", names.CITY_NAME)
TERYT_GMINA = HUTNOW.teryt_gmina
ADDRESS_COLUMNS = (
    "lokalny_id",
    "teryt_wojewodztwo",
    "wojewodztwo",
    "teryt_powiat",
    "powiat",
    "teryt_gmina",
    "gmina",
    "teryt_miejscowosc",
    "miejscowosc",
    "czesc_miejscowosci",
    "teryt_ulica",
    "ulica",
    "numer_porzadkowy",
    "kod_pocztowy",
    "status",
    "x_epsg_2180",
    "y_epsg_2180",
    "dlugosc_geograficzna",
    "szerokosc_geograficzna",
)
RESOURCE_COLUMNS = (
    "id",
    "name",
    "kind",
    "kind_label",
    "address",
    "postcode",
    "locality",
    "phone",
    "opening_hours",
    "capacity",
    "problems",
)
# Each part draws from its own stream, so changing one part leaves the others as they were.
_STREAMS = (
    "geography",
    "streets",
    "addresses",
    "population",
    "mops",
    "pup",
    "mops_extract",
    "pup_extract",
    "resources",
    "trend",
)


@dataclass(frozen=True)
class City:
    """A generated city: its manifest and the tables its files were written from."""

    manifest: Manifest
    geography: Geography
    points: pd.DataFrame
    population: pd.DataFrame
    pup_rows: dict[int, pd.DataFrame]
    resources: pd.DataFrame
    pesels: np.ndarray  # of every MOPS client and registered unemployed, in every period


def build_city(out_dir: Path, seed: int = 2026, scale: int = 1, place: Place = HUTNOW) -> Manifest:
    """Generate the demo city into `out_dir` and return its manifest (also in manifest.json).

    The same seed gives byte-identical files. `scale` multiplies the MOPS and PUP records
    (for benchmarks); the territory, addresses and resources do not change with it. The MOPS
    and PUP extracts and the population cover every period of `trend.PERIODS`; the
    manifest's estates, districts, mops, pup and overlap describe the latest, its periods
    section each of them. `place` names and places the city (Hutnów unless given).
    """
    return generate_city(out_dir, seed, scale, place).manifest


def generate_city(
    out_dir: Path,
    seed: int = 2026,
    scale: int = 1,
    place: Place = HUTNOW,
    taken: np.ndarray | None = None,
) -> City:
    """:func:`build_city`, returning the tables too; `taken` are PESELs another city's
    people already have (the city's new people get others)."""
    if seed < 0:
        raise ValueError(f"seed must be 0 or more, not {seed}")
    if scale < 1:
        raise ValueError(f"scale must be 1 or more, not {scale}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = {name: np.random.default_rng([seed, k]) for k, name in enumerate(_STREAMS)}

    geo = build_geography(rng["geography"], place)
    streets = build_streets(rng["streets"], geo)
    points = build_addresses(rng["addresses"], geo, streets)
    residents = np.bincount(points["estate"], points["residents"], minlength=len(geo.estates))
    trend = plant_trend(rng["trend"], geo, residents, PERIODS)
    population = population_table(rng["population"], geo, points, PERIODS)
    mops = mops_clients(rng["mops"], geo, points, scale, trend, taken)
    pup = pup_clients(rng["pup"], points, mops, scale, trend, taken)
    extracts = {
        year: mops_extract(rng["mops_extract"], mops[year], points, streets, scale)
        for year in PERIODS
    }
    pup_rows = {
        year: pup_extract(rng["pup_extract"], pup[year], points, streets) for year in PERIODS
    }
    resources = place_resources(rng["resources"], geo, points, streets)
    latest = PERIODS[-1]
    extract_files: dict[str, FileInfo] = {}
    for year in PERIODS:
        extract_files[f"mops_{year}"] = _write_mops(out_dir, extracts[year], year)
        extract_files[f"pup_{year}"] = _write_pup(out_dir, pup_rows[year], year)

    files = {
        "city": _write_city(out_dir, geo),
        **_write_units(out_dir, geo),
        "addresses": _write_addresses(out_dir, points, place),
        "population": _write_csv(
            out_dir / "population.csv",
            population,
            "utf-8",
            "\n",
            "Residents per estate (unit_code = estate KOD) by year, sex "
            "(K = women, M = men) and age band; 18-29 + 30-49 + 50-64 = working age 18-64.",
        ),
        # The latest period's extracts under their old keys, then every period's.
        "mops": extract_files[f"mops_{latest}"],
        "pup": extract_files[f"pup_{latest}"],
        **extract_files,
        "resources": _write_csv(
            out_dir / "resources.csv",
            resources[list(RESOURCE_COLUMNS)],
            "utf-8",
            "\n",
            "capacity: places, or people served per day, as the provider states it; "
            "problems: art. 7 reason codes the resource addresses.",
        ),
    }
    city = city_section(
        geo,
        points,
        population,
        streets,
        place.teryt_gmina,
        TERYT_POWIAT,
        TERYT_WOJEWODZTWO,
        place.simc_codes(),
    )
    manifest = Manifest(
        generator="kooperacja.democity",
        version=2,  # 2: every period's extracts and truth (periods, trend)
        seed=seed,
        scale=scale,
        fictional=True,
        city=city,
        files=files,
        **manifest_sections(
            geo,
            points,
            population,
            mops[latest],
            pup[latest],
            extracts[latest],
            resources,
            latest,
        ),
        **period_sections(
            geo,
            points,
            population,
            {year: (mops[year], pup[year], extracts[year]) for year in PERIODS},
            trend,
            {year: {"mops": f"mops_{year}", "pup": f"pup_{year}"} for year in PERIODS},
        ),
    )
    manifest.write(out_dir / "manifest.json")
    pesels = np.unique(
        np.concatenate([t["pesel"].to_numpy(dtype=str) for t in (*mops.values(), *pup.values())])
    ).astype(object)
    return City(manifest, geo, points, population, pup_rows, resources, pesels)


def _write_city(out_dir: Path, geo: Geography) -> FileInfo:
    write_geojson(
        out_dir / "city.geojson",
        [({"code": geo.place.teryt_gmina, "name": geo.place.name}, to_wgs84(geo.boundary))],
    )
    return FileInfo(
        "city.geojson",
        "GeoJSON",
        ("code", "name"),
        1,
        "utf-8",
        "EPSG:4326",
        load={"level": "city", "code_field": "code", "name_field": "name"},
        notes="The city boundary; code is the fictional TERC gmina code.",
    )


def _write_units(out_dir: Path, geo: Geography) -> dict[str, FileInfo]:
    write_polygons(
        out_dir / "districts.gpkg",
        [d.geometry for d in geo.districts],
        {"kod": [d.code for d in geo.districts], "nazwa": [d.name for d in geo.districts]},
        driver="GPKG",
        layer="districts",
    )
    write_polygons(
        out_dir / "estates.shp",
        [e.geometry for e in geo.estates],
        {
            "KOD": [e.code for e in geo.estates],
            "NAZWA": [e.name for e in geo.estates],
            "DZIELNICA": [e.district for e in geo.estates],
        },
        driver="ESRI Shapefile",
        encoding="cp1250",
    )
    return {
        "districts": FileInfo(
            "districts.gpkg",
            "GPKG",
            ("kod", "nazwa"),
            len(geo.districts),
            "utf-8",
            "EPSG:2180",
            layer="districts",
            load={
                "level": "district",
                "code_field": "kod",
                "name_field": "nazwa",
                "parent_level": "city",
            },
        ),
        "estates": FileInfo(
            "estates.shp",
            "ESRI Shapefile",
            ("KOD", "NAZWA", "DZIELNICA"),
            len(geo.estates),
            "cp1250",
            "EPSG:2180",
            sidecars=("estates.shx", "estates.dbf", "estates.prj", "estates.cpg"),
            load={
                "level": "estate",
                "code_field": "KOD",
                "name_field": "NAZWA",
                "parent_field": "DZIELNICA",
                "parent_level": "district",
                "encoding": "cp1250",
            },
            notes="The .dbf is Windows-1250 (declared in the .cpg); DZIELNICA is the district kod.",
        ),
    }


def _write_addresses(out_dir: Path, points: pd.DataFrame, place: Place = HUTNOW) -> FileInfo:
    return write_address_table(out_dir, address_table(points, place))


def address_table(points: pd.DataFrame, place: Place) -> pd.DataFrame:
    """The address points as the PRG's converted CSV lists them."""
    n = len(points)
    return pd.DataFrame(
        {
            "lokalny_id": points["source_id"],
            "teryt_wojewodztwo": TERYT_WOJEWODZTWO[0],
            "wojewodztwo": TERYT_WOJEWODZTWO[1],
            "teryt_powiat": TERYT_POWIAT[0],
            "powiat": TERYT_POWIAT[1],
            "teryt_gmina": place.teryt_gmina,
            "gmina": place.name,
            "teryt_miejscowosc": points["simc"],
            "miejscowosc": points["locality"],
            "czesc_miejscowosci": "",
            "teryt_ulica": points["ulic"],
            "ulica": points["street"],
            "numer_porzadkowy": points["number"],
            "kod_pocztowy": points["postcode"],
            "status": "istniejacy",
            "x_epsg_2180": np.char.mod("%.2f", points["x"].to_numpy()),
            "y_epsg_2180": np.char.mod("%.2f", points["y"].to_numpy()),
            "dlugosc_geograficzna": np.char.mod("%.7f", points["lon"].to_numpy()),
            "szerokosc_geograficzna": np.char.mod("%.7f", points["lat"].to_numpy()),
        },
        index=range(n),
    )


def write_address_table(out_dir: Path, table: pd.DataFrame) -> FileInfo:
    return _write_csv(
        out_dir / "addresses.csv",
        table,
        "utf-8",
        "\n",
        "PRG address points in the converted-CSV layout; x = easting, y = northing.",
        crs="EPSG:2180",
    )


def _write_mops(out_dir: Path, extract: MopsExtract, year: int) -> FileInfo:
    info = _write_csv(
        out_dir / f"mops_{year}.csv",
        extract.rows[list(MOPS_HEADER)],
        "cp1250",
        "\r\n",
        f"MOPS client extract for {year}, one row per person, CRLF line ends; see the "
        f"period's mops.bad_rows (periods.{year}.mops).",
    )
    return replace(info, load={"layout": "mops", "institution": "MOPS", "period": str(year)})


def _write_pup(out_dir: Path, rows: pd.DataFrame, year: int) -> FileInfo:
    write_xlsx(
        out_dir / f"pup_{year}.xlsx",
        "Bezrobotni",
        PUP_HEADER,
        [rows[c].tolist() for c in PUP_HEADER],
    )
    return FileInfo(
        f"pup_{year}.xlsx",
        "XLSX",
        PUP_HEADER,
        len(rows),
        sheet="Bezrobotni",
        load={"layout": "pup", "institution": "PUP", "period": str(year)},
        notes="PESEL as text; Data rejestracji as Excel dates; multi-valued cells split by ', '.",
    )


def _write_csv(
    path: Path,
    table: pd.DataFrame,
    encoding: str,
    line_end: str,
    notes: str,
    crs: str | None = None,
) -> FileInfo:
    table.to_csv(path, sep=";", index=False, encoding=encoding, lineterminator=line_end)
    return FileInfo(
        path.name,
        "CSV",
        tuple(table.columns),
        len(table),
        encoding,
        crs,
        separator=";",
        notes=notes,
    )
