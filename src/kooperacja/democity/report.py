"""The manifest's sections: the city's facts and the truth the platform should find."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd
from shapely.geometry import Point

from . import codes, names
from .extracts import MopsExtract
from .files import to_wgs84
from .geography import Geography
from .resources import KINDS
from .streets import Street
from .trend import Trend
from .truth import district_truth, estate_truth

FICTION_NOTE = (
    "Fictional city: its name, TERYT codes (TERC, SIMC, ULIC), postcodes, boundaries and people "
    "do not exist. Street, district and person names are real Polish names; PESELs are valid "
    "numbers made up for fictional people."
)


def city_section(
    geo: Geography,
    points: pd.DataFrame,
    population: pd.DataFrame,
    streets: list[Street],
    gmina: str,
    powiat: tuple[str, str],
    wojewodztwo: tuple[str, str],
    simc: dict[str, str],
) -> dict[str, Any]:
    """Name, codes, localities, extent and size of the city."""
    centre = to_wgs84(Point(geo.centre))
    per_locality = points.groupby("locality", sort=False)
    localities = [
        {
            "name": name,
            "simc": code,
            "address_points": int(per_locality.size().get(name, 0)),
            "streetless": bool((points.loc[points["locality"] == name, "street"] == "").all()),
        }
        for name, code in simc.items()
    ]
    named = {(s.locality, s.name.full) for s in streets if s.name is not None}
    by_name: dict[str, list[str]] = {}
    for locality, name in sorted(named):
        by_name.setdefault(name, []).append(locality)
    return {
        "name": geo.place.name,
        "fictional": True,
        "note": FICTION_NOTE,
        "teryt_gmina": gmina,
        "teryt_powiat": powiat[0],
        "powiat": powiat[1],
        "teryt_wojewodztwo": wojewodztwo[0],
        "wojewodztwo": wojewodztwo[1],
        "localities": localities,
        "streetless_localities": [loc["name"] for loc in localities if loc["streetless"]],
        "centre": {
            "x": geo.centre[0],
            "y": geo.centre[1],
            "lon": round(centre.x, 7),
            "lat": round(centre.y, 7),
        },
        "bounds_epsg_2180": [round(v, 2) for v in geo.boundary.bounds],
        "area_km2": round(geo.boundary.area / 1e6, 2),
        "residents": {str(y): int(c) for y, c in population.groupby("year")["count"].sum().items()},
        "address_points": len(points),
        "streets": len(named),
        "street_names": len(by_name),
        "shared_street_names": [
            {"name": n, "localities": locs} for n, locs in by_name.items() if len(locs) > 1
        ],
    }


def manifest_sections(
    geo: Geography,
    points: pd.DataFrame,
    population: pd.DataFrame,
    mops: pd.DataFrame,
    pup: pd.DataFrame,
    extract: MopsExtract,
    resources: pd.DataFrame,
    year: int,
) -> dict[str, Any]:
    """districts, estates, hot_spots, underserved, mops, pup, overlap and resources, for the
    extracts of `year` (the latest period)."""
    valid = _valid(mops, extract)
    estates = estate_truth(geo, points, population, mops, valid, pup, year)
    districts = district_truth(estates)
    names_of = {d.code: d.name for d in geo.districts}
    districts.insert(1, "name", districts["code"].map(names_of))
    districts.insert(2, "estates", [list(d.estates) for d in geo.districts])
    return {
        "districts": _records(districts),
        "estates": _records(estates),
        "hot_spots": _hot_spots(geo, estates),
        "underserved": _underserved(geo, points, districts, resources),
        "mops": _mops(mops, valid, extract),
        "pup": _pup(pup),
        "overlap": _overlap(estates, districts, year),
        "resources": _resources(geo, points, resources),
    }


# The per-period truth keeps the counts and rates, not the estates' descriptions.
PERIOD_COLUMNS = (
    "code",
    "residents",
    "working_age",
    "mops_persons",
    "mops_families",
    "poverty_persons",
    "pup_persons",
    "persons_both",
    "same_training",
    "mops_per_1000",
    "poverty_per_1000",
    "pup_per_1000_working_age",
)
CHANGE_RATES = ("mops_per_1000", "poverty_per_1000", "pup_per_1000_working_age")


def period_sections(
    geo: Geography,
    points: pd.DataFrame,
    population: pd.DataFrame,
    extracts: dict[int, tuple[pd.DataFrame, pd.DataFrame, MopsExtract]],
    trend: Trend,
    files: dict[int, dict[str, str]],
) -> dict[str, Any]:
    """periods (the truth of each period's extracts) and trend (what changed, and where).

    `extracts` maps a year to its MOPS people, PUP people and MOPS extract; `files` a year to
    the manifest's file keys of its extracts.
    """
    periods: dict[str, Any] = {}
    tables: dict[int, pd.DataFrame] = {}
    for year, (mops, pup, extract) in extracts.items():
        valid = _valid(mops, extract)
        estates = estate_truth(geo, points, population, mops, valid, pup, year)
        districts = district_truth(estates)
        tables[year] = estates
        periods[str(year)] = {
            "files": files[year],
            "residents": int(population.loc[population["year"] == year, "count"].sum()),
            "estates": _records(estates[list(PERIOD_COLUMNS)]),
            "districts": _records(districts[list(PERIOD_COLUMNS)]),
            "mops": _mops(mops, valid, extract),
            "pup": _pup(pup),
            "overlap": _overlap(estates, districts, year),
            "continuing": {},
        }
    years = sorted(extracts)
    for before, after in zip(years, years[1:]):
        periods[str(after)]["continuing"] = {
            "from": str(before),
            "mops_persons": _continuing(extracts[before][0], extracts[after][0]),
            "pup_persons": _continuing(extracts[before][1], extracts[after][1]),
        }
    return {"periods": periods, "trend": _trend(geo, trend, tables)}


def _continuing(before: pd.DataFrame, after: pd.DataFrame) -> int:
    """Persons of `after` also in `before`, by PESEL."""
    return len(set(after["pesel"]) & set(before["pesel"]))


def _trend(geo: Geography, trend: Trend, tables: dict[int, pd.DataFrame]) -> dict[str, Any]:
    first, last = min(tables), max(tables)
    change = {}
    for rate in CHANGE_RATES:
        delta = tables[last][rate] - tables[first][rate]
        order = np.argsort(-delta.to_numpy(), kind="stable")
        codes_ = tables[last]["code"].to_numpy()
        change[rate] = {
            "grew_most": [
                {"code": str(codes_[i]), "change": round(float(delta.iloc[i]), 2)}
                for i in order[:3]
            ],
            "fell_most": [
                {"code": str(codes_[i]), "change": round(float(delta.iloc[i]), 2)}
                for i in order[::-1][:3]
            ],
        }
    return {
        "periods": [str(p) for p in trend.periods],
        "description": "Need drifts a little in most estates between the periods; it grew "
        "markedly in the estates in `grew` (a post-industrial hot spot after a closure, an "
        "ordinary estate) and fell in those in `fell` (the old centre's renewal, an ordinary "
        "estate). The latest period keeps the need the hot spots were planted with.",
        "grew": list(trend.grew),
        "fell": list(trend.fell),
        "need_growth": {e.code: round(float(g), 3) for e, g in zip(geo.estates, trend.growth)},
        "change": {"from": str(first), "to": str(last), **change},
    }


def _valid(mops: pd.DataFrame, extract: MopsExtract) -> np.ndarray:
    valid = np.ones(len(mops), dtype=bool)
    valid[extract.person[[b.data_row - 1 for b in extract.bad]]] = False
    return valid


def _pup(pup: pd.DataFrame) -> dict[str, Any]:
    return {
        "rows": len(pup),
        "from_mops": int((pup["mops_row"] >= 0).sum()),
        "long_term_unemployed": int(sum("długotrwale bezrobotni" in c for c in pup["categories"])),
    }


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _plain(v) for k, v in row.items()} for row in table.to_dict(orient="records")]


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def _rate(persons: pd.Series, base: pd.Series) -> float:
    return round(1000 * float(persons.sum()) / float(base.sum()), 2)


def _hot_spots(geo: Geography, estates: pd.DataFrame) -> dict[str, Any]:
    hot = estates["hot"]
    return {
        "estates": sorted(estates.loc[hot, "code"]),
        "clusters": [list(c) for c in geo.hot_clusters],
        "districts": sorted(estates.loc[hot, "district"].unique()),
        "description": "An old centre and a post-industrial area with a familoki workers' estate: "
        "poverty and unemployment concentrated there, low elsewhere.",
        "mops_per_1000_hot": _rate(estates.loc[hot, "mops_persons"], estates.loc[hot, "residents"]),
        "mops_per_1000_rest": _rate(
            estates.loc[~hot, "mops_persons"], estates.loc[~hot, "residents"]
        ),
        "pup_per_1000_working_age_hot": _rate(
            estates.loc[hot, "pup_persons"], estates.loc[hot, "working_age"]
        ),
        "pup_per_1000_working_age_rest": _rate(
            estates.loc[~hot, "pup_persons"], estates.loc[~hot, "working_age"]
        ),
    }


def _underserved(
    geo: Geography, points: pd.DataFrame, districts: pd.DataFrame, resources: pd.DataFrame
) -> dict[str, Any]:
    social = {k.code for k in KINDS if k.social}
    district_of = np.array([e.district for e in geo.estates], dtype=object)[
        points["estate"].to_numpy()
    ]
    where = district_of[resources["point"].to_numpy()]
    in_district = where == geo.industrial_district
    rates = dict(zip(districts["code"], districts["mops_per_1000"]))
    return {
        "districts": [geo.industrial_district],
        "mops_per_1000": float(rates[geo.industrial_district]),
        "social_resources_in_district": int((in_district & resources["kind"].isin(social)).sum()),
        "resources_in_district": int(in_district.sum()),
        "social_kinds": sorted(social),
        "description": "High-need district with no social service of its own: people go to "
        "neighbouring districts for help.",
    }


def _mops(mops: pd.DataFrame, valid: np.ndarray, extract: MopsExtract) -> dict[str, Any]:
    good = mops[valid]
    families = good.groupby("family")["reasons"].first()
    return {
        "rows": len(extract.rows),
        "valid_rows": int(valid.sum()),
        "families": int(mops["family"].nunique()),
        "valid_families": len(families),
        "bad_rows": [asdict(b) for b in extract.bad],
        "bad_row_numbering": "data_row 1 is the first row under the header; line counts the header as line 1",
        "families_by_reason": {c: int(sum(c in r for r in families)) for c in codes.MOPS_REASONS},
        "persons_by_reason": {
            c: int(sum(c in r for r in good["reasons"])) for c in codes.MOPS_REASONS
        },
        "address_styles": extract.styles,
    }


def _overlap(estates: pd.DataFrame, districts: pd.DataFrame, year: int) -> dict[str, Any]:
    columns = ["persons_both", "same_training"]
    return {
        "institutions": ["MOPS", "PUP"],
        "period": str(year),
        "instrument_types": {
            k: {side: list(v) for side, v in m.items()} for k, m in codes.INSTRUMENT_TYPES.items()
        },
        "note": "Persons matched by PESEL among valid MOPS rows; each is counted in the unit of "
        "the address point both offices record for them.",
        "city": {c: int(estates[c].sum()) for c in columns},
        "by_district": {
            r["code"]: {c: int(r[c]) for c in columns} for _, r in districts.iterrows()
        },
        "by_estate": {r["code"]: {c: int(r[c]) for c in columns} for _, r in estates.iterrows()},
    }


def _resources(geo: Geography, points: pd.DataFrame, resources: pd.DataFrame) -> dict[str, Any]:
    district_of = np.array([e.district for e in geo.estates], dtype=object)[
        points["estate"].to_numpy()
    ]
    where = pd.Series(district_of[resources["point"].to_numpy()])
    return {
        "count": len(resources),
        "by_kind": {k.code: int((resources["kind"] == k.code).sum()) for k in KINDS},
        "by_district": {d.code: int((where == d.code).sum()) for d in geo.districts},
    }
