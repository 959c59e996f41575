"""The fast GML reader gives what an XML parser gives, whatever the file's bytes look like.

Small blocks make a sample file span many blocks, so points, their links and the
dictionaries they link to fall into different blocks and different worker processes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kooperacja.core.prg import PrgReadError, gml
from kooperacja.core.prg.tests.points import read_records

RZEPIN_STREET_NAME = "<prgad:nazwaPelna>Inwalidów Wojennych</prgad:nazwaPelna>"


def _sorted(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda record: record["source_id"])


@pytest.fixture(params=["sample_2012", "sample_2021"])
def sample(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("block_bytes", [200, 1500])
def test_small_blocks_read_the_same_points(
    sample: Path, block_bytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _sorted(read_records(sample))
    monkeypatch.setattr(gml, "BLOCK_BYTES", block_bytes)
    assert _sorted(read_records(sample)) == expected


def test_a_file_in_another_encoding_reads_the_same(sample_2021: Path, tmp_path: Path) -> None:
    latin2 = tmp_path / "latin2.gml"
    text = sample_2021.read_text(encoding="utf-8")
    latin2.write_bytes(text.replace('encoding="UTF-8"', 'encoding="ISO-8859-2"')
                       .encode("iso-8859-2"))
    assert _sorted(read_records(latin2)) == _sorted(read_records(sample_2021))


@pytest.mark.parametrize("block_bytes", [200, 4 << 20])
def test_comments_cdata_and_entities_are_read_as_a_parser_reads_them(
    sample_2021: Path, tmp_path: Path, block_bytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gml, "BLOCK_BYTES", block_bytes)
    text = sample_2021.read_text(encoding="utf-8")
    assert RZEPIN_STREET_NAME in text
    edited = tmp_path / "edited.gml"
    edited.write_text(
        text.replace(RZEPIN_STREET_NAME,
                     "<!-- </prgad:AD_UlicaPlac> a comment with a tag inside -->"
                     "<prgad:nazwaPelna><![CDATA[Inwalidów <Wojennych>]]> &amp; &#379;"
                     "</prgad:nazwaPelna>")
        .replace("<prgad:numerPorzadkowy>21A</prgad:numerPorzadkowy>",
                 "<?note before the number?><prgad:numerPorzadkowy >21A</prgad:numerPorzadkowy>"),
        encoding="utf-8",
    )
    streets = {record["street"] for record in read_records(edited)}
    assert "Inwalidów <Wojennych> & Ż" in streets
    assert "21A" in {record["number"] for record in read_records(edited)}


def test_other_namespace_prefixes_read_the_same(sample_2021: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.gml"
    text = sample_2021.read_text(encoding="utf-8")
    renamed.write_text(text.replace("prgad:", "ad:").replace("xmlns:prgad=", "xmlns:ad="),
                       encoding="utf-8")
    assert _sorted(read_records(renamed)) == _sorted(read_records(sample_2021))


def _left_open(text: str) -> bytes:
    return text.replace("</prgad:AD_PunktAdresowy>", "", 1).encode()


def _never_opened(text: str) -> bytes:
    return re.sub(r"<prgad:AD_PunktAdresowy[^>]*>", "", text, count=1).encode()


def _partly_windows_1250(text: str) -> bytes:
    before, after = text.split(RZEPIN_STREET_NAME)
    return before.encode() + RZEPIN_STREET_NAME.encode("cp1250") + after.encode()


@pytest.mark.parametrize("block_bytes", [200, 4 << 20])
@pytest.mark.parametrize("damage", [_left_open, _never_opened, _partly_windows_1250])
def test_a_broken_file_is_reported_with_the_line_where_it_breaks(
    sample_2021: Path, tmp_path: Path, block_bytes: int, damage: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gml, "BLOCK_BYTES", block_bytes)
    broken = tmp_path / "broken.gml"
    broken.write_bytes(damage(sample_2021.read_text(encoding="utf-8")))
    with pytest.raises(PrgReadError, match=r"broken.gml: the XML is malformed at line \d+"):
        read_records(broken)


def test_bad_points_found_in_worker_processes_keep_their_message(
    sample_2021: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gml, "BLOCK_BYTES", 200)
    broken = tmp_path / "no_number.gml"
    text = sample_2021.read_text(encoding="utf-8")
    broken.write_text(text.replace("<prgad:numerPorzadkowy>21A</prgad:numerPorzadkowy>", ""),
                      encoding="utf-8")
    with pytest.raises(PrgReadError) as raised:
        read_records(broken)
    assert raised.value.path == str(broken)
    assert raised.value.feature is not None and "9c0df5e5" in raised.value.feature
    assert "numerPorzadkowy" in str(raised.value)
    skipped: list[PrgReadError] = []
    assert len(read_records(broken, on_skip=skipped.append)) == 2
    assert [error.feature for error in skipped] == [raised.value.feature]

