"""Counts per unit that partners (police, schools) or statistics offices deliver as tables."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from django.db import transaction
from django.db.models import F

from kooperacja.addresses.services.units import nested_in
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.tables import UNKNOWN_UNIT, TableError, read_count, read_table
from kooperacja.indicators.models import Aggregate, AggregateImport
from kooperacja.records.models import Code, Institution
from kooperacja.records.services.institutions import get_institution
from kooperacja.territory.models import Generation, Level, Unit
from kooperacja.territory.services.codes import CodedUnit, UnitCodes, current_level


@dataclass(frozen=True)
class ValueField:
    column: str
    code: str


def parse_value_field(text: str) -> ValueField:
    column, sep, code = text.rpartition(":")
    if not sep or not column.strip() or not code.strip():
        raise UserError(None,
                        N_("--value-field %(text)s: write COLUMN:CODE, e.g. interwencje:violence"),
                        {"text": text})
    return ValueField(column.strip(), code.strip())


@dataclass(frozen=True)
class AggregateParameters:
    """A partner's counts per unit to import, checked once: the value fields, the codes they
    count (on the code list, when records know it), the institution and the level."""

    unit_field: str
    period: str
    code_list: str
    fields: tuple[ValueField, ...]
    institution: Institution | None = None
    level: Level | None = None

    @classmethod
    def check(
        cls, unit_field: str, period: str, code_list: str, fields: list[ValueField] | list[str],
        institution: str | None = None, level: str | None = None,
    ) -> AggregateParameters:
        """The parameters, or a ``UserError`` a person can act on."""
        values = tuple(f if isinstance(f, ValueField) else parse_value_field(f) for f in fields)
        known = set(Code.objects.filter(code_list__code=code_list).values_list("code", flat=True))
        for f in values:
            if known and f.code not in known:
                raise UserError(None, N_("code %(code)s is not on code list %(list)s"),
                                {"code": f.code, "list": code_list}, field=f.column)
        return cls(unit_field, period, code_list, values,
                   get_institution(institution) if institution else None,
                   current_level(level) if level else None)


def import_aggregates(
    path: Path | str, params: AggregateParameters, encoding: str | None = None,
) -> AggregateImport:
    """Store the file's counts for ``params.period`` at its units' level and, summed, at
    every coarser level; replaces earlier counts of the same period, code list, codes and
    institution."""
    table = read_table(path, encoding)
    path = table.path
    c_unit = table.column(params.unit_field)
    columns = [(table.column(f.column), f) for f in params.fields]
    units = UnitCodes(params.level, source=str(path))
    given: dict[tuple[int, str], int] = {}
    unit_of: dict[int, CodedUnit] = {}
    for row, cells in table.rows:
        cells = cells + [""] * (len(table.header) - len(cells))
        code = cells[c_unit].strip()
        unit = units.find(code, row=row, field=table.header[c_unit])
        if unit is None:
            raise TableError(path, UNKNOWN_UNIT, row=row, field=table.header[c_unit])
        unit_of[unit.pk] = unit
        for index, f in columns:
            count = read_count(path, row, table.header[index], cells[index])
            key = (unit.pk, f.code)
            if key in given:
                raise TableError(path, N_("this unit appears twice"), row=row)
            given[key] = count
    if not given:
        raise UserError(path, N_("the file has no rows"))
    levels = {u.level_id for u in unit_of.values()}
    if len(levels) > 1:
        raise UserError(path,
                        N_("the units are on several levels; give units of one level (--level)"))
    return store_aggregates(
        given, period=params.period, code_list=params.code_list,
        codes=[f.code for f in params.fields], institution=params.institution,
        level_id=levels.pop(), file_name=path.name,
        checksum=hashlib.sha256(path.read_bytes()).hexdigest(), rows=len(unit_of),
    )


def store_aggregates(
    given: dict[tuple[int, str], int], *, period: str, code_list: str, codes: list[str],
    institution: Institution | None, level_id: int, file_name: str, checksum: str, rows: int,
    unknown: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset(),
) -> AggregateImport:
    """Store counts per (unit, code) of one file and period at the units' level and, summed,
    at every coarser level, replacing earlier counts of the same period, code list, codes
    and institution. A coarser unit gets no sum of a code that is ``unknown`` (no data) for
    one of the units beneath it."""
    totals = _rolled_up(given, unknown)
    with transaction.atomic():
        Aggregate.objects.filter(
            period=period, code_list=code_list, code__in=codes, institution=institution,
        ).delete()
        source = AggregateImport.objects.create(
            file_name=file_name, checksum=checksum, period=period, code_list=code_list,
            institution=institution, level_id=level_id, rows=rows,
        )
        Aggregate.objects.bulk_create(
            Aggregate(source=source, unit_id=unit, period=period, code_list=code_list,
                      code=code, institution=institution, count=count)
            for (unit, code), count in totals.items()
        )
    return source


def _rolled_up(
    given: dict[tuple[int, str], int],
    unknown: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset(),
) -> dict[tuple[int, str], int]:
    parent_of = dict(Unit.objects.current().values_list("pk", "parent_id"))
    totals = dict(given)
    not_known: set[tuple[int, str]] = set()
    for unit, code in unknown:
        parent = parent_of.get(unit)
        while parent is not None and (parent, code) not in not_known:
            not_known.add((parent, code))
            parent = parent_of.get(parent)
    for (unit, code), count in given.items():
        seen = {unit}
        parent = parent_of.get(unit)
        while parent is not None and parent not in seen:
            totals[(parent, code)] = totals.get((parent, code), 0) + count
            seen.add(parent)
            parent = parent_of.get(parent)
    return {key: count for key, count in totals.items() if key not in not_known}


def aggregate_generation(generation: Generation) -> int:
    """Give the units of ``generation`` (a new level, or a new generation of one) the
    partners' counts of every stored file, summed over the file's units that nest in
    them (see :func:`~kooperacja.addresses.services.units.nested_in`); returns the counts
    written. Call inside the transaction that activates the generation."""
    Aggregate.objects.filter(unit__generation=generation).delete()
    given = pd.DataFrame(
        Aggregate.objects.filter(unit__level=F("source__level")).values_list(
            "unit_id", "source_id", "period", "code_list", "code", "institution_id", "count"),
        columns=["unit", "source", "period", "code_list", "code", "institution", "count"],
    )
    moved = nested_in(generation, given, "source")
    if moved.empty:
        return 0
    summed = moved.groupby(["unit", "source", "period", "code_list", "code", "institution"],
                           dropna=False)["count"].sum().reset_index()
    Aggregate.objects.bulk_create(
        Aggregate(source_id=int(source), unit_id=int(unit), period=period, code_list=code_list,
                  code=code, institution_id=None if pd.isna(institution) else int(institution),
                  count=int(count))
        for unit, source, period, code_list, code, institution, count
        in summed.itertuples(index=False)
    )
    return len(summed)
