"""The wizard's dry run: what an import would change, computed without storing anything.

Boundaries: the difference against the level's current generation (units added, changed
in name or geometry, retired), by code, name and a checksum of each geometry. Partner
aggregates: the import service itself, run in a transaction rolled back, so that its
errors (row, column, reason) are the command's. The register: its points added, moved
and retired by source id, from the same reader the import streams. Each says the
retirement guard's verdict (``territory/services/retirement.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from django.conf import settings
from django.db import transaction

from kooperacja.core.boundaries import read_boundaries
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.tables import UNKNOWN_UNIT, TableError, read_count, read_table
from kooperacja.indicators.services.aggregates import AggregateParameters, import_aggregates
from kooperacja.messages import user_message
from kooperacja.territory.models import Generation, Unit
from kooperacja.territory.services.codes import UnitCodes

# How many codes of each group the page lists (the counts are always whole).
LISTED = 50


@dataclass(frozen=True)
class BoundaryMapping:
    """The fields and options of a boundary file, as ``import_units`` takes them."""

    level: str
    code_field: str
    name_field: str
    parent_field: str | None = None
    parent_level: str | None = None
    crs: str | None = None
    layer: str | None = None
    level_name: str | None = None
    valid_from: str | None = None  # ISO 8601

    @classmethod
    def of(cls, mapping: dict[str, Any]) -> BoundaryMapping:
        given: dict[str, Any] = {k: (mapping.get(k) or None) for k in cls.__dataclass_fields__}
        return cls(**given)

    def options(self) -> dict[str, Any]:
        """Keyword arguments of :func:`~kooperacja.territory.services.boundaries.import_units`."""
        return {"parent_field": self.parent_field, "parent_level": self.parent_level,
                "crs": self.crs, "layer": self.layer, "level_name": self.level_name,
                "valid_from": dt.date.fromisoformat(self.valid_from) if self.valid_from
                else None}


def geometry_digest(geojson: str) -> str:
    """A checksum of a geometry as stored (GeoJSON, WGS84), read back and written again so
    that the file's and the database's compare alike."""
    text = shapely.to_geojson(shapely.from_geojson(geojson))
    return hashlib.sha256(text.encode()).hexdigest()


def verdict(retired: int, before: int) -> dict[str, Any]:
    """The retirement guard's answer (``check_retirement``'s rule) for the page."""
    limit = int(settings.KOOPERACJA_RETIRE_PERCENT)
    return {"retired": retired, "before": before, "limit": limit,
            "percent": round(retired * 100 / before) if before else 0,
            "needs_confirmation": bool(before) and retired * 100 > limit * before}


def boundary_difference(path: Path, mapping: BoundaryMapping) -> dict[str, Any]:
    """Units the file would add, change (name, geometry) and retire on ``mapping.level``."""
    boundaries = read_boundaries(path, mapping.code_field, mapping.name_field,
                                 mapping.parent_field, mapping.crs, mapping.layer)
    current = Generation.objects.current().filter(level__code=mapping.level).first()
    new = {code: (name, geometry_digest(g)) for code, name, g
           in zip(boundaries.codes, boundaries.names, boundaries.geojson())}
    old: dict[str, tuple[str, str]] = {}
    if current is not None:
        old = {u.code: (u.name, geometry_digest(u.geometry))
               for u in Unit.objects.filter(generation=current).only("code", "name", "geometry")}
    added = sorted(set(new) - set(old))
    retired = sorted(set(old) - set(new))
    renamed = sorted(c for c in set(new) & set(old) if new[c][0] != old[c][0])
    reshaped = sorted(c for c in set(new) & set(old) if new[c][1] != old[c][1])
    changed = sorted(set(renamed) | set(reshaped))
    return {
        "level": mapping.level, "units": len(new), "before": len(old),
        "generation": current.pk if current else None,
        "unchanged": current is not None and current.checksum == boundaries.checksum(),
        "added": len(added), "changed": len(changed), "retired": len(retired),
        "renamed": len(renamed), "reshaped": len(reshaped),
        "added_codes": added[:LISTED], "changed_codes": changed[:LISTED],
        "retired_codes": retired[:LISTED],
        "retired_names": [old[c][0] for c in retired[:LISTED]],
        "repaired": boundaries.repaired[:LISTED],
        "guard": verdict(len(retired), len(old)),
    }


class _RolledBack(Exception):
    pass


# The aggregates' report lists at most this many errors.
ERRORS = 100


def _error_row(error: UserError) -> dict[str, Any]:
    return {"row": error.row or error.feature or "", "column": error.field or "",
            "reason": user_message(error.without_path())}


def aggregate_errors(path: Path, params: AggregateParameters,
                     encoding: str | None = None) -> list[UserError]:
    """Every row's errors (up to :data:`ERRORS`), found with the checks
    ``import_aggregates`` makes (its unit codes, its counts), where the import stops at
    the first."""
    table = read_table(path, encoding)
    c_unit = table.column(params.unit_field)
    columns = [(table.column(f.column), f) for f in params.fields]
    units = UnitCodes(params.level, source=str(path))
    seen: set[int] = set()
    errors: list[UserError] = []
    for row, cells in table.rows:
        cells = cells + [""] * (len(table.header) - len(cells))
        try:
            unit = units.find(cells[c_unit].strip(), row=row, field=table.header[c_unit])
            if unit is None:
                raise TableError(path, UNKNOWN_UNIT, row=row, field=table.header[c_unit])
        except UserError as error:
            errors.append(error)
            unit = None
        for index, _ in columns:
            try:
                read_count(path, row, table.header[index], cells[index])
            except UserError as error:
                errors.append(error)
        if unit is not None:
            if unit.pk in seen:
                errors.append(TableError(path, N_("this unit appears twice"), row=row))
            seen.add(unit.pk)
        if len(errors) >= ERRORS:
            break
    return errors[:ERRORS]


def aggregate_check(path: Path, params: AggregateParameters,
                    encoding: str | None = None) -> dict[str, Any]:
    """The aggregates' validation report: every row's errors (row, column, reason), else
    the import run and rolled back, and what it would store."""
    result: dict[str, Any] = {"errors": [], "guard": verdict(0, 0)}
    try:
        errors = aggregate_errors(path, params, encoding)
        if errors:
            result["errors"] = [_error_row(e) for e in errors]
            return result
        with transaction.atomic():
            source = import_aggregates(path, params, encoding)
            result.update(units=source.rows, codes=[f.code for f in params.fields],
                          period=params.period, code_list=params.code_list)
            raise _RolledBack
    except _RolledBack:
        pass
    except UserError as error:
        result["errors"] = [_error_row(error)]
    return result


# A point moved by less than this (metres, EPSG:2180) has not moved.
MOVED_METRES = 0.01


def register_difference(path: Path, crs: str | None = None) -> dict[str, Any]:
    """Points the register file would add, move and retire in its gminas, by source id,
    streaming the file through the import's reader."""
    from kooperacja.addresses.models import AddressPoint
    from kooperacja.core.prg import read_addresses

    seen: dict[str, tuple[float, float]] = {}
    gminas: set[str] = set()
    for chunk in read_addresses(path, None, crs):
        gminas.update(chunk.teryt_gmina.tolist())
        seen.update(zip(chunk.source_id.tolist(), zip(chunk.x.tolist(), chunk.y.tolist())))
    if not seen:
        raise UserError(path, N_("the file holds no address points"))
    stored = {sid: (x, y) for sid, x, y in AddressPoint.objects.active()
              .filter(teryt_gmina__in=gminas).values_list("source_id", "x", "y").iterator()}
    added = [sid for sid in seen if sid not in stored]
    moved = [sid for sid, (x, y) in seen.items() if sid in stored
             and max(abs(x - stored[sid][0]), abs(y - stored[sid][1])) > MOVED_METRES]
    retired = [sid for sid in stored if sid not in seen]
    return {
        "points": len(seen), "before": len(stored), "gminas": sorted(gminas)[:LISTED],
        "added": len(added), "moved": len(moved), "retired": len(retired),
        "added_codes": sorted(added)[:LISTED], "changed_codes": sorted(moved)[:LISTED],
        "retired_codes": sorted(retired)[:LISTED],
        "guard": verdict(len(retired), len(stored)),
    }


