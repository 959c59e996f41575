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


@pytest.mark.parametrize("seed", [11, 12])
def test_no_hidden_cell_of_the_public_report_is_recoverable_by_subtraction(db, seed):
    """What the public report publishes of a problem (the territory's table by sex × band,
    its districts' margins by sex and by band) and the map's numerators of the city and
    its districts: by every sum between them, no hidden cell gets a range narrower than
    one person. The intruder knows no label (a hidden cell is any count from 0)."""
    from kooperacja.core.analysis.disclosure import Relation
    from kooperacja.core.analysis.tests.linear import cell_ranges
    from kooperacja.indicators.services.compute import compute_indicator
    from kooperacja.indicators.tests.grid import DISTRICT
    from kooperacja.indicators.tests.test_it_splits_indicators_by_sex_and_age import (
        random_cells,
    )

    units = build_grid()
    write_counts(units, "2025", random_cells(seed))
    doc = Document(io.BytesIO(render(build_report("diagnoza", "C", "2025"), "docx")))
    districts = sorted(set(DISTRICT.values()))
    names = {units[d].name: d for d in districts}
    known: dict[tuple, int] = {}
    hidden: list[tuple] = []

    def read(key, text):
        if text == "–":
            known[key] = 0
        elif text.replace("\xa0", "").replace(" ", "").isdigit():
            known[key] = int(text.replace("\xa0", "").replace(" ", ""))
        else:
            hidden.append(key)

    city = _split_table(doc)
    bands_of = {band_label(b): b for b in ("0-17", "18-24", "25-29", "30-49", "50-64", "65+",
                                             None, ALL)}
    sexes_of = {sex_label(s): s for s in ("K", "M", None, ALL)}
    header = [bands_of[c.text] for c in city.rows[0].cells[1:]]
    for row in city.rows[1:]:
        sex = sexes_of[row.cells[0].text]
        for band, cell in zip(header, row.cells[1:], strict=True):
            read(("C", sex, band), cell.text)
    below = [t for t in doc.tables if t.rows[0].cells[0].text != _("sex")
             and len(t.rows) > 1 and t.rows[1].cells[0].text in names
             and t.rows[0].cells[1].text == sex_label("K")]
    assert len(below) == 1
    columns = [(sexes_of[c.text], ALL) if c.text in sexes_of else (ALL, bands_of[c.text])
               for c in below[0].rows[0].cells[1:]]
    for row in below[0].rows[1:]:
        for (sex, band), cell in zip(columns, row.cells[1:], strict=True):
            read((names[row.cells[0].text], sex, band), cell.text)
    result = compute_indicator(Indicator.objects.get(code="poverty"), "2025", "public")
    for level, codes in (("city", ["C"]), ("district", districts)):
        for r in result.level(level).rows:
            if r["unit_code"] in codes:
                read((r["unit_code"], ALL, ALL), "–" if r["numerator"] == 0 else (
                    str(r["numerator"]) if r["numerator"] is not None else "hidden"))
    sexes = sorted({s for (_, s, b) in [*known, *hidden] if s != ALL}, key=repr)
    bands = sorted({b for (_, s, b) in [*known, *hidden] if b != ALL}, key=repr)
    relations = []
    for code in ["C", *districts]:
        relations.append(Relation((code, ALL, ALL), tuple((code, s, ALL) for s in sexes)))
        relations.append(Relation((code, ALL, ALL), tuple((code, ALL, b) for b in bands)))
    for s in sexes:
        relations.append(Relation(("C", s, ALL), tuple(("C", s, b) for b in bands)))
    for b in bands:
        relations.append(Relation(("C", ALL, b), tuple(("C", s, b) for s in sexes)))
    for key in {(s, ALL) for s in sexes} | {(ALL, b) for b in bands} | {(ALL, ALL)}:
        relations.append(Relation(("C", *key), tuple((d, *key) for d in districts)))
    cells = {c for r in relations for c in r.cells}
    for key in cells - set(known) - set(hidden):
        known[key] = 0  # a cell no table shows is a sex or band no one is counted in
    assert hidden, "something is hidden"
    ranges = cell_ranges(known, relations, {key: (0, None) for key in hidden})
    for key, (low, high) in ranges.items():
        assert high - low >= 1, f"{key} is recoverable from the report: {low}"
