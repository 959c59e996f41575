"""The monitoring report: a heading per objective and the targets' table, in a DOCX that
python-docx opens; written by the command too."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kooperacja.programmes.services.report import build_monitoring_report
from kooperacja.reports.services.render import render


def test_the_docx_has_a_heading_per_objective_and_the_targets_table(plan):
    data = render(build_monitoring_report(plan.programme, "2025"), "docx")
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "1. Mniej ubóstwa" in headings
    assert "2. Praca dla długotrwale bezrobotnych" in headings
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    poverty = next(r for r in rows if r[0] == "Odsetek rodzin w ubóstwie")
    assert "2023: 8,5" in poverty[4] and "2025: 10,5" in poverty[4]
    assert poverty[5].startswith("✖")  # red in 2025: worse than the baseline
    unemployed = next(r for r in rows if r[0] == "Długotrwale bezrobotni")
    assert unemployed[5].startswith("✔")


def test_the_command_writes_each_format(plan, tmp_path):
    for ext in ("docx", "html"):
        out = tmp_path / f"raport.{ext}"
        call_command("monitoring_report", programme=plan.programme.pk, period="2024",
                     out=str(out), refresh=ext == "html")
        assert out.stat().st_size > 0
    assert "Mniej ubóstwa" in (tmp_path / "raport.html").read_text(encoding="utf-8")


def test_the_command_names_a_missing_programme_and_a_wrong_format(plan, tmp_path):
    with pytest.raises(CommandError):
        call_command("monitoring_report", programme=999, period="2024",
                     out=str(tmp_path / "r.docx"))
    with pytest.raises(CommandError):
        call_command("monitoring_report", programme=plan.programme.pk, period="2024",
                     out=str(tmp_path / "r.odt"))
