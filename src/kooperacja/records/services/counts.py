"""Counts per unit: persons and families of an institution per unit, code and period,
refreshed after each submission and read back for export.

An import counts in one pass over what it staged (:class:`Tally`, :func:`write_counts`):
a million records are counted in about a second, where the same counts in SQL over the
stored rows take SQLite a dozen seconds of sorting (records/tests/test_counts.py checks
the two agree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection

from kooperacja.addresses.services.bulk import write_rows
from kooperacja.addresses.services.units import nested_in, point_units_sql
from kooperacja.core.submissions.demography import AGE_BANDS, SEXES
from kooperacja.core.submissions.layouts import PER_UNIT_LAYOUTS
from kooperacja.records.models import Record, RecordCode, Submission, UnitCount, UnitCountBreakdown
from kooperacja.territory.models import Generation, Unit

_COUNT = UnitCount._meta.db_table
_RECORD = Record._meta.db_table
_CODES = RecordCode._meta.db_table
_COLUMNS = ("unit_id, level_id, institution_id, submission_id, period, code_list_id, code_id, "
            "persons, families")
_BREAKDOWN = UnitCountBreakdown._meta.db_table
_BREAKDOWN_COLUMNS = ("unit_id", "level_id", "institution_id", "submission_id", "period",
                      "code_list_id", "code_id", "sex", "age_band", "persons", "families")
# Sex × age band of a breakdown row, unknown (None) last: group g is
# (_SEX_OF[g // len(_BAND_OF)], _BAND_OF[g % len(_BAND_OF)]).
_SEX_OF: tuple[str | None, ...] = (*SEXES, None)
_BAND_OF: tuple[str | None, ...] = (*AGE_BANDS, None)
_GROUPS = len(_SEX_OF) * len(_BAND_OF)


_POINT_BATCH = 500


def _current_generations() -> list[int]:
    return list(Generation.objects.current().values_list("pk", flat=True)) or [0]


@dataclass
class Tally:
    """What counting needs of a submission's records, gathered chunk by chunk as they
    are written: per record its point (-1 unmatched), person and family pseudonyms, sex
    and age band (None unknown; no arrays at all: all unknown); per code of a record the
    record's position, its code list and code."""

    points: list[np.ndarray] = field(default_factory=list)
    persons: list[np.ndarray] = field(default_factory=list)
    families: list[np.ndarray] = field(default_factory=list)
    sexes: list[np.ndarray] = field(default_factory=list)
    bands: list[np.ndarray] = field(default_factory=list)
    code_records: list[np.ndarray] = field(default_factory=list)
    code_lists: list[np.ndarray] = field(default_factory=list)
    codes: list[np.ndarray] = field(default_factory=list)


def write_counts(submission: Submission, tally: Tally) -> None:
    """Replace the institution's counts for the submission's period by those of the
    tallied records, at every level with a current generation, in one pass, with their
    breakdowns by sex and age band; call inside the swap transaction."""
    with connection.cursor() as cursor:
        for table in (_BREAKDOWN, _COUNT):
            cursor.execute(
                f"DELETE FROM {table} WHERE institution_id = %s AND period = %s",
                [submission.institution_id, submission.period],
            )
    located = point_units_sql(_current_generations(), retired=True)
    rows, parts = _tally_rows(submission, tally, lambda points: _point_units(points, located))
    if rows:
        write_rows(_COUNT, [c.strip() for c in _COLUMNS.split(",")], rows)
    if parts:
        write_rows(_BREAKDOWN, _BREAKDOWN_COLUMNS, parts)


def _group_of(tally: Tally, n: int) -> np.ndarray:
    """Per tallied record its sex × age band group (see ``_SEX_OF``)."""
    if not tally.sexes:
        return np.full(n, _GROUPS - 1, dtype=np.int64)
    sexes = pd.Series(np.concatenate(tally.sexes), dtype=object)
    bands = pd.Series(np.concatenate(tally.bands), dtype=object)
    sex = sexes.map({s: i for i, s in enumerate(SEXES)}).fillna(len(SEXES))
    band = bands.map({b: i for i, b in enumerate(AGE_BANDS)}).fillna(len(AGE_BANDS))
    return (sex.to_numpy(dtype=np.int64) * len(_BAND_OF) + band.to_numpy(dtype=np.int64))