@dataclass(frozen=True)
class ResourceMapping:
    """The options of a resource file, as ``import_resources`` (and its command) takes
    them; the owner is the job's institution."""

    kind: str | None = None
    name_field: str | None = None
    crs: str | None = None
    layer: str | None = None

    @classmethod
    def of(cls, mapping: dict[str, Any]) -> ResourceMapping:
        given: dict[str, Any] = {k: (mapping.get(k) or None) for k in cls.__dataclass_fields__}
        return cls(**given)

    def options(self, owner: str | None, source: str | None) -> dict[str, Any]:
        """Keyword arguments of
        :func:`~kooperacja.resources.services.importing.import_resources`: ``source`` is
        the name the file was sent under (a re-import of it updates its entries)."""
        return {"kind": self.kind, "name_field": self.name_field, "crs": self.crs,
                "layer": self.layer, "owner": owner, "source": source}


def resource_rows_left_out(rejected: list[Any]) -> list[dict[str, Any]]:
    """The rows an import left out (row, column, reason), in the reader's language."""
    from django.utils.translation import gettext

    rows = []
    for item in rejected[:ERRORS]:
        reason = gettext(item.reason)
        rows.append({"row": item.row, "column": item.column or "",
                     "reason": reason % item.params if item.params else reason})
    return rows


