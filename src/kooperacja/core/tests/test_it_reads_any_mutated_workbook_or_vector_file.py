"""Bad input beyond CSV: a valid workbook (XLSX), boundary file (GeoJSON, GML) or
address-register file (PRG GML), mutated the ways a broken export, a truncated upload or a
hostile sender mutates it, is either read or refused with a UserError that names the file
and never quotes a cell's value; no other exception, no hang (issue 16, "Bad input,
limits"; the CSV reader's twin is in test_it_refuses_files_no_office_sends.py)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kooperacja.core.boundaries import read_boundaries
from kooperacja.core.errors import UserError
from kooperacja.core.prg.reader import read_addresses
from kooperacja.core.submissions.layouts import get_layout
from kooperacja.core.submissions.reading import open_extract
from kooperacja.core.tables import read_table
from kooperacja.testing import SAMPLE_DATA, write_layer

# A value of a data cell, as a PESEL would be: no message may quote it.
SECRET = "44051401458"
FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

XML_PIECES = [
    b"<",
    b">",
    b"/>",
    b"</",
    b'"',
    b"=",
    b"&",
    b"&amp;",
    b"&lol;",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"]]>",
    b"<![CDATA[",
    b"<!--",
    b"-->",
    b"<?xml version='1.0'?>",
    b'<!DOCTYPE x [<!ENTITY lol "lol">]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    b'r="A1048577"',
    b'r="XFE1"',
    b'r="0"',
    b'r="-1"',
    b'r="A"',
    b'ref="A1:ZZZ9"',
    b'<c r="B2" t="s"><v>99</v></c>',
    b'<c r="B2" t="n"><v>x</v></c>',
    b'<c r="B2" t="d"><v>never</v></c>',
    b'<c r="B2" t="b"><v>7</v></c>',
    b'<c r="B2" t="e"><v>#REF!</v></c>',
    b'<c r="B2"><f>1/0</f></c>',
    b'<c r="B2" s="999"><v>1</v></c>',
    b"<v>1e999</v>",
    b"<v>-0</v>",
    b'<row r="3">',
    b"</row>",
    b"<si><t>",
    b"</t></si>",
    b'count="-5"',
    b'<sheet name="S" sheetId="1" r:id="rId9"/>',
    "ł".encode(),
    b"\r\n",
    b"\t",
]
JSON_PIECES = [
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b",",
    b":",
    b"null",
    b"true",
    b"0",
    b"-1",
    b"1e400",
    b"-1e308",
    b"NaN",
    b"Infinity",
    b"1.7976931348623157e309",
    b"\x00",
    b"\\u0000",
    b"\\ud800",
    b"\xff",
    b"\xc3",
    "ł".encode(),
    b'"type":"Point"',
    b'"type":"LineString"',
    b'"type":"GeometryCollection"',
    b'"coordinates":[]',
    b'"coordinates":[[[0,0],[0,0],[0,0],[0,0]]]',
    b'"coordinates":[[[1e300,0],[0,1e300],[-1e300,0],[1e300,0]]]',
    b'"coordinates":[[[500,0],[0,100],[1,1],[500,0]]]',
    b'"crs":{"type":"name","properties":{"name":"EPSG:2180"}}',
    b'"crs":{"type":"name","properties":{"name":"EPSG:999999"}}',
    b'"kod":null',
    b'"kod":"E1"',
    b'"kod":[1,2]',
    b'"nazwa":{"a":1}',
    b'"nazwa":""',
    b'"features":null',
    b'"geometry":null',
    b"[" * 50,
    b"]" * 50,
]


def mutated(data: bytes, pieces: list[bytes]) -> st.SearchStrategy[bytes]:
    """``data`` with a few edits: a piece of syntax or random bytes put in, a span cut out,
    doubled or replaced, or the rest cut off (a truncated upload)."""
    piece = st.sampled_from(pieces) | st.binary(min_size=1, max_size=12)
    position = st.integers(0, max(len(data) - 1, 0))
    edit = st.tuples(
        st.sampled_from(["insert", "delete", "replace", "double", "truncate"]),
        position,
        st.integers(1, 40),
        piece,
    )

    def apply(edits: list[tuple[str, int, int, bytes]]) -> bytes:
        out = data
        for kind, at, length, text in edits:
            at = min(at, len(out))
            if kind == "insert":
                out = out[:at] + text + out[at:]
            elif kind == "delete":
                out = out[:at] + out[at + length :]
            elif kind == "replace":
                out = out[:at] + text + out[at + len(text) :]
            elif kind == "double":
                out = out[: at + length] + out[at : at + length] + out[at + length :]
            else:
                out = out[:at]
        return out

    return st.lists(edit, min_size=1, max_size=4).map(apply)


def assert_clean(error: UserError, path: Path) -> None:
    """A refusal a person can act on: it names the file, and quotes no cell."""
    message = str(error)
    assert message and path.name in message
    assert SECRET not in message


# --- XLSX --------------------------------------------------------------------------------


def _workbook_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Kod jednostki", "Kod", "Liczba", "Uwagi"])
    sheet.append(["E1", "1", 3, SECRET])
    sheet.append(["E2", "2", 4.0, SECRET])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WORKBOOK = _workbook_bytes()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


MEMBERS = _members(WORKBOOK)


def _rezipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    """A workbook whose XML members are mutated (it still opens as a ZIP), or whose ZIP
    bytes are."""
    if draw(st.booleans()):
        return draw(mutated(WORKBOOK, [b"PK\x03\x04", b"PK\x01\x02", b"\x00" * 8]))
    members = dict(MEMBERS)
    for name in draw(
        st.lists(st.sampled_from(sorted(members)), min_size=1, max_size=2, unique=True)
    ):
        members[name] = draw(mutated(members[name], XML_PIECES))
    if draw(st.booleans()):
        members.pop(draw(st.sampled_from(sorted(members))))
    return _rezipped(members)


def read_workbook_both_ways(path: Path) -> None:
    try:
        table = read_table(path)
        table.column("Kod jednostki")
        for _ in table.rows:
            pass
    except UserError as error:
        assert_clean(error, path)
    try:
        for _ in open_extract(path, get_layout("aggregate")).chunks():
            pass
    except UserError as error:
        assert_clean(error, path)


def test_it_reads_the_unmutated_workbook(tmp_path):
    path = tmp_path / "counts.xlsx"
    path.write_bytes(WORKBOOK)
    rows = list(read_table(path).rows)
    assert rows == [(2, ["E1", "1", "3", SECRET]), (3, ["E2", "2", "4", SECRET])]
    chunks = list(open_extract(path, get_layout("aggregate")).chunks())
    assert chunks[0]["count"].tolist() == ["3", "4"]


@FUZZ
@given(data=workbooks())
@example(
    data=_rezipped(
        MEMBERS
        | {
            "xl/worksheets/sheet1.xml": MEMBERS["xl/worksheets/sheet1.xml"].replace(
                b"<v>3</v>", b"<v>x</v>"
            )
        }
    )
)
@example(
    data=_rezipped(
        MEMBERS
        | {
            "xl/worksheets/sheet1.xml": MEMBERS["xl/worksheets/sheet1.xml"].replace(
                b'r="A2"', b'r="A2" t="d"'
            )
        }
    )
)
@example(data=_rezipped({k: v for k, v in MEMBERS.items() if k != "xl/workbook.xml"}))
def test_it_reads_any_mutated_workbook_or_says_what_is_wrong(tmp_path, data):
    path = tmp_path / "counts.xlsx"
    path.write_bytes(data)
    read_workbook_both_ways(path)


# --- GeoJSON and GML boundaries ----------------------------------------------------------


def _geojson() -> bytes:
    features = []
    for i, code in enumerate(["E1", "E2"]):
        x = 19 + 0.01 * i
        ring = [[x, 52], [x + 0.01, 52], [x + 0.01, 52.01], [x, 52.01], [x, 52]]
        properties = {"kod": code, "nazwa": f"Osiedle {code}", "opis": SECRET}
        geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append(
            json.dumps({"type": "Feature", "properties": properties, "geometry": geometry})
        )
    return (
        '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":'
        '"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[' + ",".join(features) + "]}"
    ).encode()


GEOJSON = _geojson()


def read_units(path: Path) -> None:
    try:
        read_boundaries(path, "kod", "nazwa")
    except UserError as error:
        assert_clean(error, path)


def test_it_reads_the_unmutated_boundary_files(tmp_path):
    path = tmp_path / "units.geojson"
    path.write_bytes(GEOJSON)
    assert read_boundaries(path, "kod", "nazwa").codes == ["E1", "E2"]
    assert read_boundaries(_gml(tmp_path), "kod", "nazwa").codes == ["E1", "E2"]


@FUZZ
@given(data=mutated(GEOJSON, JSON_PIECES))
@example(data=GEOJSON.replace(b"[19.01, 52]", b"[1e300, 52]"))
@example(data=GEOJSON.replace(b"[19.0, 52]", b"[NaN, 52]"))
@example(data=GEOJSON.replace(b'"E2"', b'"E1"'))
@example(data=GEOJSON.replace(b"CRS84", b"EPSG::2180"))
def test_it_reads_any_mutated_geojson_or_says_what_is_wrong(tmp_path, data):
    path = tmp_path / "units.geojson"
    path.write_bytes(data)
    read_units(path)


def _gml(folder: Path) -> Path:
    import shapely

    path = folder / "units.gml"
    if not path.exists():
        write_layer(
            path,
            [shapely.box(19, 52, 19.01, 52.01), shapely.box(19.01, 52, 19.02, 52.01)],
            {"kod": ["E1", "E2"], "nazwa": ["Osiedle E1", "Osiedle E2"], "opis": [SECRET, SECRET]},
            "EPSG:4326",
            driver="GML",
        )
    return path


@pytest.fixture(scope="module")
def gml_bytes(tmp_path_factory) -> bytes:
    return _gml(tmp_path_factory.mktemp("gml")).read_bytes()


@FUZZ
@given(data=st.data())
def test_it_reads_any_mutated_boundary_gml_or_says_what_is_wrong(tmp_path, gml_bytes, data):
    path = tmp_path / "units.gml"
    path.write_bytes(data.draw(mutated(gml_bytes, XML_PIECES)))
    for stale in tmp_path.glob("units.gfs"):  # GDAL's schema of the previous example
        stale.unlink()
    read_units(path)


# --- PRG address register (GML models 2012 and 2021) -------------------------------------

PRG = {
    name: (SAMPLE_DATA / "prg" / name).read_bytes()
    for name in ("prg_model2012_sample.xml", "prg_model2021_sample.gml")
}


@FUZZ
@given(data=st.data())
def test_it_reads_any_mutated_register_file_or_says_what_is_wrong(tmp_path, data):
    name = data.draw(st.sampled_from(sorted(PRG)))
    path = tmp_path / name
    path.write_bytes(data.draw(mutated(PRG[name], XML_PIECES)))
    skipped: list[UserError] = []
    try:
        for _ in read_addresses(path, on_skip=skipped.append):
            pass
    except UserError as error:
        assert str(error) and path.name in str(error)
    assert all(str(error) for error in skipped)


def test_it_names_the_row_of_a_cell_openpyxl_cannot_read(tmp_path):
    sheet = MEMBERS["xl/worksheets/sheet1.xml"].replace(b"<v>3</v>", b"<v>x</v>")
    path = tmp_path / "counts.xlsx"
    path.write_bytes(_rezipped(MEMBERS | {"xl/worksheets/sheet1.xml": sheet}))
    with pytest.raises(UserError, match=r"counts\.xlsx: row 2: not a readable XLSX workbook"):
        list(read_table(path).rows)
    with pytest.raises(UserError, match=r"counts\.xlsx: row 2: not a readable XLSX workbook"):
        list(open_extract(path, get_layout("aggregate")).chunks())


def test_it_names_the_feature_whose_ring_geos_refuses(tmp_path):
    path = tmp_path / "units.geojson"
    path.write_bytes(GEOJSON.replace(b"[19.0, 52]", b"[NaN, 52]"))
    with pytest.raises(UserError, match=r"feature 1 \(E1\): field geometry: broken geometry"):
        read_boundaries(path, "kod", "nazwa")
