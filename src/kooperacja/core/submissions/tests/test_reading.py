from __future__ import annotations

import datetime
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from kooperacja.core.submissions.layouts import LayoutError, get_layout, load_mapping
from kooperacja.core.submissions.reading import ReadError, detect_encoding, open_extract

MOPS_HEADER = (
    "PESEL;Nazwisko;Imię;Data urodzenia;Adres;Miejscowość;Kod pocztowy;Nr rodziny;Powody;"
    "Formy pomocy"
)
ROW = (
    "44051401359;Ślązak;Źdźisław;14.05.1944;ul. Świętego Ducha 5 m. 3;Zielona Góra;65-001;R1;1, 4;"
)


def write(tmp_path: Path, text: str, encoding: str, name: str = "extract.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read_all(path: Path, layout: str = "mops", **kwargs: object) -> pd.DataFrame:
    extract = open_extract(path, get_layout(layout), **kwargs)  # type: ignore[arg-type]
    return pd.concat(list(extract.chunks()), ignore_index=True)


@pytest.mark.parametrize("encoding", ["cp1250", "iso-8859-2", "utf-8", "utf-8-sig"])
def test_it_detects_the_encoding_by_polish_letters(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, f"{MOPS_HEADER}\n{ROW}\n", encoding)
    assert detect_encoding(path) == encoding
    rows = read_all(path)
    assert rows.loc[0, "surname"] == "Ślązak"
    assert rows.loc[0, "first_name"] == "Źdźisław"
    assert rows.loc[0, "address"] == "ul. Świętego Ducha 5 m. 3"


def test_it_tells_cp1250_from_iso_8859_2_on_one_lowercase_letter(tmp_path: Path) -> None:
    row = "44051401359;Kos;Jaś;;Długa 1;Gubin;;R1;1;"
    assert detect_encoding(write(tmp_path, f"{MOPS_HEADER}\n{row}\n", "cp1250")) == "cp1250"
    iso = write(tmp_path, f"{MOPS_HEADER}\n{row}\n", "iso-8859-2", "iso.csv")
    assert detect_encoding(iso) == "iso-8859-2"


def test_it_finds_non_ascii_bytes_far_into_the_file(tmp_path: Path) -> None:
    ascii_rows = "44051401359;Kos;Jan;;Dluga 1;Gubin;;R1;1;\n" * 60_000
    path = write(tmp_path, f"{MOPS_HEADER}\n{ascii_rows}{ROW}\n", "iso-8859-2")
    assert detect_encoding(path) == "iso-8859-2"


def test_it_obeys_an_encoding_override(tmp_path: Path) -> None:
    header = MOPS_HEADER.replace("Miejscowość", "Miejscowosc")
    path = write(tmp_path, f"{header}\n{ROW}\n", "cp1250")
    rows = read_all(path, encoding="iso-8859-2")
    assert rows.loc[0, "surname"] != "Ślązak"


def test_it_says_what_to_do_when_the_override_is_wrong(tmp_path: Path) -> None:
    path = write(tmp_path, f"{MOPS_HEADER}\n{ROW}\n", "cp1250")
    with pytest.raises(ReadError, match="--encoding"):
        read_all(path, encoding="utf-8")


def test_it_reads_comma_separated_files_with_quoted_multi_value_cells(tmp_path: Path) -> None:
    header = MOPS_HEADER.replace(";", ",")
    row = '44051401359,Kos,Jan,1944-05-14,"Długa 1, m. 2",Gubin,,R1,"1, 4","posiłek|kurs"'
    rows = read_all(write(tmp_path, f"{header}\n{row}\n", "utf-8"))
    assert rows.loc[0, "address"] == "Długa 1, m. 2"
    assert rows.loc[0, "reasons"] == "1, 4"


def test_it_matches_headers_regardless_of_case_diacritics_and_spacing(tmp_path: Path) -> None:
    header = (
        "pesel;NAZWISKO;imie;data  urodzenia;Ulica;nr. domu;Nr_lokalu;MIEJSCOWOSC;Nr rodziny;"
        "POWODY;formy pomocy"
    )
    row = "44051401359;Kos;Jan;;Długa;1;;Gubin;R1;1;"
    extract = open_extract(write(tmp_path, f"{header}\n{row}\n", "utf-8"), get_layout("mops"))
    assert extract.columns["first_name"] == "imie"
    assert extract.columns["building"] == "nr. domu"
    assert "address" not in extract.columns


def test_it_numbers_rows_as_a_spreadsheet_does_across_chunks_and_blank_lines(
    tmp_path: Path,
) -> None:
    body = "\n".join(f"44051401359;Kos;Jan;;Długa {i};Gubin;;R{i};1;" for i in range(5))
    text = f"Wykaz klientów\n{MOPS_HEADER}\n{body}\n\n{body}\n"
    extract = open_extract(write(tmp_path, text, "utf-8"), get_layout("mops"))
    chunks = list(extract.chunks(rows=3))
    rows = pd.concat(chunks)["row"].tolist()
    assert rows == [3, 4, 5, 6, 7, 9, 10, 11, 12, 13]


def test_it_names_the_file_and_the_missing_column(tmp_path: Path) -> None:
    header = MOPS_HEADER.replace(";Powody", ";Coś innego")
    path = write(tmp_path, f"{header}\n{ROW}\n", "utf-8", "mops_2025.csv")
    with pytest.raises(LayoutError) as error:
        open_extract(path, get_layout("mops"))
    message = str(error.value)
    assert "mops_2025.csv" in message and '"Powody"' in message and "mapping" in message


def test_it_asks_for_an_address_or_its_parts(tmp_path: Path) -> None:
    header = MOPS_HEADER.replace(";Adres", ";Ulica")
    path = write(tmp_path, f"{header}\n{ROW}\n", "utf-8")
    with pytest.raises(LayoutError, match='"Adres" nor "Ulica" \\+ "Nr domu"'):
        open_extract(path, get_layout("mops"))


def test_it_never_repeats_the_first_row_in_a_missing_column_error(tmp_path: Path) -> None:
    path = write(tmp_path, f"{ROW}\n{ROW}\n", "utf-8")
    with pytest.raises(LayoutError) as error:
        open_extract(path, get_layout("mops"))
    assert "44051401359" not in str(error.value) and "Ślązak" not in str(error.value)


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_it_reads_columns_through_a_user_mapping(tmp_path: Path, suffix: str) -> None:
    columns = {"pesel": "Nr ewid.", "reasons": "Przyczyny przyznania"}
    mapping_file = tmp_path / f"mapping{suffix}"
    if suffix == ".json":
        mapping_file.write_text(json.dumps(columns))
    else:
        mapping_file.write_text(
            "[columns]\n" + "".join(f'{k} = "{v}"\n' for k, v in columns.items())
        )
    header = MOPS_HEADER.replace("PESEL", "Nr ewid.").replace("Powody", "Przyczyny przyznania")
    rows = read_all(
        write(tmp_path, f"{header}\n{ROW}\n", "utf-8"), mapping=load_mapping(mapping_file)
    )
    assert rows.loc[0, "pesel"] == "44051401359"
    assert rows.loc[0, "reasons"] == "1, 4"


def test_it_refuses_a_mapping_to_a_field_the_layout_lacks(tmp_path: Path) -> None:
    path = write(tmp_path, f"{MOPS_HEADER}\n{ROW}\n", "utf-8")
    with pytest.raises(LayoutError, match="instruments"):
        open_extract(path, get_layout("mops"), mapping={"instruments": "X"})


def test_it_reads_xlsx_with_a_title_row_numbers_and_dates(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Wykaz bezrobotnych, PUP"])
    sheet.append(
        [
            "PESEL",
            "Nazwisko",
            "Imię",
            "Ulica",
            "Nr domu",
            "Miejscowość",
            "Kategorie",
            "Instrumenty",
            "Data rejestracji",
        ]
    )
    sheet.append(
        [
            2211307589,
            "Żak",
            "Ewa",
            "Długa",
            5,
            "Gubin",
            "do 30|pomoc społeczna",
            "staż",
            datetime.datetime(2025, 3, 1),
        ]
    )
    sheet.append([None] * 9)
    sheet.append(["44051401359", "Kos", "Jan", "Krótka", "7a", "Gubin", "", "", "2025-01-02"])
    path = tmp_path / "pup.xlsx"
    workbook.save(path)
    rows = read_all(path, "pup")
    assert rows["row"].tolist() == [3, 5]
    assert rows.loc[0, "pesel"] == "02211307589"
    assert rows.loc[0, "building"] == "5"
    assert rows.loc[0, "registration_date"] == "2025-03-01"
    assert rows.loc[1, "surname"] == "Kos"


def test_it_reads_an_aggregate_file(tmp_path: Path) -> None:
    text = "Kod jednostki;Kod;Liczba\n0862011;1;12\n0862011;4;1 234,0\n"
    rows = read_all(write(tmp_path, text, "utf-8"), "aggregate")
    assert rows["count"].tolist() == ["12", "1 234,0"]
