"""Indicators by sex and age band: a numerator narrowed to one sex and some bands counts
what the records' breakdowns hold, and the breakdown of a unit's numerator published
beside the map leaves every hidden count undetermined, by subtraction across sexes,
bands, units and levels together.

Counts are written as an import writes them (per unit, summed up the levels, with their
breakdowns), on the 4 × 4 grid of estates of the disclosure tests.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pytest

from kooperacja.core.analysis.tests.linear import cell_ranges
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.breakdown import indicator_breakdown
from kooperacja.indicators.services.compute import compute_indicator
from kooperacja.indicators.services.inputs import Provenance, raw_counts
from kooperacja.indicators.services.protection import (
    ALL,
    NUMERATOR,
    protect,
    protect_breakdown,
)
from kooperacja.indicators.tests.grid import DISTRICT, ESTATES, build_grid
from kooperacja.records.models import (
    Code,
    CodeList,
    Institution,
    Submission,
    UnitCount,
    UnitCountBreakdown,
)
from kooperacja.testing import approve_submissions

pytestmark = pytest.mark.django_db
GROUPS = [("K", "0-17"), ("K", "30-49"), ("M", "18-24"), ("M", "25-29"), ("M", "30-49"),
          ("K", "65+"), (None, "65+"), (None, None)]


def write_counts(units, period: str, cells: dict[tuple[str, str | None, str | None], int]):
    """An active MOPS submission with poverty counts per estate × (sex, band), summed up to
    the districts and the city, with the totals per unit."""
    who, _ = Institution.objects.get_or_create(code="mops", defaults={"name": "MOPS",
                                                                      "kind": "mops"})
    submission = Submission.objects.create(
        institution=who, period=period, period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), layout="mops", status="active")
    code = Code.objects.get(code_list__code="mops_reason", code="1")
    listed = CodeList.objects.get(code="mops_reason")
    split: Counter[tuple[str, str | None, str | None]] = Counter()
    for (estate, sex, band), n in cells.items():
        for unit in (estate, DISTRICT[estate], "C"):
            split[(unit, sex, band)] += n
    totals: Counter[str] = Counter()
    for (unit, _, _), n in split.items():
        totals[unit] += n
    fixed = {"institution": who, "submission": submission, "period": period,
             "code_list": listed, "code": code}
    UnitCount.objects.bulk_create(
        UnitCount(unit=units[u], level=units[u].level, persons=n, families=n, **fixed)
        for u, n in totals.items())
    UnitCountBreakdown.objects.bulk_create(
        UnitCountBreakdown(unit=units[u], level=units[u].level, sex=s, age_band=b, persons=n,
                           families=n, **fixed)
        for (u, s, b), n in split.items() if n)
    approve_submissions(submission)  # the public sees approved submissions only
    return split


def random_cells(seed: int) -> dict[tuple[str, str | None, str | None], int]:
    rng = np.random.default_rng(seed)
    return {(e, s, b): int(rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15]))
            for e in ESTATES for s, b in GROUPS}


def test_a_numerator_of_one_sex_and_some_bands_counts_those_only():
    units = build_grid()
    split = write_counts(units, "2025", random_cells(1))
    women = Indicator.objects.get(code="poverty")
    women.pk, women.code = None, "poverty-young-women"
    women.numerator_sex, women.numerator_age_bands = "K", ["0-17", "18-29"]
    women.save()
    raw = raw_counts(women, "2025", Provenance(), audience="analyst")
    truth = {u.code: sum(n for (unit, s, b), n in split.items()
                         if unit == u.code and s == "K" and b in ("0-17", "18-24", "25-29"))
             for u in raw.units}
    assert dict(zip([u.code for u in raw.units], raw.numerator.tolist())) == truth
    assert raw.groups is not None
    assert {g for cells in raw.groups.values() for g in cells} <= {("K", "0-17")}


@pytest.mark.parametrize("seed", [2, 3])
def test_the_breakdown_and_the_map_leave_every_hidden_count_undetermined(seed):
    units = build_grid()
    write_counts(units, "2025", random_cells(seed))
    poverty = Indicator.objects.get(code="poverty")
    raw = raw_counts(poverty, "2025", Provenance(), audience="analyst")
    guard = protect(raw, "public")
    table = protect_breakdown(raw, guard).breakdown
    assert table is not None
    # The map's decisions stand: the breakdown hides no total the map publishes.
    assert {key: cell.reason for key, cell in table.cells.items() if key in guard.table.cells} \
        == {key: cell.reason for key, cell in guard.table.cells.items()}
    by_code = {u.code: u.pk for u in raw.units}
    # What the public sees: the map's numerators at every level and the breakdowns.
    seen: dict[object, int] = {}
    result = compute_indicator(poverty, "2025", "public")
    for level in result.levels.values():
        for row in level.rows:
            if row["numerator"] is not None:
                seen[(by_code[row["unit_code"]], NUMERATOR)] = row["numerator"]
    breakdown = indicator_breakdown(poverty, "2025", "public")
    assert set(breakdown.units) == set(by_code)
    for code, cells in breakdown.units.items():
        for cell in cells:
            key = (by_code[code], (NUMERATOR, cell.sex, cell.age_band))
            assert cell.hidden == (key in table.hidden())
            if not cell.hidden:
                seen[key] = cell.persons  # type: ignore[assignment]
                assert cell.persons == table.cells[key].count
            else:
                assert cell.label
    hidden = [key for key in table.cells if key not in seen]
    assert any(isinstance(k[1], tuple) for k in table.hidden())  # there is something to hide
    ranges = cell_ranges({k: c.count for k, c in table.cells.items()},
                         table.relations, {key: (0, None) for key in hidden})
    for key, (low, high) in ranges.items():
        if key in table.hidden():
            assert low < high, f"{key} = {table.cells[key].count} is recoverable"
    # The sexes of a unit add up to its total wherever all are published.
    for code, cells in breakdown.units.items():
        margins = [c for c in cells if c.age_band == ALL]
        total = seen.get((by_code[code], NUMERATOR))
        if total is not None and all(not c.hidden for c in margins):
            assert sum(c.persons or 0 for c in margins) == total


def test_definitions_name_the_sex_and_age_bands_of_counts(tmp_path):
    from kooperacja.core.errors import UserError
    from kooperacja.indicators.definitions import parse_definitions

    path = tmp_path / "women.toml"
    path.write_text(
        '[[indicator]]\nid = "young-women"\nname_pl = "Młode kobiety"\n'
        'numerator = { code_list = "mops_reason", codes = ["1"], sex = "k", '
        'age_bands = ["18-29"] }\n', encoding="utf-8")
    (found,) = parse_definitions(path)
    assert (found["numerator_sex"], found["numerator_age_bands"]) == ("K", ["18-29"])
    path.write_text(path.read_text(encoding="utf-8").replace('"18-29"', '"20-40"'),
                    encoding="utf-8")
    with pytest.raises(UserError, match="age_bands"):
        parse_definitions(path)


def test_the_breakdown_is_stored_once_per_version_of_its_inputs(monkeypatch):
    from kooperacja.indicators.services import breakdown as module
    from kooperacja.indicators.services.published import inputs_changed

    units = build_grid()
    write_counts(units, "2025", random_cells(4))
    poverty = Indicator.objects.get(code="poverty")
    fresh = indicator_breakdown(poverty, "2025", "public", level="estate")
    assert module.stored_breakdown(poverty, "2025", "public", level="estate") == fresh
    calls = []
    real = module.protect_breakdown
    monkeypatch.setattr(module, "protect_breakdown",
                        lambda *a, **kw: calls.append(1) or real(*a, **kw))
    # Read back as stored: no audit per reader, the same cells and labels.
    assert module.stored_breakdown(poverty, "2025", "public", level="estate") == fresh
    assert module.stored_breakdown(poverty, "2025", "public", unit_codes=["E00"]).units \
        == {"E00": fresh.units["E00"]}
    assert calls == []
    # The analysts' breakdown is another one.
    analyst = module.stored_breakdown(poverty, "2025", "analyst", level="estate")
    assert analyst is not None and analyst.k <= fresh.k and calls == [1]
    # A new submission moves the version on: the next reader gets the new counts.
    UnitCountBreakdown.objects.all().delete()
    UnitCount.objects.all().delete()
    Submission.objects.all().delete()
    write_counts(units, "2025", {(e, "K", "30-49"): 50 for e in ESTATES})
    inputs_changed()
    after = module.stored_breakdown(poverty, "2025", "public", level="estate")
    assert after == indicator_breakdown(poverty, "2025", "public", level="estate")
    assert after != fresh and len(calls) == 3
    assert module.stored_breakdown(poverty, "1999", "public") is None
