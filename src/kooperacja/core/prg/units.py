"""Reading PRG's administrative units (voivodeships, powiats, gminas) for one region and
checking that they nest.

GUGiK publishes the units of the state register of boundaries (PRG, "jednostki
administracyjne") as the Shapefile layers ``A01_Granice_wojewodztw``,
``A02_Granice_powiatow`` and ``A03_Granice_gmin`` (or GML) in EPSG:2180, each unit's TERYT
code in ``JPT_KOD_JE`` and its name in ``JPT_NAZWA_`` among many other ``JPT_*`` columns.
Which level a unit is on follows from its code's length: 2 digits a voivodeship, 4 a
powiat, 7 a gmina (the 7th digit its kind, RODZ: 1 urban, 2 rural, 3 urban-rural). Codes
with RODZ 4 or 5 (the town and the rural area of an urban-rural gmina, as PRG's layer of
cadastral units writes them, ``080404_4``), 8 (a district of Warsaw) or 9 (a delegation of
a city) are parts of a gmina, not gminas: they are left out and counted.

The pure core: no Django; problems are :class:`~kooperacja.core.errors.UserError` s the
interfaces translate (docs/regions.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from pyproj import Transformer

from kooperacja.core.boundaries import WGS84, read_boundaries
from kooperacja.core.errors import Plural, UserError, ngettext_noop
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.vectors import VectorLayer, open_layer

CODE_FIELD = "JPT_KOD_JE"
NAME_FIELD = "JPT_NAZWA_"
# Coarse to fine; the level codes of the installation.
LEVELS = ("wojewodztwo", "powiat", "gmina")
LEVEL_OF_LENGTH = {2: "wojewodztwo", 4: "powiat", 7: "gmina"}
LENGTH_OF_LEVEL = {level: length for length, level in LEVEL_OF_LENGTH.items()}
# RODZ of a gmina's part: town (4) and rural area (5) of an urban-rural gmina, a district of
# Warsaw (8), a delegation of a city (9).
PART_RODZ = frozenset("4589")
GMINA_RODZ = frozenset("123")
PRG_LAYER_PREFIXES = ("A01_", "A02_", "A03_")
# Two units' shared edge is drawn once in PRG, but each layer stores it apart: a unit may
# stick out of its parent by this much (metres) without crossing it ...
EDGE_TOLERANCE_M = 1.0
# ... and what lies beyond that counts only from this area (m², 1 ha) up.
CROSSING_M2 = 10_000.0
METRIC = "EPSG:2180"

Progress = Callable[[int, int], None]


class PrgUnitsError(UserError):
    """A PRG units file that cannot be read, or a unit in it that does not fit."""


class RegionProblems(UserError):
    """Units that do not fit the region, each a :class:`UserError` naming its file and unit
    (code and name) in ``problems``; rendered as a first line saying how many and nothing
    was stored, then one line per unit."""

    def __init__(self, problems: Sequence[UserError]) -> None:
        self.problems = list(problems)
        super().__init__(None, REGION_PROBLEMS, {"count": len(self.problems)})

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))

    def render(self, *args: Any, **kwargs: Any) -> str:
        return "\n".join([super().render(*args, **kwargs)]
                         + [p.render(*args, **kwargs) for p in self.problems])


REGION_PROBLEMS: Plural = ngettext_noop(
    "%(count)d unit does not fit the region; nothing was stored:",
    "%(count)d units do not fit the region; nothing was stored:",
    "count",
)


@dataclass
class PrgUnit:
    """One unit read: its normalised TERYT code, the file's name, level, geometry (WGS84)."""

    code: str
    name: str
    level: str
    geometry: shapely.Geometry
    area_km2: float
    source: Path
    repaired: bool = False

    @property
    def label(self) -> str:
        return f"{self.code} ({self.name})"


@dataclass
class PrgRegion:
    """The units of one region read from PRG files: ``units`` by code (the region's and its
    ancestors), what was left out."""

    teryt: str
    units: dict[str, PrgUnit]
    parts: int = 0
    outside: int = 0
    levels_found: set[str] = field(default_factory=set)
    # The town or rural area (RODZ 4, 5) of an urban-rural gmina, by code, with its file
    # and name: its whole gmina must be among the units.
    halves: dict[str, tuple[Path, str]] = field(default_factory=dict)

    def of_level(self, level: str) -> list[PrgUnit]:
        return [u for u in self.units.values() if u.level == level]


