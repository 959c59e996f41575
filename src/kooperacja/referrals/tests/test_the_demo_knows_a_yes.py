"""The demo's hint names a PESEL of its PUP extract for which MOPS's check says "yes"
(the demo city's files, imported through the importer as the demo does)."""

from __future__ import annotations

import datetime as dt

import pytest

from kooperacja.democity import build_city
from kooperacja.records.models import Institution
from kooperacja.records.services.importing import import_submission
from kooperacja.referrals.services.checks import check_clients
from kooperacja.referrals.services.demo import demo_hint, example_pesel

pytestmark = pytest.mark.django_db


def test_the_demo_hint_names_a_person_pup_trained(tmp_path):
    manifest = build_city(tmp_path, seed=2026).to_dict()
    number = example_pesel(tmp_path, manifest)
    assert number is not None and number in (demo_hint(tmp_path, manifest) or "")
    assert "2025-01-01" in (demo_hint(tmp_path, manifest) or "")
    mops = Institution.objects.create(code="MOPS", name="MOPS", kind="mops")
    pup = Institution.objects.create(code="PUP", name="PUP", kind="pup")
    files = manifest["files"]
    import_submission(tmp_path / files["pup_2025"]["path"], pup, "2025", "pup")
    result = check_clients(mops, "training", dt.date(2025, 1, 1), [number], None, "consent")
    assert [(a.answer, a.institutions, a.periods) for a in result.answers] == [
        ("yes", ["PUP"], ["2025"])]
    # The labour office asking about its own trainee hears "no".
    assert check_clients(pup, "training", dt.date(2025, 1, 1), [number], None,
                         "consent").answers[0].answer == "no"