def resource_check(path: Path, mapping: ResourceMapping, owner: str | None,
                   source: str | None = None) -> dict[str, Any]:
    """The resources' dry run: the import service run in a transaction rolled back, and
    what it would have done (added, updated, unchanged, rows left out and why)."""
    from kooperacja.resources.services.importing import import_resources

    result: dict[str, Any] = {"errors": [], "guard": verdict(0, 0)}
    try:
        with transaction.atomic():
            done = import_resources(path, **mapping.options(owner, source))
            result.update(rows=done.rows, added=done.created, updated=done.updated,
                          unchanged=done.unchanged, left_out=len(done.rejected),
                          rows_left_out=resource_rows_left_out(done.rejected),
                          ids=(gettext_ids(done.ids) if done.ids is not None else ""))
            raise _RolledBack
    except _RolledBack:
        pass
    except UserError as error:
        result["errors"] = [_error_row(error)]
    return result


def gettext_ids(problem: Any) -> str:
    """Why the file's id column was not used, in the reader's language."""
    from django.utils.translation import gettext

    return str(gettext(problem.message) % problem.params)


@dataclass(frozen=True)
class PopulationMapping:
    """The options of a population file, as ``import_population`` (and its command)
    takes them; the encoding is the one detected."""

    level: str | None = None
    year: int | None = None

    @classmethod
    def of(cls, mapping: dict[str, Any]) -> PopulationMapping:
        year = mapping.get("year")
        return cls(level=mapping.get("level") or None, year=int(year) if year else None)

    def options(self, encoding: str | None) -> dict[str, Any]:
        """Keyword arguments of
        :func:`~kooperacja.territory.services.population.import_population`."""
        return {"level": self.level, "encoding": encoding, "year": self.year}


def _figures(after_pk: int = 0) -> dict[tuple[int, int, str, str], int]:
    """The figures given for units or read from a grid (estimates are derived), those
    stored after the row ``after_pk`` only when given."""
    from kooperacja.territory.models import Population

    return {(unit, year, sex, age): count for unit, year, sex, age, count in
            Population.objects.exclude(method=Population.Method.DASYMETRIC)
            .filter(pk__gt=after_pk)
            .values_list("unit_id", "year", "sex", "age_band", "count").iterator()}


