from __future__ import annotations

from pathlib import Path

import pytest

from kooperacja.core.prg import PrgReadError
from kooperacja.core.prg.tests.points import by_address, read_records

RZEPIN_STREET = (
    "PL.ZIPIN.4877.EMUiA_75927449-9324-4148-b330-01b079a77c61_2025-11-06T15_01_29_02_00"
)


def test_it_places_every_point_in_lubuskie(sample_2021: Path) -> None:
    records = read_records(sample_2021)
    assert len(records) == 3
    for point in records:
        assert 14.5 < point["lon"] < 15.6
        assert 52.0 < point["lat"] < 52.8
        assert point["teryt_gmina"].startswith("08")


def test_it_reads_a_village_address_without_a_street(sample_2021: Path) -> None:
    point = by_address(read_records(sample_2021))[("Żubrów", "", "21A")]
    assert point["ulic"] == ""
    assert point["simc"] == "0188009"
    assert point["teryt_gmina"] == "0807043"
    assert point["postcode"] == "69-200"
    assert (point["x"], point["y"]) == pytest.approx((238651.83, 519741.27))


def test_it_resolves_a_street_defined_after_its_point(sample_2021: Path) -> None:
    point = by_address(read_records(sample_2021))[("Rzepin", "Inwalidów Wojennych", "1A")]
    assert point["ulic"] == "06921"
    assert point["simc"] == "0935682"
    assert point["source_id"] == "07bcb481-4975-4c77-ab58-c8e4b9e05362"
    assert point["lon"] == pytest.approx(14.839, abs=0.01)
    assert point["lat"] == pytest.approx(52.343, abs=0.01)


def test_it_resolves_a_locality_defined_after_its_point(sample_2021: Path) -> None:
    point = by_address(read_records(sample_2021))[("Lubniewice", "Plac Kasztanowy", "2A")]
    assert point["teryt_gmina"] == "0807023"


def test_it_names_the_point_whose_street_is_missing(sample_2021: Path, tmp_path: Path) -> None:
    broken = tmp_path / "missing_street.gml"
    text = sample_2021.read_text(encoding="utf-8")
    broken.write_text(text.replace(f'gml:id="{RZEPIN_STREET}"', 'gml:id="other"'),
                      encoding="utf-8")
    with pytest.raises(PrgReadError) as raised:
        read_records(broken)
    assert "55fecd0f-80b5-11eb-a401-e771c31c74f2" in str(raised.value)
    assert "street" in str(raised.value)
    assert "missing_street.gml" in str(raised.value)


def test_it_leaves_out_unusable_points_when_asked(sample_2021: Path, tmp_path: Path) -> None:
    broken = tmp_path / "no_position.gml"
    text = sample_2021.read_text(encoding="utf-8")
    broken.write_text(text.replace("<gml:pos>238651.83 519741.27</gml:pos>", ""),
                      encoding="utf-8")
    skipped: list[PrgReadError] = []
    records = read_records(broken, on_skip=skipped.append)
    assert len(records) == 2
    assert len(skipped) == 1
    assert skipped[0].feature is not None and "9c0df5e5" in skipped[0].feature
    assert "position" in str(skipped[0])


def test_it_follows_the_axis_order_the_srs_name_declares(
    sample_2021: Path, tmp_path: Path
) -> None:
    # The same point written in the URN form, which puts the northing first for EPSG:2180.
    urn = tmp_path / "urn.gml"
    text = sample_2021.read_text(encoding="utf-8").replace(
        '<gml:Point srsName="EPSG:2180" srsDimension="2">\n\t\t\t\t\t<gml:pos>238651.83 519741.27',
        '<gml:Point srsName="urn:ogc:def:crs:EPSG::2180" srsDimension="2">\n'
        "\t\t\t\t\t<gml:pos>519741.27 238651.83",
    )
    assert "urn:ogc:def:crs:EPSG::2180" in text
    urn.write_text(text, encoding="utf-8")
    point = by_address(read_records(urn))[("Żubrów", "", "21A")]
    assert (point["x"], point["y"]) == pytest.approx((238651.83, 519741.27))
