from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def prg_samples(sample_data: Path) -> Path:
    """The real PRG samples in tests/data/prg (both GML models)."""
    return sample_data / "prg"


@pytest.fixture
def sample_2012(prg_samples: Path) -> Path:
    return prg_samples / "prg_model2012_sample.xml"


@pytest.fixture
def sample_2021(prg_samples: Path) -> Path:
    return prg_samples / "prg_model2021_sample.gml"
