from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kooperacja.core.prg import PrgReadError
from kooperacja.core.prg.tests.points import read_records


def _zip(path: Path, members: dict[str, Path]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, source in members.items():
            archive.write(source, name)
    return path


def test_it_reads_a_zip_as_the_file_inside(sample_2021: Path, tmp_path: Path) -> None:
    archive = _zip(tmp_path / "PRG.zip", {"PRG/NOWE_08.gml": sample_2021})
    assert read_records(archive) == read_records(sample_2021)


def test_it_reads_only_the_2021_model_from_the_bulk_archive(
    sample_2012: Path, sample_2021: Path, tmp_path: Path
) -> None:
    archive = _zip(tmp_path / "PRG.zip", {
        "08_lubuskie.xml": sample_2012, "NOWE_08_lubuskie.gml": sample_2021,
        "readme.txt": sample_2012.parent.parent / "README.md",
    })
    assert read_records(archive) == read_records(sample_2021)
    assert read_records(archive, format="prg2012") == read_records(sample_2012)


def test_it_says_what_the_archive_holds_when_nothing_fits(
    sample_2021: Path, tmp_path: Path
) -> None:
    archive = _zip(tmp_path / "PRG.zip", {"NOWE_08.gml": sample_2021})
    with pytest.raises(PrgReadError, match="no csv address file.*NOWE_08.gml"):
        read_records(archive, format="csv")
