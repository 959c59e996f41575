from __future__ import annotations

from pathlib import Path

import pytest

from kooperacja.core.prg.tests.points import by_address, read_records


def test_it_places_podgorna_2_in_konotop(sample_2012: Path) -> None:
    point = by_address(read_records(sample_2012))[("Konotop", "Podgórna", "2")]
    assert point["lon"] == pytest.approx(15.912, abs=0.001)
    assert point["lat"] == pytest.approx(51.930, abs=0.001)


def test_it_reads_the_position_northing_first(sample_2012: Path) -> None:
    point = by_address(read_records(sample_2012))[("Konotop", "Podgórna", "2")]
    # <gml:pos>456005.140000001 287772.37</gml:pos> under urn:ogc:def:crs:EPSG::2180
    assert point["x"] == pytest.approx(287772.37)
    assert point["y"] == pytest.approx(456005.14)


def test_it_fills_codes_from_components_defined_after_the_points(sample_2012: Path) -> None:
    records = read_records(sample_2012)
    assert len(records) == 2
    for point in records:
        assert point["teryt_gmina"] == "0804032"
        assert point["simc"] == "0910140"
        assert point["ulic"] == "16742"
        assert point["postcode"] == "67-416"
        assert point["status"] == "istniejacy"
        assert point["locality_part"] == ""
    assert {r["source_id"] for r in records} == {
        "fd9c9319-0a6a-44b4-972a-1e6c4ec0d4ca", "5baa8bef-75ef-4241-a2fe-9d4137845693",
    }