def _tally_rows(
    submission: Submission, tally: Tally,
    units_of: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The count rows of the tallied records at the units ``units_of`` gives as (point,
    unit, level) for the records' points, and the breakdown rows by sex and age band of
    the same counts."""
    if not tally.points:
        return [], []
    points = np.concatenate(tally.points)
    # Pseudonyms as numbers: equal pseudonyms, equal numbers; no family is -1.
    persons = pd.factorize(np.concatenate(tally.persons))[0]
    families = pd.factorize(np.concatenate(tally.families))[0]
    grouped = _group_of(tally, len(points))
    pu_point, pu_unit, pu_level = units_of(np.unique(points[points >= 0]))
    if not len(pu_point):
        return [], []
    # Record × unit: each record once per current generation its point lies in.
    pu_of, record_of = _matches(pu_point, points)
    units, unit_group = np.unique(np.stack([pu_unit, pu_level], axis=1), axis=0,
                                  return_inverse=True)
    unit_group = unit_group.reshape(-1)
    rows: list[tuple[object, ...]] = []
    parts: list[tuple[object, ...]] = []
    s = submission
    fixed = (s.institution_id, s.pk, s.period)
    group = unit_group[pu_of]
    in_group = grouped[record_of]
    everyone_p = _distinct(group, persons[record_of], len(units))
    everyone_f = _distinct(group, families[record_of], len(units))
    split = group * _GROUPS + in_group
    split_p = _distinct(split, persons[record_of], len(units) * _GROUPS)
    split_f = _distinct(split, families[record_of], len(units) * _GROUPS)
    if tally.codes:
        code_records = np.concatenate(tally.code_records)
        code_ids = np.concatenate(tally.codes)
        list_of_code = dict(zip(np.concatenate(tally.codes).tolist(),
                                np.concatenate(tally.code_lists).tolist()))
        code_index, code_keys = pd.factorize(code_ids)
        # Code × unit: the codes of each (record, unit) pair found above.
        pair, code_of = _matches(record_of, code_records)
        code_group = group[pair] * len(code_keys) + code_index[code_of]
        n = len(units) * len(code_keys)
        by_code_p = _distinct(code_group, persons[record_of[pair]], n)
        by_code_f = _distinct(code_group, families[record_of[pair]], n)
        for g in np.flatnonzero(by_code_p):
            (unit, level), code = units[g // len(code_keys)], int(code_keys[g % len(code_keys)])
            rows.append((int(unit), int(level), *fixed, list_of_code[code], code,
                         int(by_code_p[g]), int(by_code_f[g])))
        code_split = code_group * _GROUPS + in_group[pair]
        code_split_p = _distinct(code_split, persons[record_of[pair]], n * _GROUPS)
        code_split_f = _distinct(code_split, families[record_of[pair]], n * _GROUPS)
        for g in np.flatnonzero(code_split_p):
            cell, sex_band = divmod(int(g), _GROUPS)
            (unit, level) = units[cell // len(code_keys)]
            code = int(code_keys[cell % len(code_keys)])
            parts.append((int(unit), int(level), *fixed, list_of_code[code], code,
                          *_sex_band(sex_band), int(code_split_p[g]), int(code_split_f[g])))
    for u, (unit, level) in enumerate(units):
        rows.append((int(unit), int(level), *fixed, None, None, int(everyone_p[u]),
                     int(everyone_f[u])))
    for g in np.flatnonzero(split_p):
        u, sex_band = divmod(int(g), _GROUPS)
        unit, level = units[u]
        parts.append((int(unit), int(level), *fixed, None, None, *_sex_band(sex_band),
                      int(split_p[g]), int(split_f[g])))
    return rows, parts


def _sex_band(group: int) -> tuple[str | None, str | None]:
    return _SEX_OF[group // len(_BAND_OF)], _BAND_OF[group % len(_BAND_OF)]


def _matches(wanted: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i, j) with ``wanted[i] == keys[j]``, as two arrays, ``i`` ascending:
    a join of two key columns by sorting, without a hash table of millions of keys."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    lo = np.searchsorted(ordered, wanted, side="left")
    sizes = np.searchsorted(ordered, wanted, side="right") - lo
    i = np.repeat(np.arange(len(wanted)), sizes)
    starts = np.repeat(lo - np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes)
    return i, order[np.arange(len(i)) + starts]


def _distinct(group: np.ndarray, ident: np.ndarray, groups: int) -> np.ndarray:
    """How many distinct ``ident`` (≥ 0; -1 is none) each of ``groups`` groups holds."""
    known = ident >= 0
    span = int(ident.max(initial=0)) + 1
    # pandas' hash table: several times quicker than np.unique on millions of keys.
    pairs = pd.unique(group[known].astype(np.int64) * span + ident[known])
    return np.bincount(pairs // span, minlength=groups)


def _point_units(
    points: np.ndarray, located: tuple[str, tuple[Any, ...]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(point, unit, level) of ``points`` in the ``located`` lookup (from
    :func:`~kooperacja.addresses.services.units.point_units_sql`)."""
    sql, params = located
    found: list[tuple[int, int, int]] = []
    with connection.cursor() as cursor:
        for i in range(0, len(points), _POINT_BATCH):
            batch = points[i:i + _POINT_BATCH].tolist()
            cursor.execute(
                f"SELECT point_id, unit_id, level_id FROM ({sql}) pu "
                f"WHERE point_id IN ({', '.join(['%s'] * len(batch))})",
                [*params, *batch],
            )
            found += cursor.fetchall()
    table = np.array(found, dtype=np.int64).reshape(-1, 3)
    return table[:, 0], table[:, 1], table[:, 2]


def _stored_tally(submission: Submission) -> Tally:
    """What :func:`write_counts` needs of a stored submission's records, read back."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, point_id, person, family, sex, age_band FROM {_RECORD} "
                       f"WHERE submission_id = %s", [submission.pk])
        records = cursor.fetchall()
        cursor.execute(f"SELECT record_id, code_list_id, code_id FROM {_CODES} "
                       f"WHERE submission_id = %s", [submission.pk])
        codes = cursor.fetchall()
    if not records:
        return Tally()
    frame = pd.DataFrame(
        records, columns=["id", "point", "person", "family", "sex", "band"]).sort_values("id")
    tally = Tally(points=[frame["point"].fillna(-1).to_numpy(dtype=np.int64)],
                  persons=[frame["person"].to_numpy(dtype=object)],
                  families=[frame["family"].to_numpy(dtype=object)],
                  sexes=[frame["sex"].to_numpy(dtype=object)],
                  bands=[frame["band"].to_numpy(dtype=object)])
    if codes:
        table = np.array(codes, dtype=np.int64)
        tally.code_records.append(np.searchsorted(frame["id"].to_numpy(), table[:, 0]))
        tally.code_lists.append(table[:, 1])
        tally.codes.append(table[:, 2])
    return tally


def count_generation(generation: Generation) -> int:
    """Count every active submission at the units of ``generation`` (a new level, or a new
    generation of one), whose address points already carry their units; returns the rows
    written. Record submissions are counted as an import counts them (their records read
    back and tallied, a few times quicker than SQL's grouping); the counts of an
    aggregate submission, given for units of the same level, move to the new units its
    units nest in (see
    :func:`~kooperacja.addresses.services.units.nested_in`). Call inside the transaction
    that activates the generation."""
    level = generation.level_id
    with connection.cursor() as cursor:
        for table in (_BREAKDOWN, _COUNT):
            cursor.execute(
                f"DELETE FROM {table} WHERE unit_id IN "
                f"(SELECT id FROM {Unit._meta.db_table} WHERE generation_id = %s)",
                [generation.pk],
            )
    written = 0
    sql, params = point_units_sql([generation], retired=True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT point_id, unit_id, level_id FROM ({sql}) pu ORDER BY point_id",
                       params)
        located = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 3)

    def units_of(points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        found = located[np.isin(located[:, 0], points)]
        return found[:, 0], found[:, 1], found[:, 2]

    for submission in Submission.objects.active().exclude(
        layout__in=PER_UNIT_LAYOUTS
    ):
        rows, parts = _tally_rows(submission, _stored_tally(submission), units_of)
        write_rows(_COUNT, [c.strip() for c in _COLUMNS.split(",")], rows)
        write_rows(_BREAKDOWN, _BREAKDOWN_COLUMNS, parts)
        written += len(rows)
    # An aggregate submission's counts stay on the level they were given for (an import
    # does not sum them up): only a new generation of that level takes them over.
    given = pd.DataFrame(
        UnitCount.objects.active().filter(level_id=level, submission__layout__in=PER_UNIT_LAYOUTS)
        .values_list("unit_id", "institution_id", "submission_id", "period", "code_list_id",
                     "code_id", "persons"),
        columns=["unit", "institution", "submission", "period", "code_list", "code", "persons"],
    )
    moved = nested_in(generation, given, "submission")
    if moved.empty:
        return written
    summed = moved.groupby(["unit", "institution", "submission", "period", "code_list", "code"],
                           dropna=False)["persons"].sum().reset_index()
    write_rows(_COUNT, [c.strip() for c in _COLUMNS.split(",")], [
        (int(unit), level, int(institution), int(submission), period,
         None if pd.isna(code_list) else int(code_list), None if pd.isna(code) else int(code),
         int(persons), None)
        for unit, institution, submission, period, code_list, code, persons
        in summed.itertuples(index=False)
    ])
    return written + len(summed)


def count_rows(
    period: str, institution_id: int | None = None, level: str | None = None
) -> list[dict[str, object]]:
    """The stored counts as rows of unit_code, code_list, code, persons, families; "*"
    for the code list and code of the everyone-placed row.

    Without an institution the institutions' counts are added up: code lists belong to
    one kind of institution, so this only adds across institutions of one kind.
    """
    counts = UnitCount.objects.active(period, institution_id).filter(
        unit__generation__is_current=True)
    if level:
        counts = counts.filter(level__code=level)
    totals: dict[tuple[str, str, str], list[int | None]] = {}
    for unit_code, _rank, code_list, code, persons, families in counts.values_list(
        "unit__code", "level__rank", "code_list__code", "code__code", "persons", "families"
    ).order_by("level__rank", "unit__code", "code_list__code", "code__id"):
        key = (unit_code, code_list or "*", code or "*")
        total = totals.setdefault(key, [0, None])
        total[0] = int(total[0] or 0) + persons
        if families is not None:
            total[1] = (total[1] or 0) + families
    return [
        {"unit_code": u, "code_list": cl, "code": c, "persons": p,
         "families": "" if f is None else f}
        for (u, cl, c), (p, f) in totals.items()
    ]


BREAKDOWNS = ("sex", "age_band")


def breakdown_rows(
    period: str, institution_id: int | None = None, level: str | None = None,
    by: tuple[str, ...] = BREAKDOWNS,
) -> list[dict[str, object]]:
    """As :func:`count_rows`, split by ``by`` (``sex``, ``age_band`` or both): rows of
    unit_code, code_list, code, the columns of ``by`` ("" where not known), persons,
    families. Only person-level submissions have breakdowns.

    Families are given only split by both: a family with members of two sexes or bands
    is in both, so families do not add up over one of them.
    """
    unknown = set(by) - set(BREAKDOWNS)
    if unknown or not by:
        raise ValueError(f"breakdowns are by {BREAKDOWNS}, not {sorted(unknown)}")
    found = UnitCountBreakdown.objects.active(period, institution_id).filter(
        unit__generation__is_current=True)
    if level:
        found = found.filter(level__code=level)
    both = set(by) == set(BREAKDOWNS)
    totals: dict[tuple[str, ...], list[int | None]] = {}
    for unit_code, _rank, code_list, code, sex, band, persons, families in found.values_list(
        "unit__code", "level__rank", "code_list__code", "code__code", "sex", "age_band",
        "persons", "families",
    ).order_by("level__rank", "unit__code", "code_list__code", "code__id", "sex", "age_band"):
        split = {"sex": sex or "", "age_band": band or ""}
        key = (unit_code, code_list or "*", code or "*", *(split[b] for b in by))
        total = totals.setdefault(key, [0, None])
        total[0] = int(total[0] or 0) + persons
        if families is not None and both:
            total[1] = (total[1] or 0) + families
    return [
        {"unit_code": key[0], "code_list": key[1], "code": key[2],
         **dict(zip(by, key[3:])), "persons": p, "families": "" if f is None else f}
        for key, (p, f) in totals.items()
    ]


def unit_breakdowns(
    period: str, *, code_list: str | None = None, codes: list[str] | None = None,
    institution: str | None = None, units: list[int] | None = None,
    counted: str = "persons", audience: str,
) -> dict[int, dict[tuple[str | None, str | None], int]]:
    """True counts per unit id and (sex, age band) of the active submissions of
    ``period``: everyone placed in the unit, or the persons (``counted``: or families)
    with one of ``codes`` of ``code_list``; of one institution (code) or all added up;
    of some units or all. None is "not known". Internal: pass the numbers through
    disclosure control (``kooperacja.indicators.services.breakdown``) before showing them.
    Of the submissions ``audience`` sees (``Submission.objects.seen_by``).
    """
    found = UnitCountBreakdown.objects.active(period).seen_by(audience)
    if code_list is None:
        found = found.filter(code_list__isnull=True)
    else:
        found = found.filter(code_list__code=code_list, code__code__in=codes or [])
    if institution:
        found = found.filter(institution__code=institution)
    if units is not None:
        found = found.filter(unit_id__in=units)
    out: dict[int, dict[tuple[str | None, str | None], int]] = {}
    for unit, sex, band, count in found.values_list("unit_id", "sex", "age_band", counted):
        if count is None:
            continue
        cells = out.setdefault(unit, {})
        cells[(sex, band)] = cells.get((sex, band), 0) + count
    return out
