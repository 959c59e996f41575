"""Reading public statistics as GUS BDL and the regional centres write them (no Django)."""

from __future__ import annotations

import pytest

from kooperacja.core.errors import UserError
from kooperacja.core.statistics import parse_ages, project_bands, read_bdl, read_mrpips03, teryt_of


@pytest.mark.parametrize(("code", "teryt"), [
    ("011212161011", "1261011"),  # Kraków, BDL's id
    ("071412865011", "1465011"),  # Warszawa
    ("071412865108", "1465108"),  # a district of Warszawa
    ("012420401033", "2401033"),  # an urban-rural gmina
    ("012420401000", "2401"),  # its powiat
    ("011200000000", "12"),  # a voivodeship
    ("11200000000", "12"),  # the same, its leading zero lost in a workbook
    ("000000000000", None),  # Poland
    ("010000000000", None),  # a macroregion
    ("011212100000", None),  # a subregion
    ("1261011", "1261011"), ("1261000", "1261"), ("1200000", "12"), ("0000000", None),
    ("201011", "0201011"),  # a TERYT typed as a number
    ("2401", "2401"), ("Razem", None),
])
def test_it_derives_teryt_from_bdls_unit_codes(code, teryt):
    assert teryt_of(code) == teryt


def test_it_reads_bdls_age_groups():
    assert parse_ages("0-4") == (0, 4)
    assert parse_ages("85 i więcej") == (85, None)
    assert parse_ages("100 lat i więcej") == (100, None)
    assert parse_ages("w wieku przedprodukcyjnym") == (0, 17)
    assert parse_ages("ogółem") is None
    assert parse_ages("wykształcenie wyższe") == "?"


def test_it_sums_groups_into_the_installations_bands_only_where_they_tile_them():
    economic = {(0, 17): 10, (18, 64): 60, (65, None): 30, (18, 44): 40, (45, 64): 20}
    assert project_bands(economic) == {"0-17": 10, "65+": 30}
    singles = {(a, a): 1 for a in range(0, 90)} | {(90, None): 4}
    singles[(20, 20)] = None  # no data for one age: its band is not known, not smaller
    assert project_bands(singles) == {"0-17": 18, "18-29": None, "30-49": 20, "50-64": 15,
                                      "65+": 29}
    with pytest.raises(UserError, match="60-69"):
        project_bands({(50, 59): 1, (60, 69): 1, (70, None): 1})


def test_it_reads_a_regional_centres_csv_in_cp1250_with_decimal_commas(tmp_path):
    path = tmp_path / "mrpips.csv"
    path.write_bytes(("Lp.;Kod TERYT;Gmina;Rok;Ubóstwo;Bezrobocie;Przemoc domowa "
                      "(liczba rodzin)\n1;2401011;Miasto;2023;150,0;1 120;-\n"
                      "2;2401022;Wieś;2023;12;7;0\n").encode("cp1250"))
    reasons = {"ubostwo": "1", "bezrobocie": "4", "przemocdomowa": "7"}
    table = read_mrpips03(path, lambda h: reasons.get(
        h.lower().replace("ó", "o").replace(" (liczba rodzin)", "").replace(" ", "")))
    assert table.total_column is None
    first = table.rows[0]
    assert (first.teryt, first.year, first.counts) == ("2401011", 2023,
                                                      {"1": 150, "4": 1120, "7": None})


