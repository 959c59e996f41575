from __future__ import annotations

from pathlib import Path

from kooperacja.democity import build_city


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_it_writes_the_same_bytes_for_the_same_seed(city_dir: Path, tmp_path: Path) -> None:
    build_city(tmp_path / "again", seed=2026)
    first, second = _files(city_dir), _files(tmp_path / "again")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_it_builds_another_city_from_another_seed(city_dir: Path, tmp_path: Path) -> None:
    build_city(tmp_path / "other", seed=7)
    for name in ("addresses.csv", "estates.shp", "mops_2025.csv"):
        assert (tmp_path / "other" / name).read_bytes() != (city_dir / name).read_bytes()


def test_it_refuses_a_scale_below_one(tmp_path: Path) -> None:
    import pytest

    with pytest.raises(ValueError, match="scale must be 1 or more"):
        build_city(tmp_path, scale=0)
