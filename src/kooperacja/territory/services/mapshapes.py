"""The units' GeoJSON the map draws: simplified for its zoom, cut to its view, never over
:data:`MAX_BYTES`.

Two things are kept apart, each built once per version of its own inputs:

* the geometry of a level at each band's tolerance (core/simplify.py: shared edges
  simplified once, so neighbours still meet), which depends only on the level's current
  generation of boundaries: an import of counts or population does not simplify again. Kept
  in this process's memory per generation (:func:`band_shapes`);
* each unit's properties (population, density) and the answer for a whole level at a band
  (:func:`units_body`), stored by territory/answers.py at the public answers' version; the
  answer for a view (``bbox``) is assembled from them per request, views being too many
  to keep.

An answer lists every unit of the level with its properties (the map's legend and table
need them all); a ``bbox`` keeps the geometries of the units it touches and gives the others
``null``. When the body would still exceed :data:`MAX_BYTES`, the next coarser band is used,
and the answer says which tolerance it holds (``tolerance_m``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from django.conf import settings

from kooperacja.core.metric import WGS84, project, unproject
from kooperacja.core.simplify import (
    Band,
    coarser,
    finer,
    round_coordinates,
    simplify_coverage,
)
from kooperacja.territory import answers
from kooperacja.territory.models import Generation, Unit
from kooperacja.territory.services.metric import metric_crs
from kooperacja.territory.services.population import population_methods, population_totals
from kooperacja.territory.services.selection import codes_in

log = logging.getLogger(__name__)
# A body of one level's units never exceeds this (uncompressed; gzip sends about a fifth).
MAX_BYTES = 2_000_000
BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Shapes:
    """One level's geometries at one band: GeoJSON text per unit id and each unit's WGS84
    bounds (rows in the order of ``ids``)."""

    ids: np.ndarray
    geometry: dict[int, str]
    bounds: np.ndarray


_shapes: dict[tuple[object, ...], Shapes] = {}
_guard = threading.Lock()


def _generation_state(level: str) -> tuple[object, ...]:
    found = (Generation.objects.current().filter(level__code=level)
             .values_list("pk", "checksum", "created_at").first())
    return tuple(found) if found else ()


def band_shapes(level: str, band: Band) -> Shapes:
    """The current units of ``level`` simplified for ``band``: built once per generation
    of the level's boundaries (and metric plane), kept in this process's memory and, for
    the other processes, in a file of the data directory (the task worker simplifies after
    every change: web/services/warm.py)."""
    crs = metric_crs() if band.tolerance else WGS84
    key = ("shapes", level, band, crs, _generation_state(level))
    found = _shapes.get(key)
    if found is not None:
        return found
    with answers.one_at_a_time(key):
        found = _shapes.get(key)
        if found is None:
            # Simplified by the task worker (or another process) already, or now, once.
            path = _cache_file(key) if band.tolerance else None
            found = _read_cached(path) if path is not None else None
            if found is None:
                found = _build_shapes(level, band, crs)
                if path is not None:
                    _write_cached(path, found)
            with _guard:
                # Only the shapes of current generations stay.
                for old in [k for k in _shapes if k[1] == level and k[4] != key[4]]:
                    del _shapes[old]
                _shapes[key] = found
    return found


def _cache_file(key: tuple[object, ...]) -> Path:
    """Where the shapes of ``key`` are kept for every process of the installation: named by
    the level and the state of its boundaries (and the metric plane), so that a new
    generation's replace them."""
    level, state = (hashlib.sha256(repr(part).encode()).hexdigest()[:16]
                    for part in (key[1], key[3:]))
    tolerance = key[2].tolerance  # type: ignore[attr-defined]
    return Path(settings.DATA_DIR) / "cache" / "shapes" / f"{level}-{state}-{tolerance:g}.json"


def _read_cached(path: Path) -> Shapes | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ids = np.asarray(found["ids"], dtype=np.int64)
    return Shapes(ids, dict(zip(ids.tolist(), found["geometry"])),
                  np.asarray(found["bounds"], dtype=float).reshape(-1, 4))


