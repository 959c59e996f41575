"""Reading CSV and XLSX tables: how many rows a progress bar should expect."""

from __future__ import annotations

from openpyxl import Workbook

from kooperacja.core.tables import data_rows, read_table


def test_it_counts_the_rows_after_the_header_that_reading_yields(tmp_path):
    path = tmp_path / "adresy.csv"
    path.write_bytes("adres;miasto\r\nPodgórna 2;Konotop\r\nLipowa 1;Konotop\r\n".encode("cp1250"))
    assert data_rows(path) == len(list(read_table(path).rows)) == 2
    (tmp_path / "pusty.csv").write_bytes(b"")
    assert data_rows(tmp_path / "pusty.csv") == 0


def test_it_leaves_a_workbook_uncounted(tmp_path):
    workbook = Workbook()
    workbook.active.append(["adres"])
    workbook.save(tmp_path / "adresy.xlsx")
    assert data_rows(tmp_path / "adresy.xlsx") is None


def test_it_reads_the_encoding_of_the_whole_file_as_the_extracts_reader_does(tmp_path):
    """One reading path: a file whose Polish letters come only after its first lines is
    read in its encoding by both readers (the tables' once judged by the start alone)."""
    from kooperacja.core.submissions.reading import detect_encoding as extracts_encoding

    path = tmp_path / "adresy.csv"
    lines = ["adres;miasto", *(f"Lipowa {n};Konotop" for n in range(30_000)), "Źródlana 1;Łódź"]
    path.write_bytes("\r\n".join(lines).encode("iso-8859-2") + b"\r\n")
    table = read_table(path)
    assert table.encoding == extracts_encoding(path) == "iso-8859-2"
    assert list(table.rows)[-1][1] == ["Źródlana 1", "Łódź"]
