"""Importing unit boundaries as generations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shapely
from django.db import transaction

from kooperacja.core.boundaries import Boundaries, BoundaryFileError, read_boundaries
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.territory.models import Generation, Level, Unit
from kooperacja.territory.services.retirement import UNITS, check_retirement
from kooperacja.territory.services.scopes import assign_territories
from kooperacja.territory.signals import generation_activated


@dataclass
class UnitImport:
    level: Level
    generation: Generation
    created: bool
    units: int
    repaired: list[str]


def get_level(code: str, name: str | None = None) -> Level:
    """The level with this code, created (ranked below the existing ones) when new."""
    level = Level.objects.filter(code=code).first()
    if level is None:
        rank = (Level.objects.order_by("-rank").values_list("rank", flat=True).first() or 0) + 10
        level = Level.objects.create(code=code, name=name or code, rank=rank)
    elif name and level.name != name:
        level.name = name
        level.save(update_fields=["name"])
    return level


def _parents_by_field(path: Path, boundaries: Boundaries,
                      parent_level: str | None) -> list[Unit | None]:
    candidates = Unit.objects.current()
    if parent_level:
        candidates = candidates.filter(level__code=parent_level)
    by_code: dict[str, list[Unit]] = {}
    for unit in candidates:
        by_code.setdefault(unit.code, []).append(unit)
    parents: list[Unit | None] = []
    for i, code in enumerate(boundaries.parent_codes):
        found = by_code.get(code or "", [])
        label = f"{i + 1} ({boundaries.codes[i]})"
        if not found:
            raise BoundaryFileError(path, N_("no current unit with the parent code %(code)s"),
                                    {"code": code}, feature=label)
        if len(found) > 1:
            raise BoundaryFileError(path, N_("the parent code %(code)s exists on several levels; "
                                             "add --parent-level"), {"code": code}, feature=label)
        parents.append(found[0])
    return parents


def _parents_by_containment(path: Path, boundaries: Boundaries,
                            parent_level: str) -> list[Unit | None]:
    candidates = list(Unit.objects.current().filter(level__code=parent_level))
    if not candidates:
        raise BoundaryFileError(path, N_("there are no units of the parent level %(level)s yet; "
                                         "import them first"), {"level": parent_level})
    tree = shapely.STRtree([shapely.from_geojson(u.geometry) for u in candidates])
    inside = shapely.point_on_surface(boundaries.geometries)
    points, hits = tree.query(inside, predicate="within")
    parent_of = dict(zip(points.tolist(), hits.tolist()))
    missing = sorted(set(range(len(boundaries))) - set(parent_of))
    if missing:
        i = missing[0]
        raise BoundaryFileError(
            path, N_("lies outside every unit of level %(level)s"), {"level": parent_level},
            feature=f"{i + 1} ({boundaries.codes[i]})",
        )
    return [candidates[parent_of[i]] for i in range(len(boundaries))]


def import_units(
    path: Path | str,
    level: str,
    code_field: str,
    name_field: str,
    *,
    parent_level: str | None = None,
    parent_field: str | None = None,
    crs: str | None = None,
    layer: str | None = None,
    encoding: str | None = None,
    valid_from: dt.date | None = None,
    level_name: str | None = None,
    allow_retire: bool = False,
    teryt_codes: bool = False,
) -> UnitImport:
    """Import a boundary file as the current generation of ``level``.

    An unchanged file changes nothing. A changed one becomes a new generation, valid from
    ``valid_from`` (today by default); the previous generation stays, no longer current,
    and children of the old units are re-linked to the new units with the same codes.
    Everything happens in one transaction: on any error the database is as it was. A file
    that would retire more than ``KOOPERACJA_RETIRE_PERCENT`` percent of the level's units
    is refused unless ``allow_retire`` (:mod:`.retirement`).
    """
    path = Path(path)
    boundaries = read_boundaries(path, code_field, name_field, parent_field, crs, layer, encoding)

    def parents() -> list[Unit | None]:
        if parent_field:
            return _parents_by_field(path, boundaries, parent_level)
        if parent_level:
            return _parents_by_containment(path, boundaries, parent_level)
        return [None] * len(boundaries)

    return store_generation(level, boundaries, parents, path, valid_from, level_name,
                            allow_retire=allow_retire, teryt_codes=teryt_codes)


def store_generation(
    level: str,
    boundaries: Boundaries,
    parents: Callable[[], list[Unit | None]],
    source: Path | str,
    valid_from: dt.date | None = None,
    level_name: str | None = None,
    *,
    allow_retire: bool = False,
    teryt_codes: bool = False,
) -> UnitImport:
    """Make ``boundaries`` the current generation of ``level`` unless they are unchanged;
    ``source`` names the file (or what made them). With ``teryt_codes`` the codes are
    official TERYT codes (gminas, powiats, voivodeships): each unit is then a territory of
    its own (:mod:`.scopes`)."""
    checksum = boundaries.checksum()
    with transaction.atomic():
        level_obj = get_level(level, level_name)
        current = Generation.objects.current().filter(level=level_obj).first()
        if current is not None and current.checksum == checksum:
            return UnitImport(level_obj, current, False, current.units.count(), boundaries.repaired)
        if current is not None:
            before = set(current.units.values_list("code", flat=True))
            check_retirement(source, UNITS, len(before - set(boundaries.codes)), len(before),
                             allow_retire)
        parent_units = parents()
        if current is not None:
            current.is_current = False
            current.save(update_fields=["is_current"])
        generation = Generation.objects.create(
            level=level_obj, valid_from=valid_from or dt.date.today(), is_current=True,
            source=Path(source).name, checksum=checksum,
        )
        geojson = boundaries.geojson()
        units = Unit.objects.bulk_create(
            Unit(
                generation=generation, level=level_obj, code=code, name=name, parent=parent,
                teryt=code if teryt_codes else "",
                geometry=geojson[i], area_km2=float(boundaries.areas_km2[i]),
            )
            for i, (code, name, parent)
            in enumerate(zip(boundaries.codes, boundaries.names, parent_units))
        )
        if current is not None:
            _relink_children(current, generation)
        assign_territories()
        generation_activated.send(sender=Generation, generation=generation)
    return UnitImport(level_obj, generation, True, len(units), boundaries.repaired)


def _relink_children(old: Generation, new: Generation) -> None:
    """Point current units whose parent was in ``old`` at the unit of ``new`` they lie in
    (the one holding a point inside them), or, outside every new unit, at the one with
    their old parent's code: a redrawn boundary moves an estate to its new district."""
    new_units = list(new.units.all())
    replacement = {u.code: u for u in new_units}
    children = list(Unit.objects.current().filter(parent__generation=old).select_related("parent"))
    if not children:
        return
    tree = shapely.STRtree([shapely.from_geojson(u.geometry) for u in new_units])
    inside = shapely.point_on_surface(shapely.from_geojson([c.geometry for c in children]))
    found, hits = tree.query(inside, predicate="within")
    holder = dict(zip(found.tolist(), hits.tolist()))
    for i, child in enumerate(children):
        assert child.parent is not None  # chosen by their parent's generation
        child.parent = new_units[holder[i]] if i in holder else replacement.get(child.parent.code)
    Unit.objects.bulk_update(children, ["parent"])
