"""Offers imported from CSV and XLSX; a bad row stops the file, each bad cell named."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from kooperacja.training.models import Offer
from kooperacja.training.services.importing import import_offers

pytestmark = pytest.mark.django_db
HEADER = "id;tytul;rodzaj;zakres;kzis;od;do;miejsca;obszar;kryteria;cel_kobiety;cel_mezczyzni\n"


def test_a_csv_of_offers_is_imported_and_updated_by_id(personas, tmp_path):
    path = tmp_path / "oferta.csv"
    path.write_text(HEADER + "1;Spawanie MIG;szkolenie;spawacz;721306;2026-04-01;2026-05-01;10;"
                    "D1;\"Osoba bezrobotna; Mieszkaniec\";6;4\n"
                    "2;Doradztwo;counselling;CV;;2026-05-01;2026-05-02;5;;;;\n",
                    encoding="cp1250")
    result = import_offers(path, "a")
    assert (result.rows, result.created, result.errors) == (2, 2, [])
    weld = Offer.objects.get(source_id="1")
    assert weld.instrument_type.code == "training" and weld.occupation_code == "721306"
    assert weld.criteria == [{"code": "osoba-bezrobotna", "label": "Osoba bezrobotna"},
                             {"code": "mieszkaniec", "label": "Mieszkaniec"}]
    assert (weld.capacity, weld.target_women, weld.area, weld.quarter) == (10, 6, "D1", "2026-Q2")
    path.write_text(HEADER + "1;Spawanie MAG;szkolenie;spawacz;;2026-04-01;2026-05-01;12;D1;;;\n",
                    encoding="utf-8")
    assert import_offers(path, "a").updated == 1
    assert Offer.objects.get(source_id="1").title == "Spawanie MAG"
    assert Offer.objects.count() == 2


def test_bad_cells_are_named_by_row_and_column_and_nothing_is_stored(personas, tmp_path):
    path = tmp_path / "oferta.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "type", "scope", "starts_on", "ends_on", "capacity", "kzis", "lon"])
    sheet.append(["Dobry", "training", "x", "2026-04-01", "2026-05-01", "3", "", ""])
    sheet.append(["", "kurs", "x", "2026-04-01", "2026-03-01", "0", "12", "200"])
    sheet.append(["Zły typ", "gotowanie", "x", "1.4.2026", "2026-05-01", "trzy", "", ""])
    book.save(path)
    result = import_offers(path, "a")
    found = sorted((e.row, e.field) for e in result.errors)
    assert found == [(3, "capacity"), (3, "ends_on"), (3, "lat"), (3, "lon"),
                     (3, "occupation_code"), (3, "title"), (4, "capacity"), (4, "starts_on"),
                     (4, "type")]
    assert Offer.objects.count() == 0
    with translation.override("en"):
        with pytest.raises(CommandError, match="9 bad cells; nothing was imported"):
            call_command("import_offers", str(path), "--institution", "a")
        with pytest.raises(CommandError, match="No institution with the code nie-ma"):
            call_command("import_offers", str(path), "--institution", "nie-ma")


def test_a_file_without_its_header_line_is_refused(personas, tmp_path):
    path = tmp_path / "oferta.csv"
    path.write_text("Spawanie;training;x;2026-04-01;2026-05-01;3\n", encoding="utf-8")
    with pytest.raises(Exception, match="missing column"):
        import_offers(path, "a")
