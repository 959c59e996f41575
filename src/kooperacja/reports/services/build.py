"""Building the diagnosis report's chapters from the disclosure-controlled values.

Every number of a problem, the labour market or the overlap comes out of
``compute_indicator`` (the same computation, disclosure control and derived-value rules as
the published map) for the report's audience: the counts are its protected numerators, the
rates its published values. Counts that no built-in indicator covers (a reason of art. 7,
a labour office category, families instead of persons) go through an unsaved indicator of
the same shape, so they are suppressed by the same rules over every level at once. Raw
counts never reach a report. Population and the resource register are public data.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kooperacja import __version__
from kooperacja.core.analysis import threshold
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.periods import parse_period
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.audiences import audience_for, scope_of, sees_unit
from kooperacja.indicators.services.breakdown import (
    BreakdownCell,
    band_label,
    grid,
    sex_label,
    stored_breakdown,
)
from kooperacja.indicators.services.compute import IndicatorResult, compute_indicator
from kooperacja.indicators.services.inputs import Scope, period_kind, periods, same_kind
from kooperacja.indicators.services.protection import ALL, Audience
from kooperacja.indicators.services.published import current_version
from kooperacja.records.models import Code, Institution, Submission, UnitCount
from kooperacja.reports.services import figures
from kooperacja.reports.services.document import (
    AUDIENCES,
    TEMPLATES,
    Block,
    Chapter,
    Figure,
    Paragraph,
    Recommendations,
    Report,
    Table,
)
from kooperacja.resources.models import Resource
from kooperacja.territory import answers
from kooperacja.territory.models import Generation, Population, Unit

# The coarse age bands of population figures, youngest first.
AGE_BANDS = ("0-17", "18-29", "30-49", "50-64", "65+")
TODO = N_("to be filled in")
# Rows left for the team in the recommendations table.
BLANK_RECOMMENDATIONS = 5


def number(value: float | int | None, digits: int = 0) -> str:
    """A number in the reader's language (1 234,5 in Polish); an en dash for none."""
    if value is None:
        return "–"
    rounded = round(value, digits) if digits else int(round(value))
    return formats.number_format(
        rounded + 0 if rounded else 0,  # no "-0,0"
        decimal_pos=digits,
        use_l10n=True,
        force_grouping=True,
    )


@dataclass
class _Context:
    """What the chapters share: the territory, its units, and every indicator result
    computed once per (indicator, period)."""

    territory: Unit
    period: str
    since: str | None
    audience: Audience
    language: str
    units: dict[int, Unit]  # the territory and every unit within it, current
    levels: list[str]  # level codes within the territory, coarsest first
    # The territories an analyst's figures are computed over: those of the report's units
    # (indicators/services/audiences.py, ``scope_of``); () for the public.
    scope: Scope = ()
    results: dict[tuple[str, str], IndicatorResult | None] = field(default_factory=dict)
    inputs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def k(self) -> int:
        return threshold(self.audience)

    def codes(self, level: str) -> set[str]:
        return {u.code for u in self.units.values() if u.level.code == level}

    def result(self, indicator: Indicator, period: str) -> IndicatorResult | None:
        key = (indicator.code, period)
        if key not in self.results:
            try:
                found = compute_indicator(indicator, period, self.audience, scope=self.scope)
            except UserError:
                found = None
            self.results[key] = found
            if found is not None:
                self.inputs.append(found.metadata.get("inputs", {}))
        return self.results[key]

    def rows(self, result: IndicatorResult, level: str) -> list[dict[str, Any]]:
        codes = self.codes(level)
        if level not in result.levels:
            return []
        return [r for r in result.levels[level].rows if r["unit_code"] in codes]

    def own_row(self, result: IndicatorResult) -> dict[str, Any] | None:
        rows = self.rows(result, self.territory.level.code)
        return next((r for r in rows if r["unit_code"] == self.territory.code), None)

    def level_name(self, level: str) -> str:
        found = next((u.level.name for u in self.units.values() if u.level.code == level), level)
        return str(found)

    def name(self, indicator: Indicator) -> str:
        return indicator.name(self.language)


