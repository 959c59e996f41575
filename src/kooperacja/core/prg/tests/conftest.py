from __future__ import annotations

from pathlib import Path

import pytest

# The shared reference data sits next to the repository root.
SHARED_PRG = Path(__file__).resolve().parents[5].parent / "shared" / "data" / "prg"


@pytest.fixture
def prg_samples() -> Path:
    if not (SHARED_PRG / "prg_model2021_sample.gml").is_file():
        pytest.skip(f"PRG samples not found in {SHARED_PRG} (the shared data directory)")
    return SHARED_PRG


@pytest.fixture
def sample_2012(prg_samples: Path) -> Path:
    return prg_samples / "prg_model2012_sample.xml"


@pytest.fixture
def sample_2021(prg_samples: Path) -> Path:
    return prg_samples / "prg_model2021_sample.gml"
