"""A region (a voivodeship, a powiat or a gmina) set up in one step from PRG's
administrative units and the TERC register, and the kind of a gmina (docs/regions.md).

The region's units become the levels ``wojewodztwo``, ``powiat`` and ``gmina``: each unit's
code and ``teryt`` are its TERYT code, its name TERC's, its parent the unit of the nearest
coarser level whose code its own starts with (gmina 0804032 → powiat 0804 → voivodeship
08), and each is its own territory. Every level is stored through
:func:`~kooperacja.territory.services.boundaries.store_generation` (generations, the
retirement guard), all of them in one transaction. The units other regions set up before
stay: a level's new generation holds them beside the region's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import shapely
from django.db import transaction

from kooperacja.core.boundaries import Boundaries
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prg.units import (
    GMINA_RODZ,
    LENGTH_OF_LEVEL,
    LEVEL_OF_LENGTH,
    LEVELS,
    PrgRegion,
    PrgUnit,
    PrgUnitsError,
    RegionProblems,
    missing_gminas,
    nesting_problems,
    parent_code,
    read_region,
)
from kooperacja.territory.models import Level, TercUnit, Unit
from kooperacja.territory.services.boundaries import UnitImport, store_generation
from kooperacja.territory.services.scopes import assign_territories
from kooperacja.territory.services.teryt import TercImport, display_names, import_teryt

GminaType = Literal["urban", "rural", "urban-rural"]
# TERC's kind of a gmina (NAZWA_DOD up to its first comma: Warsaw's is "gmina miejska,
# miasto stołeczne") and the 7th digit of its code (RODZ).
KIND_TYPES: dict[str, GminaType] = {
    "gmina miejska": "urban", "gmina wiejska": "rural", "gmina miejsko-wiejska": "urban-rural",
}
RODZ_TYPES: dict[str, GminaType] = {"1": "urban", "2": "rural", "3": "urban-rural"}
# How a level shows (the installation's levels are named in Polish) and where it ranks:
# above any level of a city (ranked from 10 by the imports), coarse to fine.
LEVEL_NAMES = {"wojewodztwo": "Województwa", "powiat": "Powiaty", "gmina": "Gminy"}
LEVEL_RANKS = {"wojewodztwo": 2, "powiat": 4, "gmina": 6}
PRG_LAYERS = {"wojewodztwo": "A01_Granice_wojewodztw", "powiat": "A02_Granice_powiatow",
              "gmina": "A03_Granice_gmin"}

Stage = Literal["reading", "checking", "storing"]
Progress = Callable[[Stage, int, int], None]


def gmina_type(code: str) -> GminaType | None:
    """``urban``, ``rural`` or ``urban-rural`` for a gmina's TERYT code, else None.

    The kind the TERC register (its latest state loaded) gives the code; a 7-digit code
    the register does not hold, by its 7th digit (RODZ 1, 2, 3). None for anything else
    (a powiat, a part of a gmina, a code of no gmina).
    """
    return gmina_types([code]).get(code)


def gmina_types(codes: Iterable[str]) -> dict[str, GminaType]:
    """:func:`gmina_type` of many codes at once (one query); codes without a type are
    left out."""
    wanted = {c for c in codes if len(c) == 7 and c.isdigit()}
    kinds: dict[str, str] = {}
    for code, kind in (TercUnit.objects.filter(code__in=wanted).order_by("valid_on")
                       .values_list("code", "kind")):
        kinds[code] = kind  # the latest state wins
    types: dict[str, GminaType] = {}
    for code in wanted:
        found = (KIND_TYPES.get(kinds[code].split(",")[0].strip()) if code in kinds
                 else RODZ_TYPES.get(code[6]))
        if found is not None:
            types[code] = found
    return types


@dataclass
class LevelSetup:
    level: str
    loaded: int
    stored: UnitImport


@dataclass
class RegionSetup:
    teryt: str
    name: str
    levels: list[LevelSetup]
    parts: int
    outside: int
    terc: TercImport | None
    repaired: list[str] = field(default_factory=list)


def setup_territory(
    teryt: str,
    boundaries: Sequence[Path | str],
    *,
    levels: Sequence[str] = LEVELS,
    terc: Path | str | None = None,
    allow_retire: bool = False,
    progress: Progress | None = None,
) -> RegionSetup:
    """Load the region ``teryt`` from PRG unit files (one or several, any levels in each)
    and the TERC register (``terc``, else the one loaded before).

    Every problem of a unit (its parent missing from the files, crossing its parent's
    boundary, a code TERC does not know) is gathered and raised at once as
    :class:`RegionProblems`; nothing is stored then, nor on any other error.
    """
    teryt = teryt.strip()
    wanted = _levels(levels)
    _check_code(teryt)
    if not boundaries:
        raise UserError(None, N_("give the boundary files with --boundaries FILE"))

    def report(stage: Stage) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress(stage, done, total)

    region = read_region(boundaries, teryt, progress=report("reading"))
    _check_levels_found(region, wanted)
    units = {level: sorted(region.of_level(level), key=lambda u: u.code) for level in wanted}
    # Checked before the transaction: a country's units take a while, and SQLite would
    # keep every other writer waiting meanwhile.
    problems = nesting_problems(region, wanted, progress=report("checking"))
    if "gmina" in wanted:
        problems += missing_gminas(region)
    with transaction.atomic():
        loaded_terc = import_teryt(terc) if terc is not None else None
        register, state = _register()
        if teryt not in register:
            raise UserError(None, N_("the code %(code)s is not in the TERC register of "
                                     "%(date)s"), {"code": teryt, "date": state})
        problems += [
            PrgUnitsError(u.source, N_("the code is not in the TERC register of %(date)s; "
                                       "are the boundaries and the register of one year?"),
                          {"date": state}, feature=u.label)
            for level in wanted for u in units[level] if u.code not in register
        ]
        if problems:
            raise RegionProblems(sorted(problems, key=lambda p: str(p.feature)))
        names = display_names((t.code, t.name, t.kind) for t in register.values())
        stored = []
        if progress is not None:
            progress("storing", 0, len(wanted))
        for done, level in enumerate(wanted):
            stored.append(LevelSetup(level, len(units[level]), _store_level(
                level, units[level], teryt, wanted, names, allow_retire)))
            if progress is not None:
                progress("storing", done + 1, len(wanted))
        _mark_teryt(wanted, register)
        assign_territories()
    repaired = sorted(u.code for level in wanted for u in units[level] if u.repaired)
    return RegionSetup(teryt, names[teryt], stored, region.parts, region.outside, loaded_terc,
                       repaired)


def _levels(levels: Sequence[str]) -> list[str]:
    unknown = [level for level in levels if level not in LEVELS]
    if unknown or not levels:
        raise UserError(None, N_("unknown level %(level)s; the levels are: %(levels)s"),
                        {"level": ", ".join(unknown), "levels": ", ".join(LEVELS)})
    return [level for level in LEVELS if level in levels]


def _check_code(teryt: str) -> None:
    if not teryt.isdigit() or len(teryt) not in LEVEL_OF_LENGTH:
        raise UserError(None, N_("--teryt %(code)s is not a TERYT code of a voivodeship "
                                 "(2 digits), a powiat (4) or a gmina (7)"), {"code": teryt})
    if len(teryt) == 7 and teryt[6] not in GMINA_RODZ:
        hint = (N_("--teryt %(code)s is the town or the rural area of an urban-rural gmina "
                   "(RODZ %(rodz)s); give the gmina's code, %(gmina)s") if teryt[6] in "45"
                else N_("--teryt %(code)s is a part of a gmina (RODZ %(rodz)s), not a gmina; "
                        "give the gmina's code (RODZ 1, 2 or 3)"))
        raise UserError(None, hint, {"code": teryt, "rodz": teryt[6], "gmina": teryt[:6] + "3"})


def _check_levels_found(region: PrgRegion, levels: list[str]) -> None:
    """Each level asked for has units of the region in the files."""
    for level in levels:
        if level not in region.levels_found:
            raise UserError(
                None, N_("the files hold no unit of the level %(level)s (codes of %(digits)d "
                         "digits) for %(code)s; add PRG's layer %(layer)s or leave the level "
                         "out with --levels"),
                {"level": level, "digits": LENGTH_OF_LEVEL[level], "code": region.teryt,
                 "layer": PRG_LAYERS[level]})


def _register() -> tuple[dict[str, TercUnit], str]:
    latest = TercUnit.objects.order_by("-valid_on").values_list("valid_on", flat=True).first()
    if latest is None:
        raise UserError(None, N_("the TERC register is not loaded; give it with --terc FILE "
                                 "(TERC_Urzedowy_*.xml from eteryt.stat.gov.pl) or load it "
                                 "with import-teryt"))
    return ({t.code: t for t in TercUnit.objects.filter(valid_on=latest)},
            latest.isoformat())


def _level(code: str) -> Level:
    level, _ = Level.objects.get_or_create(
        code=code, defaults={"name": LEVEL_NAMES[code], "rank": LEVEL_RANKS[code]})
    return level


def _store_level(level: str, units: list[PrgUnit], teryt: str, levels: list[str],
                 names: dict[str, str], allow_retire: bool) -> UnitImport:
    """Store the region's ``units`` as the level's new generation (unless unchanged),
    with the level's current units of other regions kept beside them."""
    level_obj = _level(level)
    codes = {u.code for u in units}
    kept = [u for u in Unit.objects.current().filter(level=level_obj).select_related("parent")
            .order_by("code") if u.code not in codes and not u.code.startswith(teryt)]
    parent_codes = [parent_code(u.code, levels) for u in units] + [
        k.parent.code if k.parent is not None else None for k in kept]
    boundaries = Boundaries(
        [u.code for u in units] + [k.code for k in kept],
        [names[u.code] for u in units] + [k.name for k in kept],
        parent_codes,
        np.array([u.geometry for u in units]
                 + [shapely.from_geojson(k.geometry) for k in kept], dtype=object),
        np.array([u.area_km2 for u in units] + [k.area_km2 for k in kept], dtype=float),
        "EPSG:4326",
        [u.code for u in units if u.repaired],
    )
    def parents() -> list[Unit | None]:
        by_code: dict[str, Unit] = {}
        candidates = (Unit.objects.current().exclude(level=level_obj)
                      .filter(code__in={c for c in parent_codes if c})
                      .select_related("territory").order_by("-level__rank"))
        for unit in candidates:  # on a code of two levels the coarser comes last and wins
            by_code[unit.code] = unit
        return [by_code.get(code) if code else None for code in parent_codes]

    source = units[0].source if units else Path(PRG_LAYERS[level])
    return store_generation(level, boundaries, parents, source, allow_retire=allow_retire)


def _mark_teryt(levels: list[str], register: dict[str, TercUnit]) -> None:
    units = [u for u in Unit.objects.current().filter(level__code__in=levels)
             if u.code in register and u.teryt != u.code]
    for unit in units:
        unit.teryt = unit.code
    Unit.objects.bulk_update(units, ["teryt"])