def normalise_code(value: str) -> str:
    """A JPT_KOD_JE as a TERYT code: PRG's cadastral layers write ``080404_4`` for
    ``0804044``."""
    return value.strip().replace("_", "")


def in_region(code: str, teryt: str) -> bool:
    """Whether a unit belongs to the region ``teryt``: it lies within it (its code starts
    with the region's) or is one of its ancestors (the region's code starts with it)."""
    return code.startswith(teryt) or teryt.startswith(code)


def parent_code(code: str, levels: Iterable[str]) -> str | None:
    """The code of the unit's parent: the nearest coarser level among ``levels``."""
    wanted = set(levels)
    own = LEVELS.index(LEVEL_OF_LENGTH[len(code)])
    for level in reversed(LEVELS[:own]):
        if level in wanted:
            return code[:LENGTH_OF_LEVEL[level]]
    return None


def _layers(path: Path) -> list[str | None]:
    """The layers to read: PRG's A01-A03 when the file holds them (GUGiK's ZIP also holds
    the country, A00, and cadastral units, A05 and A06, whose codes repeat the gminas'),
    else every layer."""
    try:
        names = [str(name) for name, _ in pyogrio.list_layers(path)]
    except Exception:  # open_layer names what is wrong with the file
        return [None]
    levels = sorted(name for name in names if name[:4] in PRG_LAYER_PREFIXES)
    if levels:
        return list(levels)
    return [None] if len(names) <= 1 else list(names)


def read_region(paths: Sequence[Path | str], teryt: str, *,
                progress: Progress | None = None) -> PrgRegion:
    """Read the units of ``paths`` (each a Shapefile, GML, GeoPackage, … of one or more
    layers with ``JPT_KOD_JE``) that belong to the region ``teryt``.

    Raises :class:`PrgUnitsError` for a file without the code column (naming the columns
    it has), a code that is not a TERYT code of a voivodeship, powiat or gmina, and a unit
    in two files.
    """
    region = PrgRegion(teryt, {})
    for done, raw in enumerate(paths):
        path = Path(raw)
        if progress is not None:
            progress(done, len(paths))
        read_any = False
        first_fields: list[str] = []
        for layer in _layers(path):
            opened = open_layer(path, PrgUnitsError, layer)
            if CODE_FIELD not in opened.fields:
                first_fields = first_fields or opened.fields
                continue
            read_any = True
            if NAME_FIELD not in opened.fields:
                raise PrgUnitsError(path, N_("no column %(column)s (the unit's name); the "
                                             "layer has: %(fields)s"),
                                    {"column": NAME_FIELD, "fields": ", ".join(opened.fields)})
            _read_layer(path, opened, region)
        if not read_any:
            raise PrgUnitsError(
                path, N_("no column %(column)s (the TERYT code): not a layer of PRG's "
                         "administrative units (A01_Granice_wojewodztw, A02_Granice_powiatow, "
                         "A03_Granice_gmin); the layer has: %(fields)s"),
                {"column": CODE_FIELD, "fields": ", ".join(first_fields) or "-"})
        if progress is not None:
            progress(done + 1, len(paths))
    return region


def _region_filter(teryt: str) -> str:
    """The OGR SQL condition picking a region's units (with its ancestors, and a gmina's
    parts) out of a country's file, so that only they are transformed and measured."""
    ancestors = ", ".join(f"'{teryt[:n]}'" for n in LEVEL_OF_LENGTH if n < len(teryt))
    within = f"{CODE_FIELD} LIKE '{teryt[:6]}%'"
    return f"{within} OR {CODE_FIELD} IN ({ancestors})" if ancestors else within


