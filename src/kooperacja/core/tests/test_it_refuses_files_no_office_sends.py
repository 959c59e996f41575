"""Bad input: every malformed table, workbook, archive or XML file ends in a UserError that
names the file, never in a traceback, a hang or the machine's memory (docs/imports.md)."""

from __future__ import annotations

import contextlib
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperacja.core import limits
from kooperacja.core.errors import UserError
from kooperacja.core.links import is_safe_link
from kooperacja.core.submissions.layouts import get_layout
from kooperacja.core.submissions.reading import open_extract
from kooperacja.core.tables import read_table
from kooperacja.core.teryt import read_terc

PESEL_ROW = "44051401458;Kowalski;Jan;1944-05-14;Lipowa 1;Konotop\n"


def workbook(path, shared: str, sheet: str):
    """A minimal XLSX with the given shared strings and sheet XML, as a bomb is built."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType='
                   '"application/xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
                   f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                   '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{pkg}"><Relationship '
                   f'Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{rel}/sharedStrings" '
                   'Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{shared}</sst>')
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}">{sheet}</worksheet>')
    return path


def rows_of(sheet_rows: str, dimension: str = "A1:A2") -> str:
    return f'<dimension ref="{dimension}"/><sheetData>{sheet_rows}</sheetData>'


def read_all(path):
    table = read_table(path)
    return table.header, list(table.rows)


def test_it_says_a_header_only_file_has_no_rows(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("unit_code;year;count\n", encoding="utf-8")
    with pytest.raises(UserError, match="no rows"):
        read_all(path)


def test_it_names_the_row_and_column_of_a_cell_longer_than_a_spreadsheet_holds(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("a;b\n1;" + "x" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"row 2.*column 2"):
        read_all(path)


@pytest.mark.parametrize("line", ["a;" * 600_000, '"' + "x" * 200_000])
def test_it_refuses_an_endless_line_or_quote_with_its_row(tmp_path, line):
    path = tmp_path / "p.csv"
    path.write_text("a;b\n" + line + "\n", encoding="utf-8")
    with pytest.raises(UserError, match="row 2"):
        read_all(path)


def test_it_refuses_a_binary_file_as_not_text(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UserError, match="not a text"):
        read_all(path)


def test_it_never_lists_the_first_row_of_a_file_without_its_header(tmp_path):
    path = tmp_path / "mops.csv"
    path.write_text(PESEL_ROW, encoding="utf-8")
    with pytest.raises(UserError) as error:
        read_table(path).column("unit_code")
    assert "44051401458" not in str(error.value) and "Kowalski" not in str(error.value)


def test_it_stops_a_workbook_with_one_huge_shared_string_before_reading_it(tmp_path):
    path = workbook(tmp_path / "bomb.xlsx", "<si><t>a</t></si><si><t>" + "A" * 50_000_000
                    + "</t></si>", rows_of('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))
    for read in (read_all, lambda p: open_extract(p, get_layout("mops"))):
        with pytest.raises(UserError, match="unpacks to|longer than"):
            read(path)


def test_it_refuses_a_long_shared_string_that_packs_badly(tmp_path):
    text = "".join(chr(0x41 + (i * 7919) % 26) for i in range(40_000))
    path = workbook(tmp_path / "long.xlsx", f"<si><t>a</t></si><si><t>{text}</t></si>",
                    rows_of('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))
    with pytest.raises(UserError, match="longer than 32767"):
        read_all(path)


@pytest.mark.parametrize("sheet", [
    rows_of('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', "A1:A30000000"),
    rows_of('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="30000000">'
            '<c r="A30000000" t="s"><v>0</v></c></row>'),
    rows_of('<row r="1"><c r="ZZZZ1" t="s"><v>0</v></c></row>'),
], ids=["declared rows", "written rows", "columns"])
def test_it_refuses_a_sheet_larger_than_excel_allows_without_walking_it(tmp_path, sheet):
    path = workbook(tmp_path / "rows.xlsx", "<si><t>unit_code</t></si>", sheet)
    with pytest.raises(UserError, match="more than"):
        read_all(path)


def test_it_refuses_zip_members_outside_the_archive_and_bombs(tmp_path):
    slip = tmp_path / "slip.zip"
    with zipfile.ZipFile(slip, "w") as z:
        z.writestr("../../etc/x.csv", "lokalny_id,numer_porzadkowy\n")
    with pytest.raises(UserError, match=r"'\.\.'"):
        limits.check_archive(slip)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.gml", b" " * (64 << 20))
    with pytest.raises(UserError, match="unpacks to 64 MB"):
        limits.check_archive(bomb)


def test_it_leaves_xml_entities_unexpanded(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "terc.xml"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY l0 "lol">{lol}'
                    '<!ENTITY x SYSTEM "file:///etc/passwd">]><teryt><catalog><row>'
                    "<WOJ>&l9;&x;</WOJ></row></catalog></teryt>", encoding="utf-8")
    with pytest.raises(UserError) as error:
        read_terc(path)
    assert "root:" not in str(error.value) and "lollol" not in str(error.value)


@pytest.mark.parametrize("link, safe", [
    ("https://mops.example.pl/", True), ("http://a.pl", True), ("mailto:a@b.pl", True),
    ("tel:+48221234567", True), ("javascript:alert(document.domain)", False),
    ("JaVaScRiPt:alert(1)", False), ("java\tscript:alert(1)", False),
    (" javascript:alert(1)", False), ("data:text/html,<script>", False), ("https:", False),
])
def test_it_links_only_web_pages_mail_and_phones(link, safe):
    assert is_safe_link(link) is safe


CSV_BYTES = st.binary(max_size=600) | st.lists(
    st.sampled_from(["unit_code", "year", "count", ";", ",", '"', "\n", "\r", "\x00", "ł",
                     "\xff", "=1+1", "-3", "1 234", "\t"]), max_size=60,
).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=CSV_BYTES)
def test_it_reads_any_mutated_csv_or_says_what_is_wrong(tmp_path, data):
    path = tmp_path / "p.csv"
    path.write_bytes(b"unit_code;year;count\nE1;2025;3\n" + data)
    with contextlib.suppress(UserError):
        read_all(path)
    try:
        for _ in open_extract(path, get_layout("aggregate")).chunks():
            pass
    except (UserError, ValueError) as exc:  # LayoutError and ReadError are ValueErrors
        assert str(exc)
