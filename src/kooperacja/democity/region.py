"""Two demo gminas in one powiat: Hutnów and Młotów beside it, for a region's installation.

`build_region(out_dir, seed, scale)` builds Hutnów into `out_dir` exactly as `build_city`
does (its manifest stays `out_dir/manifest.json`), Młotów into `out_dir/mlotow` (its own
seed, name, TERC code, address points and MOPS), and into `out_dir/region` the files a
region loads once for both: the powiat's boundary (the union of the two), the gminas, their
districts and estates, population, the address register, the TERC entries of the fictional
codes, the resources, and the powiat labour office's (PUP) extracts, which hold the
registered unemployed of both gminas. It returns the region's manifest (also in
`out_dir/region/region.json`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import pandas as pd
import shapely

from .build import (
    RESOURCE_COLUMNS,
    City,
    _write_csv,
    _write_pup,
    _write_units,
    address_table,
    generate_city,
    write_address_table,
)
from .files import to_wgs84, write_geojson
from .manifest import FileInfo
from .place import HUTNOW, MLOTOW, POWIAT, WOJEWODZTWO, Place
from .trend import PERIODS

REGION_DIR = "region"
# The gminas of a region of `n` territories, in order: the first is the demo city.
PLACES: tuple[Place, ...] = (HUTNOW, MLOTOW)
# Valid from, in the TERC entries written for the fictional codes.
TERC_STATE = "2025-01-01"


def build_region(out_dir: Path, seed: int = 2026, scale: int = 1) -> dict[str, Any]:
    """Generate both gminas and the region's shared files; return the region's manifest."""
    out_dir = Path(out_dir)
    cities: list[tuple[Place, Path, City]] = []
    taken = None
    for k, place in enumerate(PLACES):
        where = out_dir if k == 0 else out_dir / place_dir(place)
        # Each gmina its own seed; nobody in the second has a PESEL of the first's people.
        city = generate_city(where, seed + k, scale, place, taken=taken)
        taken = city.pesels
        cities.append((place, where, city))
    region = out_dir / REGION_DIR
    region.mkdir(parents=True, exist_ok=True)
    files = _write_region(region, cities)
    manifest = {
        "generator": "kooperacja.democity.region",
        "seed": seed,
        "scale": scale,
        "fictional": True,
        "powiat": {"teryt": POWIAT[0], "name": POWIAT[1]},
        "gminas": [
            {
                "name": place.name,
                "teryt_gmina": place.teryt_gmina,
                # Relative to out_dir: the gmina's own files and manifest.
                "directory": str(where.relative_to(out_dir)),
                "manifest": str((where / "manifest.json").relative_to(out_dir)),
                "pup": city.manifest.to_dict()["pup"],
            }
            for place, where, city in cities
        ],
        "files": {key: asdict(info) for key, info in files.items()},
    }
    (region / "region.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest


def place_dir(place: Place) -> str:
    """The folder of a gmina other than the first (its name in plain ASCII)."""
    return place.name.lower().replace("ł", "l").replace("ó", "o")


def _write_region(region: Path, cities: list[tuple[Place, Path, City]]) -> dict[str, FileInfo]:
    boundaries = [city.geography.boundary for _, _, city in cities]
    powiat = shapely.set_precision(shapely.union_all(boundaries), 0.01)
    write_geojson(region / "powiat.geojson",
                  [({"code": POWIAT[0], "name": POWIAT[1]}, to_wgs84(powiat))])
    write_geojson(
        region / "gminas.geojson",
        [({"code": p.teryt_gmina, "name": p.name}, to_wgs84(c.geography.boundary))
         for p, _, c in cities],
    )
    files = {
        "powiat": FileInfo("powiat.geojson", "GeoJSON", ("code", "name"), 1, "utf-8", "EPSG:4326",
                           load={"level": "powiat", "code_field": "code", "name_field": "name",
                                 "teryt_codes": True},
                           notes="The fictional powiat: the union of its gminas."),
        "gminas": FileInfo("gminas.geojson", "GeoJSON", ("code", "name"), len(cities), "utf-8",
                           "EPSG:4326",
                           load={"level": "city", "code_field": "code", "name_field": "name",
                                 "parent_level": "powiat", "teryt_codes": True},
                           notes="The gminas; code is the fictional TERC gmina code."),
    }
    first = cities[0][2].geography
    merged = replace(
        first,
        districts=tuple(d for _, _, c in cities for d in c.geography.districts),
        estates=tuple(e for _, _, c in cities for e in c.geography.estates),
    )
    files.update(_write_units(region, merged))
    files["population"] = _write_csv(
        region / "population.csv",
        pd.concat([c.population for _, _, c in cities], ignore_index=True),
        "utf-8", "\n", "Residents per estate of both gminas (unit_code = estate KOD).",
    )
    files["addresses"] = write_address_table(
        region, pd.concat([address_table(c.points, p) for p, _, c in cities], ignore_index=True))
    for year in PERIODS:
        rows = pd.concat([c.pup_rows[year] for _, _, c in cities], ignore_index=True)
        files[f"pup_{year}"] = _write_pup(region, rows, year)
    resources = []
    for k, (place, _, city) in enumerate(cities):
        table = city.resources[list(RESOURCE_COLUMNS)].copy()
        if k:
            table["id"] = place.code_prefix + table["id"]
            table["name"] = table["name"].str.replace(HUTNOW.locative, place.locative)
        resources.append(table)
    files["resources"] = _write_csv(
        region / "resources.csv", pd.concat(resources, ignore_index=True), "utf-8", "\n",
        "The resources of both gminas; ids of the second carry its prefix.")
    terc = pd.DataFrame(
        [(WOJEWODZTWO[0], "", "", "", WOJEWODZTWO[1].upper(), "województwo", TERC_STATE),
         (POWIAT[0][:2], POWIAT[0][2:], "", "", POWIAT[1].removeprefix("powiat "), "powiat",
          TERC_STATE)]
        + [(p.teryt_gmina[:2], p.teryt_gmina[2:4], p.teryt_gmina[4:6], p.teryt_gmina[6],
            p.name, "gmina miejska", TERC_STATE) for p, _, _ in cities],
        columns=["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"],
    )
    files["terc"] = _write_csv(region / "terc.csv", terc, "utf-8", "\n",
                               "TERC entries of the fictional codes, as Statistics Poland's CSV.")
    return files
