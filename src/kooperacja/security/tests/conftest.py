from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from kooperacja.records.models import Institution, Membership

PASSWORD = "correct-horse-battery-1"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counts live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(db) -> SimpleNamespace:
    """pat is a partner of MOPS, ana an analyst, root an installation administrator (staff)."""
    mops = Institution.objects.create(code="mops", name="MOPS", kind="mops")
    pup = Institution.objects.create(code="pup", name="PUP", kind="pup")
    pat = User.objects.create_user("pat@example.org", password=PASSWORD)
    Membership.objects.create(user=pat, institution=mops, role="partner")
    ana = User.objects.create_user("ana@example.org", password=PASSWORD)
    Membership.objects.create(user=ana, institution=mops, role="analyst")
    root = User.objects.create_user("root@example.org", password=PASSWORD, is_staff=True,
                                    is_superuser=True)
    return SimpleNamespace(mops=mops, pup=pup, pat=pat, ana=ana, root=root)
