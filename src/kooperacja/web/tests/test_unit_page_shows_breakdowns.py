"""The page per unit shows each indicator's persons by sex and age band as stored after
disclosure control: the same cells as the stored breakdown, a hidden cell by its label,
the analysts' at their threshold, and nothing hidden recoverable by subtraction from what
the public pages show (each page's margins and total, and the pages of every level)."""

from __future__ import annotations

import re

import pytest

from kooperacja.core.analysis.disclosure import Relation
from kooperacja.core.analysis.tests.linear import cell_ranges
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.breakdown import stored_breakdown
from kooperacja.indicators.services.protection import ALL
from kooperacja.indicators.tests.grid import DISTRICT, ESTATES, build_grid
from kooperacja.indicators.tests.test_it_splits_indicators_by_sex_and_age import (
    random_cells,
    write_counts,
)
from kooperacja.territory.models import Unit
from kooperacja.testing import PHONE, axe_violations, build_personas, page_width

pytestmark = pytest.mark.django_db
CELL = re.compile(
    r'<td data-sex="([^"]*)" data-band="([^"]*)"( class="hidden-value")?>(.*?)</td>', re.S
)


def page_cells(client, level: str, code: str, query: str = "") -> dict[tuple, tuple[bool, str]]:
    html = client.get(f"/obszar/{level}/{code}/{query}").content.decode()
    found = re.search(
        r'<table class="breakdown-table" id="breakdown-poverty">(.*?)</table>', html, re.S
    )
    assert found, f"no breakdown of poverty on {level}/{code}"
    return {
        (sex or None, band or None): (bool(hidden), text.strip())
        for sex, band, hidden, text in CELL.findall(found.group(1))
    }


def expected(breakdown, code: str) -> dict[tuple, tuple[bool, str]]:
    return {
        (c.sex, c.age_band): (c.hidden, c.label if c.hidden else str(c.persons))
        for c in breakdown.units[code]
    }


def same(shown: dict[tuple, tuple[bool, str]], stored: dict[tuple, tuple[bool, str]]) -> bool:
    """The page's cells are the stored ones; the others are dashes (no one of that sex
    and band anywhere), but for the corner: the unit's total."""
    rest = {k: v for k, v in shown.items() if k not in stored and k != (ALL, ALL)}
    return {k: v for k, v in shown.items() if k in stored} == stored and all(
        v == (False, "–") for v in rest.values()
    )


@pytest.fixture
def grid(db):
    units = build_grid()
    cells = random_cells(5)
    cells[("E00", None, "65+")] = 1  # one person of unknown sex: hidden everywhere
    write_counts(units, "2025", cells)
    return units


def test_the_page_shows_the_stored_breakdown_and_keeps_a_small_cell_hidden(client, grid):
    poverty = Indicator.objects.get(code="poverty")
    stored = stored_breakdown(poverty, "2025", "public", level="estate")
    for code in ("E00", "E11", "E23"):
        shown = page_cells(client, "estate", code)
        assert same(shown, expected(stored, code))
    hidden, text = page_cells(client, "estate", "E00")[(None, "65+")]
    assert hidden and text == next(
        c.label for c in stored.units["E00"] if (c.sex, c.age_band) == (None, "65+")
    )
    # The analysts of the city see theirs, at their threshold.
    Unit.objects.update(territory=grid["C"])
    client.force_login(build_personas(grid["C"]).analyst_x)
    analyst = stored_breakdown(poverty, "2025", "analyst", level="estate")
    assert analyst is not None and analyst.k < stored.k
    shown = page_cells(client, "estate", "E11", "?view=analyst")
    assert same(shown, expected(analyst, "E11"))


@pytest.mark.parametrize("seed", [6, 7])
def test_no_hidden_cell_of_the_public_pages_is_recoverable_by_subtraction(client, db, seed):
    units = build_grid()
    write_counts(units, "2025", random_cells(seed))
    pages = {}
    parent = {"C": None, **{d: "C" for d in set(DISTRICT.values())}, **DISTRICT}
    for code, level in [
        ("C", "city"),
        *((d, "district") for d in sorted(set(DISTRICT.values()))),
        *((e, "estate") for e in ESTATES),
    ]:
        pages[code] = page_cells(client, level, code)
    known: dict[tuple, int] = {}
    hidden: list[tuple] = []
    relations: list[Relation] = []
    for code, cells in pages.items():
        for (sex, band), (is_hidden, text) in cells.items():
            key = (code, sex, band)
            if is_hidden:
                hidden.append(key)
            else:
                known[key] = 0 if text == "–" else int(text)
        sexes = {s for s, _ in cells}
        bands = {b for _, b in cells}
        for s in sexes - {ALL}:  # a row's margin is the sum of its bands
            relations.append(Relation((code, s, ALL), tuple((code, s, b) for b in bands - {ALL})))
        for b in bands - {ALL}:  # a column's margin is the sum of its sexes
            relations.append(Relation((code, ALL, b), tuple((code, s, b) for s in sexes - {ALL})))
        relations.append(Relation((code, ALL, ALL), tuple((code, s, ALL) for s in sexes - {ALL})))
        relations.append(Relation((code, ALL, ALL), tuple((code, ALL, b) for b in bands - {ALL})))
    for code, cells in pages.items():  # a unit's cell is the sum of its children's
        children = tuple(c for c, p in parent.items() if p == code)
        if children:
            for sex, band in cells:
                relations.append(
                    Relation((code, sex, band), tuple((c, sex, band) for c in children))
                )
    assert hidden, "something is hidden"
    ranges = cell_ranges(known, relations, {key: (0, None) for key in hidden})
    for key, (low, high) in ranges.items():
        assert low < high, f"{key} is recoverable from the pages: {low}"


def test_the_chart_is_drawn_from_the_tables_cells_and_hides_what_the_table_hides(client, grid):
    html = client.get("/obszar/estate/E00/").content.decode()
    section = re.search(r'<section class="indicator" id="ind-poverty".*?</section>', html, re.S)
    assert section, "the poverty section"
    svg = re.search(r'<svg class="chart breakdown".*?</svg>', section.group(0), re.S)
    assert svg, "a chart beside the table"
    assert 'aria-hidden="true"' in svg.group(0)  # the table is what screen readers read
    cells = page_cells(client, "estate", "E00")
    inner = {k: v for k, v in cells.items() if ALL not in k}
    hidden = sum(1 for is_hidden, _text in inner.values() if is_hidden)
    shown = sum(1 for is_hidden, text in inner.values() if not is_hidden and text not in ("–", "0"))
    assert svg.group(0).count(">?</text>") == hidden
    assert svg.group(0).count('<rect') == hidden + shown


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_breakdown_fits_a_phone_and_passes_axe(live_server, browser_page):

    units = build_grid()
    cells = random_cells(5)
    cells[("E00", None, "65+")] = 1
    write_counts(units, "2025", cells)
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/obszar/estate/E00/")
    page.wait_for_selector("#breakdown-poverty")
    assert page.locator("svg.chart.breakdown").count() >= 1
    width = page_width(page)
    assert width <= PHONE["width"], width
    assert axe_violations(page, impacts=("serious", "critical")) == []
    assert page.problems == []
