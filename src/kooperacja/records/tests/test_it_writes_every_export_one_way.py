"""The one export writer: provenance without file names, formulas neutralised, numbers kept
as numbers, every export in the audit log."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook

from kooperacja.records.models import AuditEvent
from kooperacja.records.services.exports import Export, sidecar, write_export

pytestmark = pytest.mark.django_db


def export() -> Export:
    rows = [{"unit_code": "=1+1", "name": "@SUM(A1)", "change": -3, "text": "-2.5"},
            {"unit_code": "E2", "name": "+48 22", "change": None, "text": "\t=cmd"}]
    return Export("test", ["unit_code", "name", "change", "text"], rows,
                  provenance={"inputs": {"submissions": [{"institution": "MOPS"}]}})


def test_a_csv_export_neutralises_formulas_keeps_numbers_and_says_where_it_comes_from(tmp_path):
    out = tmp_path / "out.csv"
    assert write_export(out, export()) == 2
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1] == ["'=1+1", "'@SUM(A1)", "-3", "-2.5"]
    assert rows[2] == ["E2", "'+48 22", "", "'\t=cmd"]
    meta = json.loads(sidecar(out).read_text(encoding="utf-8"))
    assert meta["program"] == "kooperacja" and meta["exported_at"] and "inputs" in meta
    assert AuditEvent.objects.get(action="export").detail["rows"] == 2


def test_a_workbook_export_keeps_negative_numbers_numeric(tmp_path):
    out = tmp_path / "out.xlsx"
    write_export(out, export())
    sheet = load_workbook(out).worksheets[0]
    assert sheet["C2"].value == -3 and sheet["A2"].value == "'=1+1"
    assert load_workbook(out)["metadata"]["A1"].value == "program"