def population_errors(path: Path, mapping: PopulationMapping,
                      encoding: str | None = None) -> list[UserError]:
    """Every row's errors (up to :data:`ERRORS`), found with the checks
    ``import_population`` makes (unit codes of the current units, years, counts, sexes, a
    figure twice), where the import stops at the first."""
    from kooperacja.core.tables import AMBIGUOUS_UNIT
    from kooperacja.territory.services.population import SEXES, _year, grid_cell_code

    table = read_table(path, encoding)
    c_unit = table.column("unit_code", "kod", "code", "kod_jednostki", "teryt", "id_siatki",
                          "grid_id")
    c_year = table.column("year", "rok", required=mapping.year is None)
    c_count = table.column("count", "liczba", "ludnosc", "population", "wartosc", "value",
                           "tot")
    c_sex = table.column("sex", "plec", required=False)
    c_age = table.column("age_band", "wiek", "grupa_wieku", "age", required=False)
    units = Unit.objects.current()
    if mapping.level:
        units = units.filter(level__code=mapping.level)
    by_code: dict[str, int] = {}
    for code in units.values_list("code", flat=True):
        by_code[code] = by_code.get(code, 0) + 1
    errors: list[UserError] = []
    seen: set[tuple[str, int | None, str, str]] = set()
    for row, cells in table.rows:
        cells = cells + [""] * (len(table.header) - len(cells))
        code, field = cells[c_unit], table.header[c_unit]
        found = by_code.get(code) or by_code.get(grid_cell_code(code))
        if not found and grid_cell_code(code) != code:
            errors.append(TableError(path, N_("no current grid cell %(code)s; is it outside "
                                              "the territory (make-grid)?"), {"code": code},
                                     row=row, field=field))
        elif not found:
            errors.append(TableError(path, UNKNOWN_UNIT, row=row, field=field))
        elif found > 1:
            errors.append(TableError(path, AMBIGUOUS_UNIT, row=row, field=field))
        year = mapping.year
        if c_year is not None:
            try:
                year = _year(path, row, table.header[c_year], cells[c_year])
            except UserError as error:
                errors.append(error)
                year = None
        try:
            read_count(path, row, table.header[c_count], cells[c_count], high=100_000_000)
        except UserError as error:
            errors.append(error)
        sex = cells[c_sex].strip().lower() if c_sex is not None else ""
        if sex not in SEXES:
            errors.append(TableError(path, N_("sex must be K or M (or empty for both)"),
                                     row=row, field=table.header[c_sex or 0]))
        key = (code, year, SEXES.get(sex, sex), cells[c_age].strip() if c_age is not None
               else "")
        if found and year is not None and key in seen:
            errors.append(TableError(
                path, N_("this unit, year, sex and age band appear twice"), row=row))
        seen.add(key)
        if len(errors) >= ERRORS:
            break
    return errors[:ERRORS]


def population_check(path: Path, mapping: PopulationMapping,
                     encoding: str | None = None) -> dict[str, Any]:
    """The population's dry run: every row's errors (row, column, reason), else the
    import run in a transaction rolled back, and per year and level
    how many figures it would store, of which new and changed, and how many of the
    figures it replaces would go."""
    from django.db.models import Max

    from kooperacja.territory.models import Population
    from kooperacja.territory.services.population import import_population

    result: dict[str, Any] = {"errors": [], "guard": verdict(0, 0)}
    try:
        errors = population_errors(path, mapping, encoding)
        if errors:
            result["errors"] = [_error_row(e) for e in errors]
            return result
        with transaction.atomic():
            before = _figures()
            last = Population.objects.aggregate(last=Max("pk"))["last"] or 0
            done = import_population(path, **mapping.options(encoding))
            result.update(figures=done.figures, units=done.units, years=done.years,
                          by_year=_population_changes(before, _figures(last)))
            raise _RolledBack
    except _RolledBack:
        pass
    except UserError as error:
        result["errors"] = [_error_row(error)]
    return result


