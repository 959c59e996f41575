"""A problem's chapter shows the territory's persons by sex and age band: the stored
breakdown after disclosure control for the report's audience, a hidden cell by its label,
read back from the DOCX."""

from __future__ import annotations

import io

import pytest
from django.utils.translation import gettext as _
from docx import Document

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.breakdown import band_label, sex_label, stored_breakdown
from kooperacja.indicators.services.protection import ALL
from kooperacja.indicators.tests.grid import ESTATES, build_grid
from kooperacja.indicators.tests.test_it_splits_indicators_by_sex_and_age import write_counts
from kooperacja.reports.services.document import build_report
from kooperacja.reports.services.render import render

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(db):
    units = build_grid()
    cells = {}
    for e in ESTATES:
        cells[(e, "K", "30-49")] = 6
        cells[(e, "M", "30-49")] = 7
        cells[(e, "K", "65+")] = 3
    # One person of unknown sex over 65 in the whole city: hidden at every threshold.
    cells[("E00", None, "65+")] = 1
    write_counts(units, "2025", cells)
    return units


def _split_table(doc):
    found = [t for t in doc.tables if t.rows[0].cells[0].text == _("sex")]
    assert len(found) == 1, "one table by sex and age band in the poverty chapter"
    return found[0]


@pytest.mark.parametrize("audience", ["public", "analyst"])
def test_the_chapter_has_the_table_by_sex_and_age_band(grid, audience):
    report = build_report("diagnoza", "C", "2025", audience=audience)
    doc = Document(io.BytesIO(render(report, "docx")))
    table = _split_table(doc)
    stored = stored_breakdown(
        Indicator.objects.get(code="poverty"), "2025", audience, level="city", unit_codes=["C"]
    )
    assert stored is not None and stored.k == (5 if audience == "public" else 3)
    cells = {(c.sex, c.age_band): c for c in stored.units["C"]}
    header = [c.text for c in table.rows[0].cells]
    assert header[1:] == [band_label(b) for b in ["30-49", "65+", ALL]]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert set(rows) == {sex_label(s) for s in ("K", "M", None, ALL)}
    # Every cell is the stored one: its count, or its label when hidden.
    for sex in ("K", "M", None):
        for band, text in zip(["30-49", "65+", ALL], rows[sex_label(sex)], strict=True):
            cell = cells.get((sex, band))
            if cell is None:
                assert text == "–"
            else:
                assert text == (cell.label if cell.hidden else str(cell.persons)), (sex, band)
    assert any(not c.hidden for c in cells.values())
    # The one person of unknown sex is hidden, by its label, not by its count.
    hidden = cells[(None, "65+")]
    assert hidden.hidden and rows[sex_label(None)][1] == hidden.label
    assert "1" not in rows[sex_label(None)][1]
    assert cells[(None, ALL)].hidden
    # The short sentence before it names the territory and the period.
    texts = [p.text for p in doc.paragraphs]
    name = grid["C"].name
    women, men = cells[("K", ALL)], cells[("M", ALL)]
    if women.hidden or men.hidden:
        sentence = _(
            "The persons counted in %(territory)s in %(period)s by sex and age band; "
            "some cells are hidden to protect small counts."
        )
        expected = sentence % {"territory": name, "period": "2025"}
    else:
        sentence = _(
            "Among the persons counted in %(territory)s in %(period)s there are "
            "%(women)s women and %(men)s men; the table shows them by age band."
        )
        expected = sentence % {
            "territory": name,
            "period": "2025",
            "women": women.persons,
            "men": men.persons,
        }
    assert expected in texts


def test_the_chapter_splits_each_district_by_sex_and_by_band_as_stored(grid):
    report = build_report("diagnoza", "C", "2025", audience="public")
    doc = Document(io.BytesIO(render(report, "docx")))
    stored = stored_breakdown(Indicator.objects.get(code="poverty"), "2025", "public",
                              level="district")
    districts = sorted(stored.units)
    found = [t for t in doc.tables
             if [r.cells[0].text for r in t.rows[1:]] == [grid[d].name for d in districts]
             and t.rows[0].cells[1].text == sex_label("K")]
    assert len(found) == 1, "one table of the districts by sex and band"
    table = found[0]
    header = [c.text for c in table.rows[0].cells[1:]]
    assert header == [sex_label(s) for s in ("K", "M", None)] + [
        band_label(b) for b in ("30-49", "65+")]
    for row, code in zip(table.rows[1:], districts, strict=True):
        cells = {(c.sex, c.age_band): c for c in stored.units[code]}
        keys = [(s, ALL) for s in ("K", "M", None)] + [(ALL, b) for b in ("30-49", "65+")]
        for text, key in zip([c.text for c in row.cells[1:]], keys, strict=True):
            cell = cells.get(key)
            expected = "–" if cell is None else (cell.label if cell.hidden else str(cell.persons))
            assert text == expected, (code, key)
