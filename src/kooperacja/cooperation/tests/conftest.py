from __future__ import annotations

import pytest

from kooperacja.cooperation.tests.world import cooperation_world


@pytest.fixture
def coop(personas):
    return cooperation_world(personas)