def _read_layer(path: Path, opened: VectorLayer, region: PrgRegion) -> None:
    info = pyogrio.read_info(path, layer=opened.layer, encoding=opened.encoding)
    textual = dict(zip(info["fields"], info["dtypes"])).get(CODE_FIELD) == "object"
    where = _region_filter(region.teryt) if textual and region.teryt.isdigit() else None
    boundaries = read_boundaries(path, CODE_FIELD, NAME_FIELD, layer=opened.layer, where=where)
    region.outside += int(info["features"]) - len(boundaries)
    repaired = set(boundaries.repaired)
    for i, raw in enumerate(boundaries.codes):
        code = normalise_code(raw)
        if not textual and len(code) in (1, 3, 6):  # a number lost its leading zero
            code = "0" + code
        label = raw  # numbered among the region's features only: the code names it
        if not code.isdigit() or len(code) not in LEVEL_OF_LENGTH:
            raise PrgUnitsError(
                path, N_("not a TERYT code of a voivodeship (2 digits), a powiat (4) or a "
                         "gmina (7)"), feature=label, field=CODE_FIELD)
        if len(code) == 7 and code[6] not in GMINA_RODZ:
            if code[6] not in PART_RODZ:
                raise PrgUnitsError(
                    path, N_("the 7th digit (RODZ) of a gmina's code is 1, 2 or 3 (or 4, 5, "
                             "8, 9 for its parts)"), feature=label, field=CODE_FIELD)
            if code[:6] == region.teryt[:6] or in_region(code, region.teryt):
                region.parts += 1
                if code[6] in "45":
                    region.halves[code] = (path, boundaries.names[i])
            continue
        if not in_region(code, region.teryt):
            region.outside += 1
            continue
        level = LEVEL_OF_LENGTH[len(code)]
        region.levels_found.add(level)
        if code in region.units:
            other = region.units[code]
            raise PrgUnitsError(
                path, N_("the unit %(code)s is also in %(other)s; give each level once"),
                {"code": code, "other": other.source.name}, feature=label, field=CODE_FIELD)
        region.units[code] = PrgUnit(
            code, boundaries.names[i], level, boundaries.geometries[i],
            float(boundaries.areas_km2[i]), path, raw in repaired)


def nesting_problems(region: PrgRegion, levels: Sequence[str], *,
                     progress: Progress | None = None) -> list[UserError]:
    """Each unit that does not nest in its parent (the unit of the nearest coarser level
    in ``levels`` whose code its own starts with): the parent is missing from the files,
    or more than :data:`CROSSING_M2` of the unit lies more than :data:`EDGE_TOLERANCE_M`
    outside it (measured in EPSG:2180)."""
    problems: list[UserError] = []
    children = [u for u in region.units.values() if u.level in levels
                and parent_code(u.code, levels) is not None]
    children.sort(key=lambda u: u.code)
    to_metric = Transformer.from_crs(WGS84, METRIC, always_xy=True)

    def metric(geometry: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geometry, lambda xy: np.column_stack(
            to_metric.transform(xy[:, 0], xy[:, 1])))

    parents: dict[str, shapely.Geometry] = {}
    for done, unit in enumerate(children):
        code = parent_code(unit.code, levels)
        assert code is not None
        parent = region.units.get(code)
        if parent is None:
            problems.append(PrgUnitsError(
                unit.source, N_("its parent unit %(parent)s is not in the files (add the "
                                "layer of its level, or leave the level out with --levels)"),
                {"parent": code}, feature=unit.label))
        else:
            if code not in parents:
                parents[code] = shapely.buffer(metric(parent.geometry), EDGE_TOLERANCE_M)
                shapely.prepare(parents[code])
            own = metric(unit.geometry)
            if not shapely.covers(parents[code], own):
                outside = float(shapely.area(shapely.difference(own, parents[code])))
                if outside > CROSSING_M2:
                    problems.append(PrgUnitsError(
                        unit.source,
                        N_("crosses the boundary of %(parent)s: %(hectares)d ha of it lie "
                           "outside"),
                        {"parent": parent.label, "hectares": round(outside / 10_000)},
                        feature=unit.label))
        if progress is not None:
            progress(done + 1, len(children))
    return problems


def missing_gminas(region: PrgRegion) -> list[UserError]:
    """The town or rural area of an urban-rural gmina whose whole gmina (RODZ 3) is not in
    the files: PRG's layer of cadastral units (A05) given for its gminas (A03)."""
    return [
        PrgUnitsError(path, N_("the town or rural area of the gmina %(gmina)s, which is not in "
                               "the files: give PRG's gminas (A03_Granice_gmin), not its "
                               "cadastral units (A05)"),
                      {"gmina": code[:6] + "3"}, feature=f"{code} ({name})")
        for code, (path, name) in sorted(region.halves.items())
        if code[:6] + "3" not in region.units
    ]