def _write_cached(path: Path, shapes: Shapes) -> None:
    """Written whole or not at all; the files of the level's older boundaries go."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        level, state, _ = path.name.split("-", 2)
        for old in path.parent.glob(f"{level}-*.json"):
            if not old.name.startswith(f"{level}-{state}-"):
                old.unlink(missing_ok=True)
        ids = shapes.ids.tolist()
        text = json.dumps({"ids": ids, "geometry": [shapes.geometry[i] for i in ids],
                           "bounds": shapes.bounds.tolist()})
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        log.warning("simplified boundaries not kept in %s", path.parent, exc_info=True)


def _build_shapes(level: str, band: Band, crs: str) -> Shapes:
    source = finer(band) if band.tolerance else None
    if source is not None:
        # From the next more detailed band's shapes, not the original's (core/simplify.py).
        detailed = band_shapes(level, source)
        ids = detailed.ids
        original = shapely.from_geojson([detailed.geometry[pk] for pk in ids.tolist()])
        bounds = detailed.bounds
    else:
        rows = list(Unit.objects.current().filter(level__code=level).order_by("pk")
                    .values_list("pk", "geometry"))
        ids = np.array([pk for pk, _ in rows], dtype=np.int64)
        if not rows:
            return Shapes(ids, {}, np.zeros((0, 4)))
        texts = [text for _, text in rows]
        original = shapely.from_geojson(texts)
        bounds = shapely.bounds(original)
        if not band.tolerance:
            # As stored: spliced in, never parsed and written again.
            return Shapes(ids, dict(zip(ids.tolist(), texts)), bounds)
    if not len(ids):
        return Shapes(ids, {}, np.zeros((0, 4)))
    metric = project(original, crs)
    simplified = simplify_coverage(metric, band.tolerance)
    back = unproject(simplified, crs)
    back = round_coordinates(back, band.decimals)
    return Shapes(ids, dict(zip(ids.tolist(), shapely.to_geojson(back).tolist())), bounds)


def _properties(level: str) -> list[tuple[int, str, str]]:
    """Each current unit's id, code and properties as JSON text, in the order of ids."""
    rows = list(Unit.objects.current().filter(level__code=level).order_by("pk")
                .values_list("pk", "code", "name", "parent__code", "area_km2"))
    pks = [row[0] for row in rows]
    totals = population_totals(pks)
    methods = population_methods(pks)
    found = []
    for pk, code, name, parent_code, area in rows:
        year, people = totals.get(pk, (None, None))
        properties = {
            "code": code, "name": name, "level": level, "parent_code": parent_code,
            "area_km2": round(area, 4), "population": people, "population_year": year,
            "population_estimated": people is not None and methods.get(pk) == "dasymetric",
            "population_method": methods.get(pk) if people is not None else None,
            "density": round(people / area, 1) if people is not None and area > 0 else None,
        }
        found.append((pk, code, json.dumps(properties, ensure_ascii=False)))
    return found


def units_body(level: str, band: Band, bbox: BBox | None, t: str | None = None) -> answers.Body:
    """The GeoJSON FeatureCollection of ``level``'s units at ``band`` (geometries only
    of the units touching ``bbox`` when given; only territory ``t``'s units when given), at
    the first band from ``band`` down whose body fits in :data:`MAX_BYTES`."""
    within = codes_in(t, level)
    properties = [(pk, text) for pk, code, text
                  in answers.stored(("unit properties", level), lambda: _properties(level))
                  if within is None or code in within]
    chosen: Band | None = band
    text = ""
    while chosen is not None:
        found = _collection(properties, band_shapes(level, chosen), chosen, bbox,
                            whatever_size=coarser(chosen) is None)
        if found is not None:
            text = found
            if len(text.encode()) <= MAX_BYTES:
                break
        chosen = coarser(chosen)
    return answers.body(text, "application/geo+json")


def _collection(properties: list[tuple[int, str]], shapes: Shapes, band: Band,
                bbox: BBox | None, whatever_size: bool = False) -> str | None:
    """The body, or None when its characters alone exceed :data:`MAX_BYTES` (not
    assembled: as imported, a country's gminas take 90 MB) unless ``whatever_size``."""
    shown: set[int] | None = None
    if bbox is not None and len(shapes.ids):
        west, south, east, north = bbox
        b = shapes.bounds
        touching = (b[:, 0] <= east) & (b[:, 2] >= west) & (b[:, 1] <= north) & (b[:, 3] >= south)
        shown = set(shapes.ids[touching].tolist())
    if shown is None and len(properties) < len(shapes.geometry):  # a territory's units
        shown = {pk for pk, _ in properties}
    drawn = shapes.geometry if shown is None else {pk: shapes.geometry[pk] for pk in shown
                                                   if pk in shapes.geometry}
    size = sum(map(len, drawn.values())) + sum(len(p) for _, p in properties)
    if size > MAX_BYTES and not whatever_size:
        return None
    features = []
    for pk, properties_json in properties:
        geometry = shapes.geometry.get(pk) if shown is None or pk in shown else None
        features.append(f'{{"type":"Feature","geometry":{geometry or "null"},'
                        f'"properties":{properties_json}}}')
    return (f'{{"type":"FeatureCollection","tolerance_m":{band.tolerance:g},'
            f'"features":[' + ",".join(features) + "]}")
