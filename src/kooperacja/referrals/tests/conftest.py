from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from kooperacja.records.tests.world import build_town
from kooperacja.referrals.tests.world import import_extracts
from kooperacja.territory.models import Unit
from kooperacja.testing import build_personas


@pytest.fixture
def town(db, tmp_path) -> SimpleNamespace:
    """The shared personas in the records' test town, with the extracts of ``world``."""
    build_town()
    cache.clear()
    return import_extracts(build_personas(Unit.objects.get(code="C1")), tmp_path)
