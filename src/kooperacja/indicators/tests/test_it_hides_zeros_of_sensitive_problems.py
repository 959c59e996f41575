"""Homelessness and domestic violence: a zero beside a hidden estate is hidden like a small
count, so the map does not say where the few cases are."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.tests.grid import build_grid, import_counts

pytestmark = pytest.mark.django_db

#   D1: 2 cases in E00, zeros beside it;  D2..D4: no estate hidden, zeros shown.
COUNTS = {"E00": 2, "E01": 0, "E10": 0, "E11": 9, "E02": 0, "E03": 7, "E12": 6, "E13": 8,
          "E20": 5, "E21": 0, "E30": 6, "E31": 7, "E22": 12, "E23": 5, "E32": 0, "E33": 6}


def estates(client, indicator: str) -> dict[str, dict]:
    body = client.get(f"/api/v1/indicators/{indicator}/values",
                      {"level": "estate", "period": "2025"}).json()
    return {row["unit_code"]: row for row in body["values"]}


def test_it_protects_zeros_of_homelessness_and_domestic_violence_only(db):
    protected = set(Indicator.objects.filter(protect_zeros=True).values_list("code", flat=True))
    assert protected == {"homelessness", "domestic-violence"}


def test_it_hides_a_zero_beside_a_hidden_estate_like_a_small_count(client, db, tmp_path):
    build_grid()
    import_counts(tmp_path, "2025", COUNTS, "homelessness")
    rows = estates(client, "homelessness")
    for zero in ("E01", "E10"):
        assert rows[zero]["numerator"] is None and rows[zero]["value"] is None
        assert rows[zero]["reason"] == rows["E00"]["reason"] == "fewer than k"
        assert rows[zero]["label"] == rows["E00"]["label"]
    # Two hidden estates protect each other: E11 needs no hiding.
    assert rows["E11"]["numerator"] == 9
    for zero in ("E02", "E21", "E32"):
        assert rows[zero]["numerator"] == 0 and not rows[zero]["hidden"]


def test_it_shows_the_same_zeros_for_an_indicator_without_the_setting(client, db, tmp_path):
    build_grid()
    import_counts(tmp_path, "2025", COUNTS, "poverty")
    rows = estates(client, "poverty")
    assert rows["E01"]["numerator"] == 0 and rows["E10"]["numerator"] == 0
    assert rows["E00"]["hidden"] and rows["E11"]["reason"] == "secondary"


def test_it_reads_the_setting_from_a_definition_file(db, tmp_path):
    (tmp_path / "own.toml").write_text(
        '[[indicator]]\nid = "child-neglect"\nname_pl = "Zaniedbanie dzieci"\n'
        'name_en = "Child neglect"\nprotect_zeros = true\n'
        'numerator = { code_list = "mops_reason", codes = ["3"] }\n', encoding="utf-8")
    call_command("load_indicators", str(tmp_path / "own.toml"), stdout=io.StringIO())
    assert Indicator.objects.get(code="child-neglect").protect_zeros is True
