from __future__ import annotations

import pytest

from kooperacja.programmes.tests.world import programme_world


@pytest.fixture
def plan(personas):
    return programme_world(personas.x)
