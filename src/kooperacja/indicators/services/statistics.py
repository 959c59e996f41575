"""Public statistics per gmina (docs/statistics.md): GUS BDL exports of population by sex
and age and of registered unemployment, and the social-assistance tables MRPiPS-03.

The files are read by ``core/statistics.py``; here their TERYT codes become the
installation's units and the figures are stored: population as ``Population`` (per unit,
year, sex and the installation's age bands), counts as partners' aggregates of an
institution of kind ``other`` named for the source (``SOURCES``), created on the first
import, so an indicator picks them by ``institution`` and never mixes them with the
institutions' own extracts. Rows of units the installation does not hold are counted and
reported, not refused.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.statistics import (
    BdlTable,
    Figure,
    project_bands,
    read_bdl,
    read_mrpips03,
)
from kooperacja.core.tables import TableError
from kooperacja.indicators.services.aggregates import store_aggregates
from kooperacja.records.models import Institution
from kooperacja.records.services.codebook import stored_codes
from kooperacja.territory.models import Population, Unit
from kooperacja.territory.signals import population_imported


@dataclass(frozen=True)
class Source:
    institution: str
    name: str
    variables: tuple[str, ...]


SOURCES = {
    "bdl": Source("gus-bdl", "GUS – Bank Danych Lokalnych", ("population", "unemployment")),
    "mrpips03": Source("mrpips-03", "MRPiPS-03 – sprawozdania z pomocy społecznej",
                       ("beneficiaries",)),
}
# Registered unemployment from BDL, by sex: the code list and its codes.
UNEMPLOYMENT_LIST = "gus_bdl"
UNEMPLOYMENT_CODES = {"": "bezrobotni", "K": "bezrobotni_k", "M": "bezrobotni_m"}
# MRPiPS-03's reasons go on the extracts' list; its total of beneficiaries on a list of its own.
REASONS_LIST = "mops_reason"
TOTAL_LIST = "mrpips03"
TOTAL_CODE = "beneficjenci"
PREFERRED_LEVELS = ("gmina", "powiat", "wojewodztwo")


@dataclass
class StatisticsImport:
    source: str
    variable: str
    units: int = 0
    figures: int = 0
    missing: int = 0  # values the table marks as no data or confidential
    not_held: int = 0  # rows of units the installation does not hold
    not_held_units: int = 0
    parts: int = 0  # rows of a gmina's town or rural area (TERYT type 4, 5)
    coarser: int = 0  # rows of coarser units, summed from the finer ones instead
    not_teryt: int = 0  # rows of the country, regions, subregions, the table's total
    years: list[int] = field(default_factory=list)
    dry_run: bool = False


@dataclass(frozen=True)
class _Found:
    pk: int
    level_id: int
    rank: int


class UnitsByTeryt:
    """The current units by TERYT code: ``Unit.teryt``, or a code of 2, 4 or 7 digits; of
    several units with one TERYT, the one on a level gmina, powiat or wojewodztwo, else the
    coarsest."""

    def __init__(self) -> None:
        found: dict[str, list[tuple[int, _Found]]] = defaultdict(list)
        rows = Unit.objects.current().values_list(
            "pk", "code", "teryt", "level_id", "level__code", "level__rank")
        for pk, code, teryt, level_id, level_code, rank in rows:
            key = teryt or (code if code.isdigit() and len(code) in (2, 4, 7) else "")
            if key:
                preferred = 0 if level_code in PREFERRED_LEVELS else 1
                found[key].append((preferred * 1000 + rank, _Found(pk, level_id, rank)))
        self._by_teryt = {key: min(units, key=lambda u: u[0])[1] for key, units in found.items()}

    def find(self, teryt: str) -> _Found | None:
        return self._by_teryt.get(teryt)

    def is_part(self, teryt: str) -> bool:
        """A town (type 4) or rural area (5) of an urban-rural gmina (3) held here."""
        return len(teryt) == 7 and teryt[6] in "45" and teryt[:6] + "3" in self._by_teryt


def statistics_institution(source: str) -> Institution:
    """The institution standing for ``source`` (kind ``other``), created on first use."""
    spec = SOURCES[source]
    institution, _ = Institution.objects.get_or_create(
        code=spec.institution, defaults={"name": spec.name, "kind": Institution.Kind.OTHER})
    return institution


def import_statistics(
    path: Path | str, source: str, variable: str | None = None, *, year: int | None = None,
    encoding: str | None = None, dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> StatisticsImport:
    """Read ``path`` as a table of ``source`` (``bdl`` or ``mrpips03``) and store its
    ``variable`` for the units held here; with ``dry_run`` read and match only. ``year``
    is the year of a file without one, and picks that year's figures from a file of
    several.
    ``progress`` hears of each step: ``("read", 0)``, ``("matched", values read)``."""
    if source not in SOURCES:
        raise UserError(None, N_("Unknown source %(source)s; use one of %(sources)s."),
                        {"source": source, "sources": ", ".join(SOURCES)})
    spec = SOURCES[source]
    variable = variable or (spec.variables[0] if len(spec.variables) == 1 else None)
    if variable not in spec.variables:
        raise UserError(None, N_("Source %(source)s needs --variable, one of %(variables)s."),
                        {"source": source, "variables": ", ".join(spec.variables)})
    say = progress or (lambda step, n: None)
    path = Path(path)
    say("read", 0)
    if source == "mrpips03":
        return _mrpips03(path, year, encoding, dry_run, say)
    table = read_bdl(path, encoding, year)
    if year is not None:
        table.figures = [f for f in table.figures if f.year == year]
        _some_of_year(path, bool(table.figures), year)
    say("matched", len(table.figures))
    if variable == "population":
        return _population(path, table, dry_run)
    return _unemployment(path, table, dry_run)


def _some_of_year(path: Path, found: bool, year: int) -> None:
    if not found:
        raise UserError(path, N_("the file has no figures of the year %(year)s"),
                        {"year": year})


def _matched(figures: list[Figure], units: UnitsByTeryt,
             result: StatisticsImport) -> list[tuple[_Found, Figure]]:
    out = []
    not_held: set[str] = set()
    rows_not_held: set[int] = set()
    parts: set[int] = set()
    for f in figures:
        unit = units.find(f.teryt)
        if unit is None:
            if units.is_part(f.teryt):
                parts.add(f.row)
            else:
                not_held.add(f.teryt)
                rows_not_held.add(f.row)
            continue
        out.append((unit, f))
    result.not_held, result.not_held_units, result.parts = (
        len(rows_not_held), len(not_held), len(parts))
    return out


def _population(path: Path, table: BdlTable, dry_run: bool) -> StatisticsImport:
    result = StatisticsImport("bdl", "population", not_teryt=table.not_teryt, dry_run=dry_run)
    groups: dict[tuple[int, int, str], dict[tuple[int, int | None] | None, int | None]] = (
        defaultdict(dict))
    for unit, f in _matched(table.figures, UnitsByTeryt(), result):
        cell = groups[(unit.pk, f.year, f.sex)]
        if f.ages in cell:
            raise TableError(path, N_("this unit, year, sex and age group appear twice"),
                             row=f.row)
        cell[f.ages] = f.value
        result.missing += f.value is None
    figures: dict[tuple[int, int, str, str], int] = {}
    for (unit_pk, year, sex), ages in groups.items():
        total = ages.pop(None, None)
        if total is not None:
            figures[(unit_pk, year, sex, "")] = total
        bands = project_bands({g: v for g, v in ages.items() if g is not None}, path)
        for band, value in bands.items():
            if value is not None:
                figures[(unit_pk, year, sex, band)] = value
    for unit_pk, year in {(u, y) for u, y, _, _ in figures}:
        if (unit_pk, year, "", "") not in figures and all(
                (unit_pk, year, s, "") in figures for s in ("K", "M")):
            figures[(unit_pk, year, "", "")] = (figures[(unit_pk, year, "K", "")]
                                                + figures[(unit_pk, year, "M", "")])
    if not figures:
        raise UserError(path, N_("the file has no value for a unit held here"))
    pairs = {(u, y) for u, y, _, _ in figures}
    result.units = len({u for u, _ in pairs})
    result.years = sorted({y for _, y in pairs})
    result.figures = len(figures)
    if dry_run:
        return result
    with transaction.atomic():
        for unit_pk, year in pairs:
            Population.objects.filter(unit_id=unit_pk, year=year).delete()
        Population.objects.bulk_create(
            Population(unit_id=u, year=y, sex=s, age_band=a, count=c)
            for (u, y, s, a), c in figures.items())
        population_imported.send(sender=Population)
    return result


def _finest(matched: list[tuple[_Found, Figure]],
            result: StatisticsImport) -> list[tuple[_Found, Figure]]:
    """The rows of the finest level in the file; coarser ones are counted and left to the
    sums of the finer."""
    if not matched:
        return matched
    finest = max(unit.rank for unit, _ in matched)
    kept = [(u, f) for u, f in matched if u.rank == finest]
    result.coarser = len({f.row for u, f in matched if u.rank != finest})
    return kept


def _unemployment(path: Path, table: BdlTable, dry_run: bool) -> StatisticsImport:
    result = StatisticsImport("bdl", "unemployment", not_teryt=table.not_teryt,
                              dry_run=dry_run)
    if "age" in table.dimensions:
        raise UserError(path, N_("registered unemployment is stored by sex only; export the "
                                 "table without the age breakdown"))
    matched = _finest(_matched(table.figures, UnitsByTeryt(), result), result)
    by_year: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
    unknown: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for unit, f in matched:
        key = (unit.pk, UNEMPLOYMENT_CODES[f.sex])
        if key in by_year[f.year] or key in unknown[f.year]:
            raise TableError(path, N_("this unit, year and sex appear twice"), row=f.row)
        if f.value is None:
            unknown[f.year].add(key)
            result.missing += 1
        else:
            by_year[f.year][key] = f.value
    return _store(path, result, by_year, unknown, UNEMPLOYMENT_LIST,
                  sorted(set(UNEMPLOYMENT_CODES.values())), matched)


def _store(
    path: Path, result: StatisticsImport, by_year: dict[int, dict[tuple[int, str], int]],
    unknown: dict[int, set[tuple[int, str]]], code_list: str, codes: list[str],
    matched: list[tuple[_Found, Figure]] | list[tuple[_Found, int]],
    also: dict[int, dict[tuple[int, str], int]] | None = None,
    also_unknown: dict[int, set[tuple[int, str]]] | None = None,
) -> StatisticsImport:
    years = sorted(set(by_year) | set(unknown) | set(also or {}))
    if not matched or not years:
        raise UserError(path, N_("the file has no value for a unit held here"))
    result.units = len({unit.pk for unit, _ in matched})
    result.years = years
    result.figures = sum(len(v) for v in by_year.values()) + sum(
        len(v) for v in (also or {}).values())
    if result.dry_run:
        return result
    level_id = matched[0][0].level_id
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    with transaction.atomic():
        institution = statistics_institution(result.source)
        for year in years if codes else []:
            store_aggregates(by_year.get(year, {}), period=str(year), code_list=code_list,
                             codes=codes, institution=institution, level_id=level_id,
                             file_name=path.name, checksum=checksum, rows=result.units,
                             unknown=unknown.get(year, set()))
        for year, counts in (also or {}).items():
            store_aggregates(counts, period=str(year), code_list=TOTAL_LIST,
                             codes=[TOTAL_CODE], institution=institution, level_id=level_id,
                             file_name=path.name, checksum=checksum, rows=result.units,
                             unknown=(also_unknown or {}).get(year, set()))
    return result


_NOTE = re.compile(r"\s*[\(\[].*[\)\]]\s*$")


def _reason_lookup() -> Callable[[str], str | None]:
    book = stored_codes().book
    if REASONS_LIST not in book.lists:
        raise UserError(None, N_("The code list %(list)s is missing; it comes with the "
                                 "installation's migrations."), {"list": REASONS_LIST})

    def reason(header: str) -> str | None:
        for text in (header, _NOTE.sub("", header)):
            code = book.lookup(REASONS_LIST, text)
            if code is not None:
                return code.code
        return None

    return reason


def _mrpips03(path: Path, year: int | None, encoding: str | None, dry_run: bool,
              say: Callable[[str, int], None]) -> StatisticsImport:
    table = read_mrpips03(path, _reason_lookup(), encoding)
    if year is not None:
        table.rows = [r for r in table.rows if r.year in (None, year)]
        _some_of_year(path, bool(table.rows), year)
    say("matched", len(table.rows))
    result = StatisticsImport("mrpips03", "beneficiaries", not_teryt=table.not_teryt,
                              dry_run=dry_run)
    units = UnitsByTeryt()
    matched_rows = []
    not_held: set[str] = set()
    for row in table.rows:
        when = row.year or year
        if when is None:
            raise TableError(path, N_("the table has no column Rok; give the year (--year)"),
                             row=row.row)
        unit = units.find(row.teryt)
        if unit is None:
            if units.is_part(row.teryt):
                result.parts += 1
            else:
                result.not_held += 1
                not_held.add(row.teryt)
            continue
        matched_rows.append((unit, row, when))
    result.not_held_units = len(not_held)
    finest = max((u.rank for u, _, _ in matched_rows), default=0)
    result.coarser = sum(1 for u, _, _ in matched_rows if u.rank != finest)
    matched_rows = [m for m in matched_rows if m[0].rank == finest]
    by_year: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
    unknown: dict[int, set[tuple[int, str]]] = defaultdict(set)
    totals: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
    totals_unknown: dict[int, set[tuple[int, str]]] = defaultdict(set)
    seen: set[tuple[int, int]] = set()
    for unit, row, when in matched_rows:
        if (unit.pk, when) in seen:
            raise TableError(path, N_("this unit appears twice"), row=row.row)
        seen.add((unit.pk, when))
        for code, count in row.counts.items():
            if count is None:
                unknown[when].add((unit.pk, code))
                result.missing += 1
            else:
                by_year[when][(unit.pk, code)] = count
        if row.total is not None:
            totals[when][(unit.pk, TOTAL_CODE)] = row.total
        elif table.total_column is not None:
            totals_unknown[when].add((unit.pk, TOTAL_CODE))
            result.missing += 1
    if table.total_column is not None:
        for when in set(by_year) | set(unknown):
            totals.setdefault(when, {})
    return _store(path, result, by_year, unknown, REASONS_LIST, sorted(table.reasons),
                  [(u, r.row) for u, r, _ in matched_rows], totals, totals_unknown)