def _descendants(root: Unit) -> dict[int, Unit]:
    current = list(Unit.objects.current().select_related("level"))
    children: dict[int | None, list[Unit]] = defaultdict(list)
    for unit in current:
        children[unit.parent_id].append(unit)
    found, todo = {root.pk: root}, [root.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child.pk not in found:
                found[child.pk] = child
                todo.append(child.pk)
    return found


def _adhoc(
    code: str,
    name_pl: str,
    name_en: str,
    code_list: str,
    codes: list[str],
    counted: str = "persons",
    **extra: Any,
) -> Indicator:
    """An unsaved indicator of a count no built-in indicator covers: suppressed by the same
    rules (zeros protected next to hidden cells)."""
    return Indicator(
        code=code,
        name_pl=name_pl,
        name_en=name_en,
        numerator_code_list=code_list,
        numerator_codes=codes,
        counted=counted,
        per=1000,
        protect_zeros=True,
        public=False,
        **extra,
    )


def _families(indicator: Indicator) -> Indicator | None:
    if indicator.numerator_overlap or indicator.counted == Indicator.Counted.FAMILIES:
        return None
    return _adhoc(
        f"{indicator.code}--families",
        indicator.name_pl,
        indicator.name_en,
        indicator.numerator_code_list,
        list(indicator.numerator_codes),
        "families",
        numerator_institution=indicator.numerator_institution,
    )


def _cell(row: dict[str, Any] | None, name: str, digits: int = 0) -> str:
    """A published cell, or what the reader sees instead of a hidden one."""
    if row is None:
        return "–"
    value = row.get(name)
    if value is None:
        return str(row.get("label") or "–")
    return number(value, digits)


def _interval(row: dict[str, Any] | None) -> str:
    if row is None or row.get("lower") is None or row.get("upper") is None:
        return "–"
    return f"{number(row['lower'], 1)} – {number(row['upper'], 1)}"


def _empty(key: str, title: str, note: str) -> Chapter:
    return Chapter(key, title, (), note)


# ---------------------------------------------------------------------------------------
# The territory and its population


def _population(ctx: _Context) -> Chapter:
    title = _("The territory and its population")
    year = int(ctx.period[:4]) if ctx.period[:4].isdigit() else None
    structure: dict[tuple[str, str], int] = defaultdict(int)  # (sex, band) -> residents
    totals: dict[int, dict[int, int]] = defaultdict(dict)  # unit -> year -> total
    for unit, yr, count in Population.objects.filter(
        unit_id__in=list(ctx.units), estimated=False, sex="", age_band=""
    ).values_list("unit_id", "year", "count"):
        totals[unit][yr] = count
    if not totals:
        return _empty(
            "population",
            title,
            _("There are no population figures for %(territory)s.")
            % {"territory": ctx.territory.name},
        )
    years = sorted({yr for by in totals.values() for yr in by})
    earlier = [y for y in years if year is None or y <= year]
    if not earlier:
        return _empty(
            "population",
            title,
            _("There are no population figures for %(year)s or earlier.") % {"year": year},
        )
    chosen = earlier[-1]
    since_year = int(ctx.since[:4]) if ctx.since and ctx.since[:4].isdigit() else None
    before = max(
        (y for y in years if y < chosen and (since_year is None or y <= since_year)), default=None
    )
    # Sex and age from the finest level whose every unit within the territory has them.
    structure_level = None
    for level in reversed(ctx.levels):
        ids = [pk for pk, u in ctx.units.items() if u.level.code == level]
        rows = (
            Population.objects.filter(unit_id__in=ids, year=chosen, estimated=False)
            .exclude(sex="")
            .exclude(age_band="")
            .values_list("unit_id", "sex", "age_band", "count")
        )
        given = list(rows)
        if given and len({r[0] for r in given}) == len(ids):
            structure_level = level
            for _unit, sex, band, count in given:
                structure[(sex, band)] += count
            break

    def total(unit: Unit, yr: int | None) -> int | None:
        if yr is None:
            return None
        if yr in totals.get(unit.pk, {}):
            return totals[unit.pk][yr]
        kids = [u for u in ctx.units.values() if u.parent_id == unit.pk]
        parts = [total(k, yr) for k in kids]
        return sum(p for p in parts if p is not None) if kids and None not in parts else None

    blocks: list[Block] = []
    now, then = total(ctx.territory, chosen), total(ctx.territory, before)
    text = _("%(territory)s had %(people)s residents in %(year)s.") % {
        "territory": ctx.territory.name,
        "people": number(now),
        "year": chosen,
    }
    if then:
        text += " " + _("In %(before)s it had %(then)s: a change of %(change)s %%.") % {
            "before": before,
            "then": number(then),
            "change": number(((now or 0) - then) / then * 100, 1),
        }
    blocks.append(Paragraph(text))
    if structure:
        bands = [b for b in AGE_BANDS if any((s, b) in structure for s in "KM")] or sorted(
            {b for _s, b in structure}
        )
        women = [structure.get(("K", b), 0) for b in bands]
        men = [structure.get(("M", b), 0) for b in bands]
        table = Table(
            _("Residents by sex and age band, %(year)s") % {"year": chosen},
            [_("age band"), _("women"), _("men"), _("together"), _("share %")],
            [
                [
                    b,
                    number(w),
                    number(m),
                    number(w + m),
                    number((w + m) / max(sum(women) + sum(men), 1) * 100, 1),
                ]
                for b, w, m in zip(bands, women, men)
            ]
            + [
                [
                    _("total"),
                    number(sum(women)),
                    number(sum(men)),
                    number(sum(women) + sum(men)),
                    number(100, 1),
                ]
            ],
        )
        blocks.append(
            Figure(
                _("Population pyramid, %(year)s") % {"year": chosen},
                figures.pyramid(bands, women, men, "", _("women"), _("men")),
                _(
                    "Residents of %(territory)s by sex and age band in %(year)s; the numbers "
                    "are in the table below."
                )
                % {"territory": ctx.territory.name, "year": chosen},
                table,
            )
        )
    else:
        blocks.append(
            Paragraph(
                _("Population by sex and age is not available for %(year)s.") % {"year": chosen}
            )
        )
    for level in ctx.levels[1:2]:  # the units one level below the territory
        kids = sorted(
            (u for u in ctx.units.values() if u.level.code == level), key=lambda u: u.code
        )
        columns = [_("unit"), _("code"), str(chosen)]
        if before:
            columns += [str(before), _("change %")]
        by_unit: list[list[str]] = []
        for kid in kids:
            a, b = total(kid, chosen), total(kid, before)
            row = [kid.name, kid.code, number(a)]
            if before:
                row += [number(b), number((a - b) / b * 100, 1) if a and b else "–"]
            by_unit.append(row)
        blocks.append(
            Table(
                _("Residents by %(level)s") % {"level": kids[0].level.name if kids else level},
                columns,
                by_unit,
            )
        )
    if structure_level:
        blocks.append(
            Paragraph(
                _("Sex and age are summed from the level %(level)s.")
                % {"level": ctx.level_name(structure_level)}
            )
        )
    return Chapter("population", title, blocks)


# ---------------------------------------------------------------------------------------
# Problems of art. 7


def _problem_indicators(ctx: _Context) -> list[tuple[str, Indicator]]:
    """(key, indicator) per reason of art. 7 with counts in the period: the built-in or
    loaded indicator of that one reason when there is one, else (for analysts) an unsaved
    one. A public report shows only public indicators."""
    present = set(
        UnitCount.objects.active(ctx.period).seen_by(ctx.audience)
        .filter(code_list__code="mops_reason")
        .values_list("code__code", flat=True)
        .distinct()
    )
    by_reason: dict[str, Indicator] = {}
    for indicator in Indicator.objects.filter(numerator_code_list="mops_reason"):
        if len(indicator.numerator_codes) == 1 and indicator.denominator == "population":
            if ctx.audience == "public" and not indicator.public:
                continue
            by_reason.setdefault(str(indicator.numerator_codes[0]), indicator)
    codes = Code.objects.filter(code_list__code="mops_reason").order_by("id")
    found = []
    for code in codes:
        if code.code not in present:
            continue
        if code.code in by_reason:
            found.append((f"problem-{code.code}", by_reason[code.code]))
        elif ctx.audience == "analyst":
            found.append(
                (
                    f"problem-{code.code}",
                    _adhoc(
                        f"reason-{code.code}",
                        f"Pomoc społeczna z powodu: {code.label_pl} (na 1000 mieszkańców)",
                        f"Social assistance due to: {code.label_en} (per 1,000 residents)",
                        "mops_reason",
                        [code.code],
                    ),
                )
            )
    return found


def _finest_published(ctx: _Context, result: IndicatorResult) -> str | None:
    """The finest level within the territory at which most units have a published value."""
    for level in reversed(ctx.levels):
        rows = ctx.rows(result, level)
        if rows and sum(r["value"] is not None for r in rows) * 2 >= len(rows):
            return level
    return None


def _series(ctx: _Context, indicator: Indicator) -> list[str]:
    found = [p for p in same_kind(periods(indicator, ctx.audience, ctx.scope), ctx.period)
             if p <= ctx.period]
    if ctx.since:
        found = [p for p in found if p >= ctx.since]
    return found


def _finest_map(
    ctx: _Context, result: IndicatorResult, what: str
) -> tuple[str | None, list[Block]]:
    """The finest level below the territory with enough published values, and the map of
    ``what`` by its units; None and no map when no such level exists."""
    level = _finest_published(ctx, result)
    if level is None or level == ctx.territory.level.code:
        return None, []
    title = _("%(what)s by units of %(level)s, %(period)s") % {
        "what": what, "level": ctx.level_name(level), "period": ctx.period}
    return level, [_map(ctx, result, level, title)]


def _map(ctx: _Context, result: IndicatorResult, level: str, title: str) -> Figure:
    rows = ctx.rows(result, level)
    geometry = dict(
        Unit.objects.current().filter(level__code=level).values_list("code", "geometry")
    )
    breaks = result.levels[level].breaks
    legend: list[str] = []
    if breaks is not None:
        low = breaks.minimum if hasattr(breaks, "minimum") else None
        edges = [float(b) for b in breaks.bins]
        start = low
        for edge in edges:
            legend.append(
                f"{number(start, 1)} – {number(edge, 1)}"
                if start is not None
                else f"≤ {number(edge, 1)}"
            )
            start = edge
    png = figures.choropleth(
        [geometry[r["unit_code"]] for r in rows],
        [r.get("class", -1) for r in rows],
        [bool(r["hidden"]) for r in rows],
        legend,
        "",
        _("hidden (disclosure control)"),
        _("no value"),
    )
    table = Table(
        _("The values of the map"),
        [
            _("unit"),
            _("code"),
            _("per %(per)s") % {"per": number(result.indicator.per)},
            _("interval (95%)"),
        ],
        [[r["unit_name"], r["unit_code"], _cell(r, "value", 1), _interval(r)] for r in rows],
    )
    return Figure(
        title,
        png,
        _("Map of %(what)s by units of %(level)s; the values are in the table below.")
        % {"what": ctx.name(result.indicator), "level": ctx.level_name(level)},
        table,
    )


def _problem(ctx: _Context, key: str, indicator: Indicator) -> Chapter:
    title = ctx.name(indicator)
    result = ctx.result(indicator, ctx.period)
    if result is None:
        return _empty(
            key,
            title,
            _("There are no data on %(what)s for %(period)s.")
            % {"what": title, "period": ctx.period},
        )
    own = ctx.own_row(result)
    blocks: list[Block] = []
    if indicator.description_pl or indicator.description_en:
        blocks.append(
            Paragraph(
                indicator.description_en if ctx.language == "en" else indicator.description_pl
            )
        )
    families = _families(indicator)
    family_result = ctx.result(families, ctx.period) if families else None
    family_row = ctx.own_row(family_result) if family_result else None
    summary = [[_("persons"), _cell(own, "numerator")]]
    if family_row is not None:
        summary.append([_("families"), _cell(family_row, "numerator")])
    summary += [
        [_("rate per %(per)s residents") % {"per": number(indicator.per)}, _cell(own, "value", 1)],
        [_("interval (95%)"), _interval(own)],
    ]
    if own is not None and own.get("previous_value") is not None:
        summary.append(
            [_("rate in %(period)s") % {"period": result.previous}, _cell(own, "previous_value", 1)]
        )
    blocks.append(
        Table(
            _("%(what)s in %(territory)s, %(period)s")
            % {"what": title, "territory": ctx.territory.name, "period": ctx.period},
            [_("measure"), _("value")],
            summary,
            _("Values below %(k)s and the cells that would reveal them are hidden.") % {"k": ctx.k},
        )
    )
    level, figure = _finest_map(ctx, result, title)
    blocks += figure or [
        Paragraph(_("No level below the territory has enough published values for a map."))
    ]
    blocks += _trend(ctx, indicator, title)
    if level is not None:
        blocks += _hotspots(ctx, indicator, level, title)
        blocks += _growth(ctx, indicator, result, level, title)
    blocks += _splits(ctx, indicator)
    return Chapter(key, title, blocks)


def _splits(ctx: _Context, indicator: Indicator) -> list[Block]:
    """The problem's persons in the whole territory by sex and by age band: the stored
    breakdown of the indicator's numerator (indicators/services/breakdown.py), protected
    for the report's audience over every unit and level at once; a hidden cell is written
    as its label. Nothing for an indicator whose counts carry no sex or age."""
    found = stored_breakdown(
        indicator,
        ctx.period,
        ctx.audience,
        level=ctx.territory.level.code,
        unit_codes=[ctx.territory.code],
        scope=ctx.scope,
    )
    cells = found.units.get(ctx.territory.code) if found is not None else None
    if found is None or not cells:
        return []
    table = grid(cells)
    title = ctx.name(indicator)
    result = ctx.result(indicator, ctx.period)
    total = _cell(ctx.own_row(result) if result is not None else None, "numerator")

    def shown(cell: BreakdownCell | None) -> str:
        if cell is None:
            return "–"
        if cell.persons is None:
            return cell.label or "–"
        return number(cell.persons)

    rows = []
    for sex in table.sexes:
        row = [sex_label(sex)]
        for band in table.bands:
            row.append(total if sex == ALL and band == ALL else shown(table.cell(sex, band)))
        rows.append(row)
    women, men = table.cell("K", ALL), table.cell("M", ALL)
    if women is not None and men is not None and not women.hidden and not men.hidden:
        sentence = _(
            "Among the persons counted in %(territory)s in %(period)s there are %(women)s "
            "women and %(men)s men; the table shows them by age band."
        ) % {
            "territory": ctx.territory.name,
            "period": ctx.period,
            "women": number(women.persons),
            "men": number(men.persons),
        }
    else:
        sentence = _(
            "The persons counted in %(territory)s in %(period)s by sex and age band; some "
            "cells are hidden to protect small counts."
        ) % {"territory": ctx.territory.name, "period": ctx.period}
    blocks: list[Block] = [
        Paragraph(sentence),
        Table(
            _("%(what)s by sex and age band in %(territory)s, %(period)s (persons)")
            % {"what": title, "territory": ctx.territory.name, "period": ctx.period},
            [_("sex"), *(band_label(b) for b in table.bands)],
            rows,
            _("Values below %(k)s and the cells that would reveal them are hidden.")
            % {"k": found.k},
        ),
    ]
    return blocks + _splits_below(ctx, indicator, title, shown)


def _splits_below(ctx: _Context, indicator: Indicator, title: str,
                  shown: Callable[[BreakdownCell | None], str]) -> list[Block]:
    """The same margins (by sex, by band) for each unit of the level below the territory
    (its districts), from the same stored breakdown: every level was protected at once."""
    below = ctx.levels[1] if len(ctx.levels) > 1 else None
    if below is None:
        return []
    codes = sorted(ctx.codes(below))
    found = stored_breakdown(indicator, ctx.period, ctx.audience, level=below, unit_codes=codes,
                             scope=ctx.scope)
    if found is None or not found.units:
        return []
    names = {u.code: u.name for u in ctx.units.values() if u.level.code == below}
    first = grid(next(iter(found.units.values())))
    sexes = [s for s in first.sexes if s != ALL]
    bands = [b for b in first.bands if b != ALL]
    rows = []
    for code in codes:
        cells = found.units.get(code)
        if not cells:
            continue
        unit = grid(cells)
        rows.append([names.get(code, code), *(shown(unit.cell(s, ALL)) for s in sexes),
                     *(shown(unit.cell(ALL, b)) for b in bands)])
    return [Table(
        _("%(what)s by sex and by age band per %(level)s, %(period)s (persons)")
        % {"what": title, "level": ctx.level_name(below).lower(), "period": ctx.period},
        [ctx.level_name(below), *(sex_label(s) for s in sexes), *(band_label(b) for b in bands)],
        rows,
        _("Values below %(k)s and the cells that would reveal them are hidden.")
        % {"k": found.k},
    )]


def _trend(ctx: _Context, indicator: Indicator, title: str) -> list[Block]:
    points = []
    for period in _series(ctx, indicator):
        result = ctx.result(indicator, period)
        if result is not None:
            points.append((period, ctx.own_row(result)))
    if len(points) < 2:
        return [Paragraph(_("One period of data: no trend yet."))]
    table = Table(
        _("%(what)s over the periods") % {"what": title},
        [_("period"), _("persons"), _("rate"), _("interval (95%)")],
        [[p, _cell(r, "numerator"), _cell(r, "value", 1), _interval(r)] for p, r in points],
    )
    png = figures.trend(
        [p for p, _r in points],
        [r["value"] if r else None for _p, r in points],
        [r["lower"] if r else None for _p, r in points],
        [r["upper"] if r else None for _p, r in points],
        "",
        _("per %(per)s residents") % {"per": number(indicator.per)},
    )
    return [
        Figure(
            _("Trend of %(what)s") % {"what": title},
            png,
            _(
                "The rate of %(territory)s per period with its 95%% interval; the values "
                "are in the table below."
            )
            % {"territory": ctx.territory.name},
            table,
        )
    ]


def _hotspots(ctx: _Context, indicator: Indicator, level: str, title: str) -> list[Block]:
    from kooperacja.indicators.services.spatial import hotspots

    try:
        found = hotspots(
            indicator, level, ctx.period, "lisa", audience=ctx.audience, permutations=499,
            scope=ctx.scope,
        )
    except UserError as exc:
        return [Paragraph(_("Hot spots: %(why)s") % {"why": _translated(exc)})]
    codes = ctx.codes(level)
    hot = [r for r in found.rows if r["unit_code"] in codes and r["cluster"] == "HH"]
    if not hot:
        return [Paragraph(_("No significant cluster of high values (Local Moran's I, FDR 5%)."))]
    return [
        Table(
            _("Hot spots of %(what)s (Local Moran's I, high values among high)") % {"what": title},
            [_("unit"), _("code"), _("rate"), _("p (FDR)")],
            [
                [r["unit_name"], r["unit_code"], number(r["value"], 1), number(r["p_fdr"], 3)]
                for r in hot
            ],
        )
    ]


def _growth(
    ctx: _Context, indicator: Indicator, result: IndicatorResult, level: str, title: str
) -> list[Block]:
    """Where the rate grew most: against ``since`` when given, else the previous period;
    from published values only."""
    base_period = ctx.since or result.previous
    if not base_period or base_period == ctx.period:
        return []
    base = ctx.result(indicator, base_period)
    if base is None:
        return []
    before = {r["unit_code"]: r["value"] for r in ctx.rows(base, level)}
    grew = [
        (r, r["value"] - before[r["unit_code"]])
        for r in ctx.rows(result, level)
        if r["value"] is not None and before.get(r["unit_code"]) is not None
    ]
    grew.sort(key=lambda pair: -pair[1])
    if not grew:
        return []
    return [
        Table(
            _("Where %(what)s grew most since %(period)s") % {"what": title, "period": base_period},
            [_("unit"), _("code"), base_period, ctx.period, _("change")],
            [
                [
                    r["unit_name"],
                    r["unit_code"],
                    number(before[r["unit_code"]], 1),
                    number(r["value"], 1),
                    number(change, 1),
                ]
                for r, change in grew[:5]
            ],
        )
    ]


def _translated(exc: UserError) -> str:
    from kooperacja.messages import user_message

    return user_message(exc)


# ---------------------------------------------------------------------------------------
# The labour market


def _labour(ctx: _Context) -> Chapter:
    title = _("The labour market")
    present = set(
        UnitCount.objects.active(ctx.period).seen_by(ctx.audience)
        .filter(code_list__code__in=["pup_category", "pup_instrument"])
        .values_list("code_list__code", "code__code")
        .distinct()
    )
    if not present:
        return _empty(
            "labour",
            title,
            _("There are no labour office data for %(period)s.") % {"period": ctx.period},
        )
    blocks: list[Block] = []
    for code_list, caption in (
        ("pup_category", _("Registered unemployed by category, %(period)s")),
        ("pup_instrument", _("Activation instruments, %(period)s")),
    ):
        rows = []
        for code in Code.objects.filter(code_list__code=code_list).order_by("id"):
            if (code_list, code.code) not in present:
                continue
            result = ctx.result(
                _adhoc(
                    f"{code_list}-{code.code}", code.label_pl, code.label_en, code_list, [code.code]
                ),
                ctx.period,
            )
            own = ctx.own_row(result) if result else None
            label = code.label_en if ctx.language == "en" else code.label_pl
            rows.append([label, _cell(own, "numerator"), _cell(own, "value", 1)])
        if rows:
            blocks.append(
                Table(
                    caption % {"period": ctx.period},
                    [_("category"), _("persons"), _("per 1,000 residents")],
                    rows,
                    _("Values below %(k)s and the cells that would reveal them are hidden.")
                    % {"k": ctx.k},
                )
            )
    long_term = Indicator.objects.filter(code="long-term-unemployed").first()
    if long_term is not None and (ctx.audience == "analyst" or long_term.public):
        result = ctx.result(long_term, ctx.period)
        if result is not None:
            blocks += _finest_map(ctx, result, ctx.name(long_term))[1]
    return Chapter("labour", title, blocks)


# ---------------------------------------------------------------------------------------
# Clients of both MOPS and PUP


def _overlap(ctx: _Context) -> Chapter:
    title = _("Clients of both MOPS and PUP")
    # The overlap of MOPS and PUP clients (filtered here: JSON lookups differ by database).
    indicator = next(
        (i for i in Indicator.objects.all() if sorted(i.numerator_overlap) == ["mops", "pup"]),
        None,
    )
    if indicator is None or (ctx.audience == "public" and not indicator.public):
        return _empty(
            "overlap", title, _("No indicator of clients of both institutions is published.")
        )
    result = ctx.result(indicator, ctx.period)
    if result is None:
        return _empty(
            "overlap",
            title,
            _("There are no data of both MOPS and PUP for %(period)s.") % {"period": ctx.period},
        )
    own = ctx.own_row(result)
    blocks: list[Block] = [
        Table(
            _("Persons served by both institutions, %(period)s") % {"period": ctx.period},
            [_("measure"), _("value")],
            [
                [_("persons"), _cell(own, "numerator")],
                [
                    _("rate per %(per)s residents") % {"per": number(indicator.per)},
                    _cell(own, "value", 1),
                ],
                [_("interval (95%)"), _interval(own)],
            ],
        )
    ]
    blocks += _finest_map(ctx, result, ctx.name(indicator))[1]
    blocks += _twice(ctx)
    return Chapter("overlap", title, blocks)


def _twice(ctx: _Context) -> list[Block]:
    """Persons given the same kind of help by both institutions, for the territory only,
    each count shown from k up (no published part of it could be subtracted)."""
    from kooperacja.records.services.overlap import overlap_table

    mops = Institution.objects.filter(kind="mops", submissions__period=ctx.period).first()
    pup = Institution.objects.filter(kind="pup", submissions__period=ctx.period).first()
    if mops is None or pup is None:
        return []
    try:
        frame = overlap_table(ctx.period, mops, pup, ctx.territory.level.code)
    except UserError:
        return []
    row = frame[frame["unit_code"] == ctx.territory.code]
    if row.empty:
        return []
    labels = dict(
        Code.objects.filter(code_list__code="instrument_type").values_list(
            "code", "label_en" if ctx.language == "en" else "label_pl"
        )
    )
    rows = []
    for column in frame.columns:
        if not column.startswith("same_"):
            continue
        value = int(row.iloc[0][column])
        shown = (
            number(value)
            if value >= ctx.k or value == 0
            else (_("fewer than %(k)s") % {"k": ctx.k})
        )
        kind = column.removeprefix("same_")
        rows.append([labels.get(kind, kind), shown])
    if not rows:
        return []
    return [
        Table(
            _("Help of the same kind given by both institutions (persons), %(period)s")
            % {"period": ctx.period},
            [_("kind of help"), _("persons")],
            rows,
            _("Counts below %(k)s are hidden.") % {"k": ctx.k},
        )
    ]


# ---------------------------------------------------------------------------------------
# Resources


def _resources(ctx: _Context, problems: list[tuple[str, Indicator]]) -> Chapter:
    title = _("Resources: institutions and services")
    found = Resource.objects.public() if ctx.audience == "public" else Resource.objects.all()
    level = ctx.territory.level.code
    resources = [
        r
        for r in found.select_related("kind", "owner")
        if not r.units or (r.units or {}).get(level) == ctx.territory.code
    ]
    if not resources:
        return _empty(
            "resources",
            title,
            _("The resource register has no entries for %(territory)s.")
            % {"territory": ctx.territory.name},
        )
    label = "label_en" if ctx.language == "en" else "label_pl"
    kinds: dict[str, list[Resource]] = defaultdict(list)
    owners: dict[str, int] = defaultdict(int)
    for r in resources:
        kinds[getattr(r.kind, label)].append(r)
        owners[r.owner.name if r.owner else _("not given")] += 1
    ordered = sorted(kinds.items(), key=lambda kv: -len(kv[1]))
    by_kind = Table(
        _("Resources by kind"),
        [_("kind"), _("count"), _("places (capacity)")],
        [
            [
                k,
                number(len(v)),
                number(sum(r.capacity or 0 for r in v)) if any(r.capacity for r in v) else "–",
            ]
            for k, v in ordered
        ],
    )
    blocks: list[Block] = [
        Figure(
            _("Resources by kind"),
            figures.bars([k for k, _v in ordered], [len(v) for _k, v in ordered], "", _("count")),
            _("Number of resources of each kind; the numbers are in the table below."),
            by_kind,
        ),
        Table(
            _("Resources by owner"),
            [_("owner"), _("count")],
            [[k, number(v)] for k, v in sorted(owners.items(), key=lambda kv: -kv[1])],
        ),
    ]
    located = [(r.lon, r.lat) for r in resources if r.lon is not None and r.lat is not None]
    finest = ctx.levels[-1]
    if located and finest != level:
        geometry = dict(
            Unit.objects.current().filter(level__code=finest).values_list("code", "geometry")
        )
        codes = sorted(ctx.codes(finest))
        blocks.insert(
            1,
            Figure(
                _("Resources on the map of %(level)s") % {"level": ctx.level_name(finest)},
                figures.choropleth(
                    [geometry[c] for c in codes],
                    [0] * len(codes),
                    [False] * len(codes),
                    [],
                    "",
                    "",
                    "",
                    points=located,
                    points_label=_("resource"),
                ),
                _(
                    "Positions of %(n)s resources over the units of %(level)s; their kinds are "
                    "counted in the table above."
                )
                % {"n": len(located), "level": ctx.level_name(finest)},
            ),
        )
    blocks += _reach(ctx, problems)
    return Chapter("resources", title, blocks)


def _reach(ctx: _Context, problems: list[tuple[str, Indicator]]) -> list[Block]:
    """Distance to the nearest public resource per unit of the finest level, and the
    "high need, low access" units of each public problem: the same score as the public
    layer (resources/services/gaps.py), from the published rates and the public resources,
    with the access computed once for every problem."""
    import numpy as np

    from kooperacja.core.accessibility import gap_score, spread_residents, unit_access
    from kooperacja.resources.services.accessibility import (
        DEFAULT_DISTANCE_M,
        load_register,
        load_resources,
        residents_per_unit,
    )

    level = ctx.levels[-1]
    if level == ctx.territory.level.code:
        return []
    try:
        register = load_register(level)
        _found, supply, capacity = load_resources("", public_only=True)
    except UserError:
        return []
    residents = spread_residents(register.unit_of_point, residents_per_unit(register))
    access = unit_access(
        register.xy,
        register.unit_of_point,
        residents,
        len(register.units),
        supply,
        capacity,
        DEFAULT_DISTANCE_M,
    )
    codes = ctx.codes(level)
    inside = [i for i, u in enumerate(register.units) if u.code in codes]
    blocks: list[Block] = []
    far = sorted(inside, key=lambda i: -np.nan_to_num(access.distance_m[i]))[:10]
    if far:
        blocks.append(
            Table(
                _("Units farthest from the nearest public resource (residents' mean distance)"),
                [_("unit"), _("code"), _("metres")],
                [
                    [
                        register.units[i].name,
                        register.units[i].code,
                        number(float(access.distance_m[i]))
                        if np.isfinite(access.distance_m[i])
                        else "–",
                    ]
                    for i in far
                ],
            )
        )
    flagged: list[list[str]] = []
    for _key, indicator in problems:
        if not indicator.pk or not indicator.public:
            continue  # the public layer's rule: published indicators only
        result = ctx.result(indicator, ctx.period) if ctx.audience == "public" else None
        if result is None:
            try:
                result = compute_indicator(indicator, ctx.period, "public", levels=[level])
            except UserError:
                continue
        if level not in result.levels:
            continue
        values = {r["unit_code"]: r["value"] for r in result.levels[level].rows}
        need = np.array(
            [np.nan if values.get(u.code) is None else values[u.code] for u in register.units],
            dtype=float,
        )
        gap = gap_score(need, access.access_2sfca)
        names = [
            f"{register.units[i].name} ({register.units[i].code})"
            for i in inside
            if gap.high_need_low_access[i] and np.isfinite(need[i])
        ]
        if names:
            flagged.append([ctx.name(indicator), ", ".join(names)])
    if flagged:
        blocks.append(
            Table(
                _("Gap areas: high need, low access"),
                [_("problem"), _("units")],
                flagged,
                _(
                    "Public rates against the access of the residents to "
                    "the public resources within %(m)s m (2SFCA)."
                )
                % {"m": number(DEFAULT_DISTANCE_M)},
            )
        )
    elif far:
        blocks.append(Paragraph(_("No unit combines high need with low access.")))
    return blocks


# ---------------------------------------------------------------------------------------
# OZPS


def _ozps(ctx: _Context, problems: list[tuple[str, Indicator]]) -> list[Chapter]:
    """The tables of the OZPS form that the data fill, in its order; the rest marked to be
    filled in by the team."""
    todo = _(TODO)
    years = _ozps_years(ctx)
    chapters = [_population(ctx)]
    # Reasons for assistance: families and persons per reason over the years.
    rows = []
    for _key, indicator in problems:
        families = _families(indicator)
        cells = [ctx.name(indicator)]
        for period in years:
            result = ctx.result(indicator, period)
            fam = ctx.result(families, period) if families else None
            cells += [
                _cell(ctx.own_row(fam) if fam else None, "numerator"),
                _cell(ctx.own_row(result) if result else None, "numerator"),
            ]
        rows.append(cells + [todo])
    columns = [_("reason")]
    for period in years:
        columns += [
            _("families %(period)s") % {"period": period},
            _("persons %(period)s") % {"period": period},
        ]
    columns.append(_("forecast"))
    reasons = Chapter(
        "ozps-reasons",
        _("Reasons for granting assistance"),
        [
            Table(
                _("Families and persons by reason for assistance"),
                columns,
                rows,
                _("Values below %(k)s and the cells that would reveal them are hidden.")
                % {"k": ctx.k},
            )
        ]
        if rows
        else [],
        "" if rows else _("There are no data on reasons for %(period)s.") % {"period": ctx.period},
    )
    chapters.append(reasons)
    # Forms of support.
    support = []
    present = set(
        UnitCount.objects.active(ctx.period).seen_by(ctx.audience)
        .filter(code_list__code="mops_support")
        .values_list("code__code", flat=True)
    )
    label = "label_en" if ctx.language == "en" else "label_pl"
    for code in Code.objects.filter(code_list__code="mops_support").order_by("id"):
        if code.code not in present:
            continue
        result = ctx.result(
            _adhoc(
                f"support-{code.code}", code.label_pl, code.label_en, "mops_support", [code.code]
            ),
            ctx.period,
        )
        support.append(
            [
                getattr(code, label),
                _cell(ctx.own_row(result) if result else None, "numerator"),
                todo,
            ]
        )
    chapters.append(
        Chapter(
            "ozps-support",
            _("Forms of support"),
            [
                Table(
                    _("Persons by form of support, %(period)s") % {"period": ctx.period},
                    [_("form of support"), _("persons"), _("expenditure")],
                    support,
                )
            ]
            if support
            else [],
            ""
            if support
            else _("There are no data on forms of support for %(period)s.")
            % {"period": ctx.period},
        )
    )
    chapters.append(_labour(ctx))
    chapters.append(_resources(ctx, problems))
    for key, title in (
        ("ozps-staff", _("Staff of social assistance")),
        ("ozps-ngo", _("Non-governmental organisations and commissioned tasks")),
        ("ozps-finance", _("Expenditure on social assistance")),
    ):
        chapters.append(
            Chapter(
                key,
                title,
                [
                    Table(
                        title,
                        [_("item"), _("value")],
                        [[todo, todo]],
                        _("Not in the platform's data: %(todo)s.") % {"todo": todo},
                    )
                ],
            )
        )
    chapters.append(_recommendations())
    return chapters


def _ozps_years(ctx: _Context) -> list[str]:
    """The assessed period and up to two before it of the same kind with data."""
    found = sorted(
        {
            s
            for s in Submission.objects.active().seen_by(ctx.audience)
            .values_list("period", flat=True)
            if period_kind(s) == period_kind(ctx.period) and s <= ctx.period
        }
    )
    if ctx.since:
        found = [p for p in found if p >= ctx.since]
    return (found[-3:] if found else []) or [ctx.period]


def _recommendations() -> Chapter:
    return Chapter(
        "recommendations",
        _("Recommendations"),
        [
            Paragraph(
                _(
                    "The team's recommendations, each linked to the indicators and the units "
                    "it answers."
                )
            ),
            Recommendations(tuple(("", "", "") for _i in range(BLANK_RECOMMENDATIONS))),
        ],
    )


# ---------------------------------------------------------------------------------------


def build(
    template: str,
    territory_code: str,
    period: str,
    *,
    since: str | None = None,
    audience: Audience = "public",
    user: Any = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    if template not in TEMPLATES:
        raise UserError(
            None,
            N_("There is no report template %(template)s; the templates are: %(templates)s."),
            {"template": template, "templates": ", ".join(TEMPLATES)},
        )
    if audience not in AUDIENCES:
        raise UserError(
            None,
            N_("There is no audience %(audience)s; the audiences are: %(audiences)s."),
            {"audience": audience, "audiences": ", ".join(AUDIENCES)},
        )
    if user is not None and audience_for(user, audience) != audience:
        raise UserError(None, N_("You may not see the analyst values; ask for a public report."))
    period = parse_period(period).label
    since = parse_period(since).label if since else None
    if since is not None and (period_kind(since) != period_kind(period) or since >= period):
        raise UserError(
            None,
            N_("--since %(since)s must be an earlier period of the same kind as %(period)s."),
            {"since": since, "period": period},
        )
    territory = Unit.objects.current().select_related("level").filter(code=territory_code).first()
    if territory is None:
        roots = (
            ", ".join(
                Unit.objects.current().territories().values_list("code", flat=True)
            )
            or "-"
        )
        raise UserError(
            None,
            N_("There is no current unit with the code %(code)s; the territories are: %(roots)s."),
            {"code": territory_code, "roots": roots},
        )
    if user is not None and audience == "analyst" and not sees_unit(user, audience, territory.code):
        raise UserError(
            None,
            N_(
                "You may see the analyst values of your own territories only; ask for a public "
                "report of %(code)s."
            ),
            {"code": territory.code},
        )
    say = progress or (lambda _text: None)
    units = _descendants(territory)
    levels = [
        code
        for code in Generation.objects.current()
        .order_by("level__rank")
        .values_list("level__code", flat=True)
        if any(u.level.code == code for u in units.values())
    ]
    scope = () if audience == "public" else scope_of(
        set(Unit.objects.filter(pk__in=units).values_list("territory__code", flat=True)))
    ctx = _Context(territory, period, since, audience, (get_language() or "pl")[:2], units, levels,
                   scope)
    problems = _problem_indicators(ctx)
    chapters: list[Chapter] = []
    if template == "ozps":
        say(_("OZPS tables"))
        chapters = _ozps(ctx, problems)
    else:
        say(_("population"))
        chapters.append(_population(ctx))
        for key, indicator in problems:
            say(ctx.name(indicator))
            chapters.append(_problem(ctx, key, indicator))
        if not problems:
            chapters.append(
                _empty(
                    "problems",
                    _("Social problems"),
                    _("There are no data on reasons for assistance for %(period)s.")
                    % {"period": period},
                )
            )
        say(_("labour market"))
        chapters.append(_labour(ctx))
        say(_("clients of both institutions"))
        chapters.append(_overlap(ctx))
        say(_("resources"))
        chapters.append(_resources(ctx, problems))
        chapters.append(_recommendations())
    parameters = {
        "template": template,
        "territory": territory.code,
        "period": period,
        "since": since,
        "audience": audience,
        "k": ctx.k,
        "language": ctx.language,
        "program_version": __version__,
    }
    fingerprint = _fingerprint(parameters)
    return Report(
        title=_(TEMPLATES[template]),
        territory=f"{territory.name} ({territory.code})",
        period=period,
        since=since,
        audience=audience,
        chapters=chapters,
        sources=_sources(ctx),
        parameters=parameters | {"inputs_version": current_version()},
        fingerprint=fingerprint,
    )


def _fingerprint(parameters: dict[str, Any]) -> str:
    """Same parameters and same inputs' versions, same fingerprint (and same numbers)."""
    versions = {"published": current_version(), "public": answers.current().number}
    text = json.dumps({"parameters": parameters, "versions": versions}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _sources(ctx: _Context) -> list[str]:
    lines: list[str] = []
    submissions: dict[Any, dict[str, Any]] = {}
    boundaries: dict[str, dict[str, Any]] = {}
    population_years: set[int] = set()
    for inputs in ctx.inputs:
        for s in inputs.get("submissions", []):
            submissions[s.get("id")] = s
        for b in inputs.get("boundaries", []):
            boundaries[b["level"]] = b
        population_years |= {y for y in inputs.get("population_years", {}).values() if y}
    for s in sorted(
        submissions.values(), key=lambda s: (str(s.get("institution")), str(s.get("period")))
    ):
        lines.append(
            _("Extract of %(institution)s for %(period)s (import %(id)s, %(date)s)")
            % {
                "institution": s.get("institution"),
                "period": s.get("period"),
                "id": s.get("id"),
                "date": str(s.get("imported", ""))[:10],
            }
        )
    for level, b in boundaries.items():
        lines.append(
            _("Boundaries of %(level)s valid from %(date)s")
            % {"level": level, "date": b.get("valid_from")}
        )
    if population_years:
        lines.append(
            _("Population: %(years)s")
            % {"years": ", ".join(str(y) for y in sorted(population_years))}
        )
    lines.append(
        _("Resource register as of %(date)s")
        % {"date": str(answers.current().changed_at or "")[:10] or "–"}
    )
    lines.append(
        _(
            "Disclosure control: counts below %(k)s hidden, with secondary "
            "suppression over every level (audience: %(audience)s)."
        )
        % {"k": ctx.k, "audience": ctx.audience}
    )
    return lines
