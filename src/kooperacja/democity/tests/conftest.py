"""One demo city built once for the whole test session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kooperacja.democity import Manifest, build_city


@pytest.fixture(scope="session")
def city_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("democity")
    build_city(out, seed=2026, scale=1)
    return out


@pytest.fixture(scope="session")
def manifest(city_dir: Path) -> Manifest:
    return Manifest.read(city_dir / "manifest.json")


@pytest.fixture(scope="session")
def addresses(city_dir: Path) -> pd.DataFrame:
    return pd.read_csv(
        city_dir / "addresses.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8"
    )


@pytest.fixture(scope="session")
def mops_rows(city_dir: Path) -> pd.DataFrame:
    return pd.read_csv(
        city_dir / "mops_2025.csv", sep=";", dtype=str, keep_default_na=False, encoding="cp1250"
    )