def _population_changes(before: dict[tuple[int, int, str, str], int],
                        stored: dict[tuple[int, int, str, str], int]) -> list[dict[str, Any]]:
    """Per year and level: the figures the import stores, of which new and changed, and
    the figures of its units and years it drops (their breakdown no longer given)."""
    pairs = {(k[0], k[1]) for k in stored}
    levels = dict(Unit.objects.filter(pk__in={u for u, _ in pairs})
                  .values_list("pk", "level__code"))
    rows: dict[tuple[int, str], dict[str, Any]] = {}

    def row(unit: int, year: int) -> dict[str, Any]:
        level = levels.get(unit, "")
        return rows.setdefault((year, level), {"year": year, "level": level, "stored": 0,
                                               "new": 0, "changed": 0, "dropped": 0})

    for key, count in stored.items():
        found = row(key[0], key[1])
        found["stored"] += 1
        if key not in before:
            found["new"] += 1
        elif before[key] != count:
            found["changed"] += 1
    for key in before:
        if (key[0], key[1]) in pairs and key not in stored:
            row(key[0], key[1])["dropped"] += 1
    return [rows[k] for k in sorted(rows)]


def terc_difference(path: Path) -> dict[str, Any]:
    """What ``import_teryt`` would change, read with its reader: the register's entries
    added, renamed and gone against the same state loaded before, and the current units
    whose official name or TERYT code it would set (code, name today, name then)."""
    from kooperacja.core.teryt import read_terc
    from kooperacja.territory.models import TercUnit
    from kooperacja.territory.services.teryt import display_names

    entries = read_terc(path)
    states = {e.valid_on for e in entries}
    stored = {(code, valid_on): name for code, name, valid_on in TercUnit.objects
              .filter(valid_on__in=states).values_list("code", "name", "valid_on")}
    given = {(e.code, e.valid_on): e.name for e in entries}
    latest = {e.code: e for e in sorted(entries, key=lambda e: e.valid_on)}
    names = display_names((e.code, e.name, e.kind) for e in latest.values())
    units = []
    for code, name, teryt in Unit.objects.current().filter(code__in=list(latest)) \
            .order_by("code").values_list("code", "name", "teryt"):
        if name != names[code] or teryt != code:
            units.append({"code": code, "before": name, "after": names[code],
                          "code_set": teryt != code})
    return {
        "entries": len(entries), "valid_on": max(states).isoformat(), "before": len(stored),
        "added": len(set(given) - set(stored)),
        "changed": sum(1 for k in set(given) & set(stored) if given[k] != stored[k]),
        "retired": len(set(stored) - set(given)),
        "units_changed": len(units), "units": units[:LISTED],
        "guard": verdict(0, 0),
    }


@dataclass(frozen=True)
class StatisticsMapping:
    """The options of a file of public statistics, as ``import_statistics`` (and
    ``import-statistics``) takes them; the encoding is the one detected."""

    source: str
    variable: str | None = None
    year: int | None = None

    @classmethod
    def of(cls, mapping: dict[str, Any]) -> StatisticsMapping:
        year = mapping.get("year")
        return cls(source=str(mapping.get("source", "")),
                   variable=mapping.get("variable") or None, year=int(year) if year else None)

    def options(self, encoding: str | None) -> dict[str, Any]:
        """Keyword arguments of
        :func:`~kooperacja.indicators.services.statistics.import_statistics`."""
        return {"source": self.source, "variable": self.variable, "year": self.year,
                "encoding": encoding}


def statistics_report(done: Any) -> dict[str, Any]:
    """What the dry run and the final report show of an ``import_statistics`` result."""
    return {"units": done.units, "figures": done.figures,
            "years": ", ".join(map(str, done.years)), "missing": done.missing,
            "not_held": done.not_held, "parts": done.parts, "coarser": done.coarser}


def statistics_check(path: Path, mapping: StatisticsMapping,
                     encoding: str | None = None) -> dict[str, Any]:
    """The statistics' dry run: the import's own reading and matching, nothing stored; a
    file it refuses gives its one error (row, column, reason)."""
    from kooperacja.indicators.services.statistics import import_statistics

    result: dict[str, Any] = {"errors": [], "guard": verdict(0, 0)}
    try:
        done = import_statistics(path, **mapping.options(encoding), dry_run=True)
    except UserError as error:
        result["errors"] = [_error_row(error)]
        return result
    result.update(statistics_report(done))
    return result
