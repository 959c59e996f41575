"""Exports for offices: the CSV Polish Excel opens with a double click (UTF-8 with a
byte-order mark, ``;``, decimal commas, tak/nie), the machine's CSV as it always was, and
whole numbers without ``.0`` in every format (docs/catalogue.md, "Exports for offices")."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.records.models import AuditEvent
from kooperacja.records.services.exports import Export, csv_download, write_export

pytestmark = pytest.mark.django_db


def export() -> Export:
    rows = [{"unit_code": "E1", "name": "Żoliborz", "persons": 3635.0, "rate": 12.5,
             "hidden": False, "change": np.float64(-0.25)},
            {"unit_code": "=E2", "name": "Ochota", "persons": np.float64(7.0), "rate": None,
             "hidden": True, "change": 3}]
    return Export("test", ["unit_code", "name", "persons", "rate", "hidden", "change"], rows)


def test_the_excel_csv_has_a_bom_semicolons_decimal_commas_and_words(tmp_path):
    out = tmp_path / "out.csv"
    write_export(out, export(), excel=True)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "unit_code;name;persons;rate;hidden;change"
    assert lines[1] == "E1;Żoliborz;3635;12,5;nie;-0,25"
    assert lines[2] == "'=E2;Ochota;7;;tak;3"
    table = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert table["persons"].tolist() == [3635, 7] and table["rate"].iloc[0] == 12.5
    assert AuditEvent.objects.get(action="export").detail["dialect"] == "excel"


def test_the_machine_csv_stays_as_it_was_but_counts_lose_their_point_zero(tmp_path):
    out = tmp_path / "out.csv"
    write_export(out, export())
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").splitlines()
    assert lines[1] == "E1,Żoliborz,3635,12.5,False,-0.25"
    assert "3635.0" not in raw.decode() and ",7.0" not in raw.decode()
    assert "dialect" not in AuditEvent.objects.get(action="export").detail


def test_a_download_in_excels_dialect_reads_back_with_pandas():
    body, _meta = csv_download(export(), excel=True)
    table = pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig")
    assert table.columns[0] == "unit_code" and table["change"].tolist() == [-0.25, 3]


def test_a_workbook_holds_whole_numbers_as_integers(tmp_path):
    out = tmp_path / "out.xlsx"
    write_export(out, export())
    sheet = load_workbook(out).worksheets[0]
    assert sheet["C2"].value == 3635 and isinstance(sheet["C2"].value, int)
    assert sheet["D2"].value == 12.5 and sheet["E3"].value is True


def test_every_table_command_takes_excel(tmp_path):
    units = build_city()
    counts(units, "2025", {"E1": 10, "E2": 10, "E3": 20, "E4": 2})
    out = tmp_path / "counts.csv"
    call_command("counts", "--period", "2025", "--level", "estate", "--out", str(out), "--excel")
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and ";" in text.splitlines()[0]
    table = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert table["persons"].sum() == 42
    assert ".0" not in text


def test_page_downloads_offer_excel_csv_and_xlsx(client):
    body = client.get("/zasoby/eksport.csv", {"excel": "1"}).content
    assert body.startswith(b"\xef\xbb\xbf") and b";" in body.splitlines()[0]
    response = client.get("/zasoby/eksport.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[-1] == "metadata"


def test_the_maps_values_download_for_polish_excel_with_the_hidden_count_still_hidden(client):
    units = build_city()
    counts(units, "2025", {"E1": 10, "E2": 10, "E3": 20, "E4": 3})
    query = {"indicator": "poverty", "level": "estate", "period": "2025", "format": "csv",
             "excel": "1"}
    body = client.get("/mapa/pobierz/", query).content
    assert body.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig")
    assert table.columns[0] == "unit_code" and len(table) == 4
    assert set(table["hidden"]) == {"tak", "nie"}
    e4 = table.set_index("unit_code").loc["E4"]
    assert e4["hidden"] == "tak" and pd.isna(e4["numerator"])
    e1 = table.set_index("unit_code").loc["E1"]
    assert e1["numerator"] == 10 and e1["value"] == pytest.approx(10.0)
    assert ".0;" not in body.decode("utf-8-sig")