def test_it_names_the_row_and_column_of_a_value_that_is_no_count(tmp_path):
    path = tmp_path / "bdl.csv"
    path.write_text("Kod;Nazwa;Rok;Wartosc;Jednostka miary;Atrybut\n"
                    "012420401011;Miasto;2023;12,5;osoba;\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_bdl(path)
    assert (caught.value.row, caught.value.field) == (2, "Wartosc")


def test_it_refuses_a_breakdown_it_cannot_store(tmp_path):
    path = tmp_path / "bdl.csv"
    path.write_text("Kod;Nazwa;Wykształcenie;Rok;Wartosc;Jednostka miary;Atrybut\n"
                    "012420401011;Miasto;wyższe;2023;12;osoba;\n", encoding="utf-8")
    with pytest.raises(UserError, match="Wykształcenie"):
        read_bdl(path)


def test_it_tells_bdls_dimension_columns_apart_by_their_values(tmp_path):
    """BDL names the column of a variable without breakdowns "Ogółem"; quoted cells and the
    trailing ";" are as its export writes them."""
    path = tmp_path / "bdl.csv"
    path.write_text('"Kod";"Nazwa";"Ogółem";"Rok";"Wartosc";"Jednostka miary";"Atrybut";\n'
                    '000000000000;"POLSKA";"ogółem";"2023";1 000;"osoba";"";\n'
                    '012420401011;"Miasto";"ogółem";"2023";1 212;"osoba";"";\n'
                    '012420401033;"Gmina";"ogółem";"2023";-;"osoba";"";\n', encoding="utf-8")
    table = read_bdl(path)
    assert table.not_teryt == 1 and table.dimensions == set()
    assert [(f.teryt, f.year, f.sex, f.ages, f.value) for f in table.figures] == [
        ("2401011", 2023, "", None, 1212), ("2401033", 2023, "", None, None)]


@pytest.mark.parametrize("measure", ["%", "na 1000 ludności"])
def test_it_refuses_a_table_of_rates_for_one_of_persons(tmp_path, measure):
    path = tmp_path / "bdl.csv"
    path.write_text(f'"Kod";"Nazwa";"ogółem;2023;[{measure}]"\n012420401011;"Miasto";5,1\n',
                    encoding="utf-8")
    with pytest.raises(UserError, match="not persons"):
        read_bdl(path)


def test_it_reads_a_workbooks_wide_header_written_over_several_rows(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Kod", "Nazwa", "kobiety", None, "mężczyźni", None])
    sheet.append([None, None, "0-17", "18-64", "0-17", "18-64"])
    sheet.append([None, None, 2023, 2023, 2023, 2023])
    sheet.append([None, None, "[osoba]", "[osoba]", "[osoba]", "[osoba]"])
    sheet.append([12420401011, "Miasto", 180, 470, 190, "-"])
    path = tmp_path / "bdl.xlsx"
    book.save(path)
    table = read_bdl(path)
    assert table.layout == "wide"
    assert [(f.teryt, f.year, f.sex, f.ages, f.value) for f in table.figures] == [
        ("2401011", 2023, "K", (0, 17), 180), ("2401011", 2023, "K", (18, 64), 470),
        ("2401011", 2023, "M", (0, 17), 190), ("2401011", 2023, "M", (18, 64), None)]


@pytest.mark.parametrize(("code", "name"), [
    ("020100000000", "DOLNOŚLĄSKIE"),  # voivodeship 01 by the digits read here
    ("012420401011", "Miasto (2)"),  # a rural gmina's name on an urban gmina's code
])
def test_it_refuses_codes_their_names_contradict(tmp_path, code, name):
    path = tmp_path / "bdl.csv"
    path.write_text(f'"Kod";"Nazwa";"ogółem;2023;[osoba]"\n{code};"{name}";5\n',
                    encoding="utf-8")
    with pytest.raises(UserError, match="BDL's scheme") as caught:
        read_bdl(path)
    assert caught.value.row == 2


def test_names_that_agree_with_the_codes_pass(tmp_path):
    path = tmp_path / "bdl.csv"
    path.write_text('"Kod";"Nazwa";"ogółem;2023;[osoba]"\n'
                    '012400000000;"ŚLĄSKIE";5\n012420401011;"Miasto (1)";3\n',
                    encoding="utf-8")
    assert [f.teryt for f in read_bdl(path).figures] == ["24", "2401011"]
