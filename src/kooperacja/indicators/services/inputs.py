"""What an indicator is computed from: the current units, numerator and denominator counts
per unit for a period, and the versions of every input used (for reproducibility)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.demography import expand_bands
from kooperacja.indicators.models import Aggregate, AggregateImport, Indicator
from kooperacja.records.models import Institution, Submission, UnitCount, UnitCountBreakdown
from kooperacja.records.services.counts import unit_breakdowns
from kooperacja.records.services.exports import submission_provenance
from kooperacja.territory.models import Generation, Population, Unit

# The territories a computation covers, as their sorted codes; () for the whole
# installation (indicators/services/audiences.py, ``analyst_scope``).
Scope = tuple[str, ...]
NOWHERE = ""  # the scope (NOWHERE,) holds no territory: no unit has an empty code


def scope_key(scope: Scope) -> str:
    """How ``scope`` is stored beside what was computed over it: "" for the whole
    installation, else a digest of its codes (a voivodeship's are hundreds)."""
    return hashlib.sha256(",".join(scope).encode()).hexdigest()[:32] if scope else ""


@dataclass(frozen=True)
class UnitRow:
    pk: int
    code: str
    name: str
    level: str
    rank: int
    parent: int | None


@dataclass
class Provenance:
    """The versions of the data behind a result, as they go into an output's metadata."""

    submissions: dict[int, dict[str, Any]] = field(default_factory=dict)
    aggregates: dict[int, dict[str, Any]] = field(default_factory=dict)
    population_years: dict[str, int | None] = field(default_factory=dict)
    # Level → how its population was made, where not given per unit.
    population_methods: dict[str, dict[str, Any]] = field(default_factory=dict)

    def note_population_methods(self, methods: dict[str, str], year: int) -> None:
        for level, method in methods.items():
            self.population_methods[level] = {
                "level": level, "year": year, "method": method,
                "estimate": method == Population.Method.DASYMETRIC,
                "description": str(Population.Method(method).label),
            }

    def add_submissions(self, ids: set[int]) -> None:
        found = Submission.objects.filter(pk__in=ids - set(self.submissions)).select_related(
            "institution"
        )
        for described in submission_provenance(found):
            self.submissions[described["id"]] = described

    def add_aggregates(self, ids: set[int]) -> None:
        found = AggregateImport.objects.filter(pk__in=ids - set(self.aggregates))
        for a in found.select_related("institution"):
            # No checksum: a hash of the whole file would confirm a guess of its hidden counts;
            # no file name: offices may name files after people.
            self.aggregates[a.pk] = {
                "id": a.pk, "institution": a.institution.code if a.institution else None,
                "period": a.period, "code_list": a.code_list, "version": a.pk,
                "imported": a.created_at.isoformat(),
            }

    def as_dict(self) -> dict[str, Any]:
        return {
            "submissions": sorted(self.submissions.values(), key=lambda s: s["id"]),
            "aggregate_imports": sorted(self.aggregates.values(), key=lambda a: a["id"]),
            "population_years": self.population_years,
            # Levels whose population is an estimate (dasymetric) or from a population grid.
            "population_methods": sorted(self.population_methods.values(),
                                         key=lambda m: m["level"]),
            "boundaries": [
                {"level": g.level.code, "generation": g.pk, "valid_from": g.valid_from.isoformat(),
                 "sha256": g.checksum, "imported": g.created_at.isoformat()}
                for g in Generation.objects.current().select_related("level")
            ],
        }


Group = tuple[str | None, str | None]  # (sex, age band); None: not known


@dataclass(frozen=True)
class Raw:
    """True counts per unit (position-aligned with ``units``): internal, never published.

    ``groups``: the numerator of each unit by sex and age band (unit pk → (sex, band) →
    persons), adding up to it (counts without a breakdown, such as partners' aggregates,
    are in (None, None)); None when the indicator has no breakdown (families, overlaps).
    """

    units: list[UnitRow]
    numerator: npt.NDArray[np.int64]
    denominator: npt.NDArray[np.float64]  # NaN where unknown
    denominator_is_count: bool
    period: str
    groups: dict[int, dict[Group, int]] | None = None


def current_units(scope: Scope = ()) -> list[UnitRow]:
    """Every current unit of every level (of the territories of ``scope``), coarsest level
    first."""
    found = Unit.objects.current()
    if scope:
        found = found.filter(territory__code__in=scope)
    return [
        UnitRow(pk, code, name, level, rank, parent)
        for pk, code, name, level, rank, parent in found
        .order_by("level__rank", "code")
        .values_list("pk", "code", "name", "level__code", "level__rank", "parent_id")
    ]


def _code_counts(
    indicator: Indicator, period: str, code_list: str, codes: list[str], institution: str,
    inputs: Provenance, audience: str, sex: str = "", bands: list[str] | None = None,
) -> dict[int, int]:
    """Counts of ``codes`` per unit, of the submissions ``audience`` sees; of one ``sex``
    and some age ``bands`` when given, from the records' breakdowns only (partners'
    aggregates have no sex or age)."""
    column = "families" if indicator.counted == Indicator.Counted.FAMILIES else "persons"
    found: Any = UnitCount.objects.active(period).seen_by(audience).filter(
        code_list__code=code_list, code__code__in=codes,
    )
    extra = Aggregate.objects.filter(period=period, code_list=code_list, code__in=codes)
    if sex or bands:
        found = UnitCountBreakdown.objects.active(period).seen_by(audience).filter(
            code_list__code=code_list, code__code__in=codes)
        if sex:
            found = found.filter(sex=sex)
        if bands:
            found = found.filter(age_band__in=expand_bands(bands))
        extra = extra.none()
    if institution:
        found = found.filter(institution__code=institution)
        extra = extra.filter(institution__code=institution)
    totals: dict[int, int] = defaultdict(int)
    submissions: set[int] = set()
    for unit, count, submission in found.values_list("unit_id", column, "submission_id"):
        if count is not None:
            totals[unit] += count
            submissions.add(submission)
    sources: set[int] = set()
    for unit, count, source in extra.values_list("unit_id", "count", "source_id"):
        totals[unit] += count
        sources.add(source)
    inputs.add_submissions(submissions)
    inputs.add_aggregates(sources)
    return totals


def _overlap_counts(indicator: Indicator, period: str, inputs: Provenance,
                    audience: str) -> dict[int, int]:
    from kooperacja.records.services.overlap import overlap_table

    chosen: list[Institution] = []
    for kind in indicator.numerator_overlap:
        submission = (
            Submission.objects.active(period).seen_by(audience).filter(institution__kind=kind)
            .select_related("institution").order_by("institution__code").first()
        )
        if submission is None:
            return {}
        chosen.append(submission.institution)
        inputs.add_submissions({submission.pk})
    by_code = {(u.level, u.code): u.pk for u in current_units()}
    totals: dict[int, int] = {}
    for generation in Generation.objects.current().select_related("level"):
        table = overlap_table(period, chosen[0], chosen[1], generation.level.code,
                              sex=indicator.numerator_sex,
                              age_bands=list(indicator.numerator_age_bands))
        for code, persons in zip(table["unit_code"], table["persons_both"]):
            pk = by_code.get((generation.level.code, code))
            if pk is not None:
                totals[pk] = int(persons)
    return totals


def numerator_counts(indicator: Indicator, period: str, inputs: Provenance,
                     audience: str) -> dict[int, int]:
    if indicator.numerator_overlap:
        return _overlap_counts(indicator, period, inputs, audience)
    return _code_counts(
        indicator, period, indicator.numerator_code_list, list(indicator.numerator_codes),
        indicator.numerator_institution, inputs, audience, indicator.numerator_sex,
        list(indicator.numerator_age_bands),
    )


def numerator_groups(
    indicator: Indicator, period: str, numerator: dict[int, int], audience: str,
) -> dict[int, dict[Group, int]] | None:
    """The numerator of each unit by sex and age band, adding up to ``numerator`` (the
    part the breakdowns do not cover is not known: (None, None)); None for an indicator
    without breakdowns (of families, or an overlap)."""
    if indicator.numerator_overlap or indicator.counted != Indicator.Counted.PERSONS:
        return None
    found = unit_breakdowns(
        period, code_list=indicator.numerator_code_list, codes=list(indicator.numerator_codes),
        institution=indicator.numerator_institution or None, audience=audience,
    )
    bands = set(expand_bands(indicator.numerator_age_bands))
    groups: dict[int, dict[Group, int]] = {}
    for unit, total in numerator.items():
        cells = {
            (sex, band): n for (sex, band), n in found.get(unit, {}).items()
            if (not indicator.numerator_sex or sex == indicator.numerator_sex)
            and (not bands or band in bands)
        }
        rest = total - sum(cells.values())
        if rest < 0:  # cannot happen with one source of truth; know nothing rather than lie
            cells, rest = {}, total
        if rest:
            cells[(None, None)] = cells.get((None, None), 0) + rest
        groups[unit] = cells
    return groups


def _population_year(period: str) -> int | None:
    years = sorted(set(Population.objects.values_list("year", flat=True)))
    if not years:
        return None
    wanted = int(period[:4]) if period[:4].isdigit() else years[-1]
    earlier = [y for y in years if y <= wanted]
    return earlier[-1] if earlier else years[0]


def _pick(figures: dict[tuple[str, str], int], sexes: list[str], bands: list[str]) -> int | None:
    keys = [(s, b) for s in sexes for b in bands]
    if keys and all(key in figures for key in keys):
        return sum(figures[key] for key in keys)
    return None


def _residents(figures: dict[tuple[str, str], int], sex: str, bands: list[str]) -> int | None:
    """Residents of one sex (or all) in some age bands (or all), from the figures a unit has:
    a total where given, otherwise the breakdown that adds up to it."""
    every_band = sorted({band for _, band in figures if band})
    for sexes in ([sex],) if sex else ([""], ["K", "M"]):
        for wanted in (bands,) if bands else ([""], every_band):
            if (count := _pick(figures, sexes, wanted)) is not None:
                return count
    return None


def _own_population(
    rows: list[tuple[int, str, str, int]], sex: str, bands: list[str]
) -> dict[int, int]:
    by_unit: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for unit, row_sex, band, count in rows:
        by_unit[unit][(row_sex, band)] = count
    return {
        unit: residents for unit, figures in by_unit.items()
        if (residents := _residents(figures, sex, bands)) is not None
    }


def population(units: list[UnitRow], indicator: Indicator, period: str,
               inputs: Provenance) -> dict[int, int]:
    """Residents per unit for the period's year (or the latest year before it).

    A unit without figures of its own takes the sum of its children of one level (the
    coarsest whose units all have figures); estimates (grid cells) are never summed up.
    Levels whose figures are estimates or come from a population grid are noted in
    ``inputs``.
    """
    year = _population_year(period)
    inputs.population_years[period] = year
    if year is None:
        return {}
    rows = list(
        Population.objects.filter(year=year, unit__generation__is_current=True)
        .values_list("unit_id", "sex", "age_band", "count", "method")
    )
    own = _own_population([row[:4] for row in rows], indicator.denominator_sex,
                          list(indicator.denominator_age_bands))
    method_of = {row[0]: row[4] for row in rows if row[4]}
    estimated = {pk for pk, method in method_of.items()
                 if method == Population.Method.DASYMETRIC and pk in own}
    children: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for unit in units:
        if unit.parent is not None and unit.pk not in estimated:
            children[unit.parent][unit.rank].append(unit.pk)

    def total(pk: int) -> int | None:
        if pk in own:
            return own[pk]
        for rank in sorted(children.get(pk, {})):
            kids = [total(child) for child in children[pk][rank]]
            if all(k is not None for k in kids):
                own[pk] = sum(k for k in kids if k is not None)
                return own[pk]
        return None

    found = {u.pk: t for u in units if (t := total(u.pk)) is not None}
    methods: dict[str, str] = {}
    for u in units:
        # A level with any estimated unit is noted as estimated.
        if u.pk in found and u.pk in method_of and methods.get(u.level) != "dasymetric":
            methods[u.level] = method_of[u.pk]
    inputs.note_population_methods(methods, year)
    return found


def raw_counts(indicator: Indicator, period: str, inputs: Provenance,
               units: list[UnitRow] | None = None, *, audience: str) -> Raw:
    """Numerator and denominator per current unit for ``period``, from the submissions
    ``audience`` sees (the public: approved ones, records/models.py
    ``approval_required``)."""
    units = current_units() if units is None else units
    if not units:
        raise UserError(None, N_("There are no units yet; import boundaries first (import-units)."))
    numerator = numerator_counts(indicator, period, inputs, audience)
    numerator = {u.pk: numerator[u.pk] for u in units if u.pk in numerator}
    if not numerator:
        raise UserError(None, N_("Indicator %(indicator)s has no data for period %(period)s."),
                        {"indicator": indicator.code, "period": period})
    if indicator.denominator == Indicator.Denominator.POPULATION:
        denominator: dict[int, int] = population(units, indicator, period, inputs)
    else:
        denominator = _code_counts(
            indicator, period, indicator.denominator_code_list, list(indicator.denominator_codes),
            indicator.denominator_institution, inputs, audience, indicator.denominator_sex,
            list(indicator.denominator_age_bands),
        )
        denominator = {u.pk: denominator.get(u.pk, 0) for u in units}
    return Raw(
        units=units,
        numerator=np.array([numerator.get(u.pk, 0) for u in units], dtype=np.int64),
        denominator=np.array([denominator.get(u.pk, np.nan) for u in units], dtype=float),
        denominator_is_count=indicator.denominator == Indicator.Denominator.COUNTS,
        period=period,
        groups=numerator_groups(indicator, period, numerator, audience),
    )


def periods(indicator: Indicator, audience: str, scope: Scope = ()) -> list[str]:
    """Periods with data for the indicator's numerator that ``audience`` sees (in the
    territories of ``scope``), oldest first."""
    counts = UnitCount.objects.active().seen_by(audience)
    aggregates = Aggregate.objects.all()
    if scope:
        counts = counts.filter(unit__territory__code__in=scope)
        aggregates = aggregates.filter(unit__territory__code__in=scope)
    if indicator.numerator_overlap:
        sets = [
            set(Submission.objects.active().seen_by(audience).filter(institution__kind=kind)
                .values_list("period", flat=True))
            for kind in indicator.numerator_overlap
        ]
        found = set.intersection(*sets) if sets else set()
        if scope:
            found &= set(counts.values_list("period", flat=True).distinct())
    else:
        found = set(
            counts.filter(
                code_list__code=indicator.numerator_code_list,
                code__code__in=indicator.numerator_codes,
            ).values_list("period", flat=True).distinct()
        ) | set(
            aggregates.filter(code_list=indicator.numerator_code_list,
                              code__in=indicator.numerator_codes)
            .values_list("period", flat=True).distinct()
        )
    return sorted(found)


def previous_period(indicator: Indicator, period: str, audience: str,
                    scope: Scope = ()) -> str | None:
    """The latest earlier period of the same kind (a year before a year, a quarter before a
    quarter)."""
    kind = period_kind(period)
    earlier = [p for p in periods(indicator, audience, scope)
               if p < period and period_kind(p) == kind]
    return earlier[-1] if earlier else None


# The kinds of period, in the order the map prefers them: the latest year with data, else
# the latest half-year, quarter, month.
PERIOD_KINDS = ("year", "half-year", "quarter", "month")
_KINDS = {"9999": "year", "9999-H9": "half-year", "9999-Q9": "quarter", "9999-99": "month"}


def period_kind(period: str) -> str:
    """"year" (2025), "half-year" (2025-H1), "quarter" (2025-Q3), "month" (2025-07), or the
    period's shape for a label of another form."""
    shape = "".join("9" if c.isdigit() else c for c in period.upper())
    return _KINDS.get(shape, shape)


def same_kind(found: list[str], period: str) -> list[str]:
    """The periods of ``found`` of the same kind as ``period``: a trend never joins a
    half-year to a year."""
    kind = period_kind(period)
    return [p for p in found if period_kind(p) == kind]


def default_period(found: list[str]) -> str | None:
    """The period to open on: the latest year with data, else the latest half-year,
    quarter or month (a half-year uploaded after a year does not displace the year)."""
    for kind in (*PERIOD_KINDS, None):
        chosen = [p for p in found if kind is None or period_kind(p) == kind]
        if chosen:
            return max(chosen)
    return None
