from __future__ import annotations

from pathlib import Path

import pytest

from kooperacja.core.prg import PrgReadError, read_addresses
from kooperacja.core.prg.crs import position_system
from kooperacja.core.prg.gml import PendingPoints


def test_it_refuses_a_file_that_is_no_register(tmp_path: Path) -> None:
    path = tmp_path / "granice.gml"
    path.write_text('<?xml version="1.0"?><FeatureCollection/>', encoding="utf-8")
    with pytest.raises(PrgReadError, match="granice.gml: not a PRG address file"):
        list(read_addresses(path))


def test_it_refuses_a_format_that_does_not_match_the_content(sample_2012: Path) -> None:
    with pytest.raises(PrgReadError, match="in format prg2012, not prg2021"):
        list(read_addresses(sample_2012, format="prg2021"))


def test_it_refuses_an_unknown_format_name(sample_2012: Path) -> None:
    with pytest.raises(PrgReadError, match="unknown format shp"):
        list(read_addresses(sample_2012, format="shp"))


def test_it_reports_a_truncated_file(sample_2021: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.gml"
    path.write_bytes(sample_2021.read_bytes()[:5000])
    with pytest.raises(PrgReadError, match="cut.gml: the XML is malformed at line"):
        list(read_addresses(path))


def test_it_splits_points_into_chunks_of_the_size_asked(sample_2021: Path) -> None:
    assert [len(chunk) for chunk in read_addresses(sample_2021, chunk_size=2)] == [2, 1]


@pytest.mark.parametrize(("srs_name", "northing_first"), [
    ("urn:ogc:def:crs:EPSG::2180", True),
    ("http://www.opengis.net/def/crs/EPSG/0/2180", True),
    ("EPSG:2180", False),
    ("http://www.opengis.net/gml/srs/epsg.xml#2180", False),
    ("urn:ogc:def:crs:EPSG::3857", False),
])
def test_it_takes_the_axis_order_from_the_form_of_the_srs_name(
    srs_name: str, northing_first: bool
) -> None:
    assert position_system(srs_name).northing_first is northing_first


def test_it_holds_waiting_points_on_disk_beyond_the_limit() -> None:
    known: set[int] = set()
    pending = PendingPoints(lambda point: ("row", point) if point in known else None, limit=10)
    released = []
    for point in range(25):
        released += pending.add(point)
        if point == 4:
            known.update(range(5))
    assert released == [("row", point) for point in range(5)]
    assert sorted(pending.drain()) == list(range(5, 25))
    assert list(pending.drain()) == []
