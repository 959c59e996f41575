"""The diagnosis report: built from the disclosure-controlled values, written as DOCX, PDF
and HTML that read back with their headings, tables, pictures and pages."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import gettext as _
from docx import Document

from kooperacja.core.errors import UserError
from kooperacja.indicators.services import published
from kooperacja.indicators.tests.world import build_city, counts, institution
from kooperacja.records.models import AuditEvent, Submission
from kooperacja.reports import snapshot
from kooperacja.reports.services.document import (
    Figure,
    Recommendations,
    Table,
    build_report,
    with_recommendations,
)
from kooperacja.reports.services.render import render
from kooperacja.reports.snapshot import dump
from kooperacja.testing import build_personas

# E4 (400 residents) has 3 persons in 2025: below the public k = 5, not below the analysts' 3.
BY_ESTATE = {
    "2024": {"E1": 10, "E2": 12, "E3": 20, "E4": 2},
    "2025": {"E1": 30, "E2": 14, "E3": 22, "E4": 3},
}


@pytest.fixture
def city(db):
    units = build_city()
    for period, by_estate in BY_ESTATE.items():
        counts(units, period, by_estate)
        counts(
            units,
            period,
            {e: n * 2 for e, n in by_estate.items()},
            "pup_category",
            "do_30",
            who=institution("pup", "pup"),
        )
    return units


def _tables(report) -> list[Table]:
    found: list[Table] = []
    for chapter in report.chapters:
        for block in chapter.blocks:
            if isinstance(block, Table):
                found.append(block)
            elif isinstance(block, Figure) and block.table is not None:
                found.append(block.table)
    return found


def _figures(report) -> list[Figure]:
    return [b for c in report.chapters for b in c.blocks if isinstance(b, Figure)]


def test_the_docx_has_a_heading_per_chapter_the_tables_and_the_pictures(city):
    from docx import Document

    report = build_report("diagnoza", "C", "2025")
    keys = [c.key for c in report.chapters]
    assert keys[0] == "population" and "problem-1" in keys and keys[-1] == "recommendations"
    assert {"labour", "overlap", "resources"} <= set(keys)
    doc = Document(io.BytesIO(render(report, "docx", {"population": "Our reading.\n\nMore."})))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:-1] == [c.title for c in report.chapters]
    assert headings[-1] == _("Sources, periods, version and parameters")
    # Every table of the report, the recommendations and the parameters are real tables.
    recommendations = sum(isinstance(b, Recommendations) for c in report.chapters for b in c.blocks)
    assert len(doc.tables) == len(_tables(report)) + recommendations + 1
    assert len(doc.inline_shapes) == len(_figures(report)) >= 3  # pyramid, map, trend
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("Our reading.") < texts.index(headings[1])
    assert any(p.style.name == "Title" for p in doc.paragraphs)
    assert any(report.fingerprint in cell.text for cell in doc.tables[-1].columns[1].cells)


def test_the_pdf_is_a4_with_contents_and_page_numbers(city):
    from pypdf import PdfReader

    report = build_report("diagnoza", "C", "2025", since="2024")
    pdf = PdfReader(io.BytesIO(render(report, "pdf")))
    assert len(pdf.pages) >= 4
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    first = pdf.pages[0].extract_text()
    assert all(c.title[:30] in " ".join(first.split()) for c in report.chapters[:3])
    for n, page in enumerate(pdf.pages[1:], start=2):
        assert _("page %(n)s") % {"n": n} in page.extract_text()
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert report.fingerprint in text and "2024" in text


def test_a_period_without_data_gives_a_report_that_says_so_per_chapter(city):
    report = build_report("diagnoza", "C", "2019")
    empty = {c.key: c.empty_note for c in report.chapters if c.empty_note}
    assert {"population", "problems", "labour", "overlap", "resources"} <= set(empty)
    page = render(report, "html").decode()
    for note in empty.values():
        assert note.replace("'", "&#x27;") in page
    for fmt in ("docx", "pdf"):
        assert render(report, fmt)


def test_a_unit_inside_the_territory_gets_its_own_report(city):
    report = build_report("diagnoza", "D1", "2025")
    assert report.territory.endswith("(D1)")
    codes = {row[1] for t in _tables(report) for row in t.rows if len(row) > 1}
    assert not codes & {"E3", "E4", "D2"}


def test_an_unknown_template_territory_or_format_lists_what_exists(city):
    with pytest.raises(UserError, match="diagnoza, ozps"):
        build_report("strategia", "C", "2025")
    with pytest.raises(UserError, match="C"):
        build_report("diagnoza", "nowhere", "2025")
    with pytest.raises(CommandError, match="diagnoza, ozps"):
        call_command(
            "report", "--template", "x", "--territory", "C", "--period", "2025", "--out", "r.docx"
        )
    with pytest.raises(UserError, match="2025-H1"):
        build_report("diagnoza", "C", "w 2025")
    with pytest.raises(UserError, match="2025-Q1"):
        build_report("diagnoza", "C", "2025", since="2025-Q1")
    with pytest.raises(UserError, match="docx, pdf, html"):
        render(build_report("diagnoza", "C", "2019"), "odt")  # type: ignore[arg-type]


def test_only_the_territorys_analysts_get_an_analyst_report(city):
    cast = build_personas(city["C"])
    assert build_report("diagnoza", "C", "2025", audience="analyst", user=cast.analyst_x)
    assert build_report("diagnoza", "C", "2025", user=cast.partner_a).audience == "public"
    with pytest.raises(UserError):
        build_report("diagnoza", "C", "2025", audience="analyst", user=cast.partner_a)
    with pytest.raises(UserError):
        build_report("diagnoza", "C", "2025", audience="analyst", user=cast.anonymous)


def _text(report) -> str:
    page = render(report, "html").decode()
    return re.sub(r"data:image/png;base64,[^\"]+", "", page)


def test_a_hidden_cell_never_appears_in_a_public_report(city):
    public = build_report("diagnoza", "C", "2025")
    fewer = _("fewer than %(k)s") % {"k": 5}
    poverty = [c for c in public.chapters if c.key == "problem-1"]
    e4 = [
        row
        for t in _tables(public)
        for row in t.rows
        if "E4" in row and any(t is b or t is getattr(b, "table", None) for b in poverty[0].blocks)
    ]
    assert e4, "the map's table lists every estate"
    for row in e4:
        assert all(not re.fullmatch(r"[\d\s,.–-]+", cell) or cell == "–" for cell in row[2:]), row
    assert any(
        fewer in cell or _("hidden to protect another cell") in cell for row in e4 for cell in row
    )
    # E4's rate (3 of 400 per 1,000 = 7,5) and its interval are nowhere in the text.
    assert "7,5" not in _text(public) and "7.5" not in _text(public)
    # The analysts' threshold shows it: the test above does look at the right cell.
    analyst = build_report("diagnoza", "C", "2025", audience="analyst")
    assert "7,5" in _text(analyst) or "7.5" in _text(analyst)


def test_the_ozps_template_follows_the_form_and_marks_what_the_team_fills(city):
    report = build_report("ozps", "C", "2025")
    keys = [c.key for c in report.chapters]
    assert keys == [
        "population",
        "ozps-reasons",
        "ozps-support",
        "labour",
        "resources",
        "ozps-staff",
        "ozps-ngo",
        "ozps-finance",
        "recommendations",
    ]
    reasons = next(c for c in report.chapters if c.key == "ozps-reasons").blocks[0]
    assert isinstance(reasons, Table)
    assert reasons.columns[1:5] == [
        _("families %(period)s") % {"period": "2024"},
        _("persons %(period)s") % {"period": "2024"},
        _("families %(period)s") % {"period": "2025"},
        _("persons %(period)s") % {"period": "2025"},
    ]
    assert reasons.rows[0][1:5] == ["44", "44", "69", "69"]
    assert _("to be filled in") in _text(report)


def test_the_command_writes_the_report_and_audits_the_export(city, tmp_path):
    out = tmp_path / "raport.docx"
    call_command(
        "report",
        "--template",
        "diagnoza",
        "--territory",
        "C",
        "--period",
        "2025",
        "--out",
        str(out),
    )
    assert out.read_bytes()[:2] == b"PK"
    event = AuditEvent.objects.filter(action="export", object_type="report").get()
    assert event.detail["format"] == "docx" and event.detail["territory"] == "C"
    assert event.detail["audience"] == "public" and event.detail["fingerprint"]
    with pytest.raises(CommandError, match=r"\.docx, \.pdf"):
        call_command(
            "report",
            "--template",
            "diagnoza",
            "--territory",
            "C",
            "--period",
            "2025",
            "--out",
            str(tmp_path / "raport.odt"),
        )


def test_a_saved_report_shows_what_changed_after_new_data_and_keeps_the_teams_table(city):
    before = build_report("diagnoza", "C", "2025")
    assert snapshot.changes(dump(before), dump(build_report("diagnoza", "C", "2025"))).nothing
    # The MOPS sends 2025 again (as an import does: the older one replaced, inputs moved on).
    Submission.objects.filter(institution__code="mops", period="2025").update(status="replaced")
    counts(city, "2025", {"E1": 40, "E2": 14, "E3": 22, "E4": 3})
    published.inputs_changed()
    after = build_report("diagnoza", "C", "2025")
    assert after.fingerprint != before.fingerprint
    changed = snapshot.changes(dump(before), dump(after)).chapters
    assert changed and all(change.title for change in changed)
    assert json.loads(json.dumps(dump(after)))["chapters"]
    team = with_recommendations(after, [("Więcej pracy socjalnej w E1", "poverty", "E1")])
    doc = Document(io.BytesIO(render(team, "docx")))
    assert any(c.text == "Więcej pracy socjalnej w E1" for t in doc.tables for c in t._cells)
