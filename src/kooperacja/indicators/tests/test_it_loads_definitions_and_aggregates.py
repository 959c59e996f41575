"""Indicator definitions from TOML, partner counts from a table, both used together."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kooperacja.indicators.models import Aggregate, Indicator
from kooperacja.indicators.services.compute import compute_indicator

pytestmark = pytest.mark.django_db

TOML = """
[[indicator]]
id = "police-interventions"
name_pl = "Interwencje domowe policji na 1000 kobiet"
name_en = "Police domestic interventions per 1,000 women"
per = 1000
public = false
numerator = { code_list = "police", codes = ["domestic"] }
denominator = { population = true, sex = "K" }
"""


def test_it_has_the_ozps_indicators_built_in(db):
    assert set(Indicator.objects.values_list("code", flat=True)) >= {
        "poverty", "unemployment", "disability", "homelessness", "domestic-violence",
        "long-term-unemployed", "mops-pup-overlap"}
    assert Indicator.objects.get(code="homelessness").numerator_codes == ["3"]
    assert Indicator.objects.get(code="long-term-unemployed").denominator_age_bands == [
        "18-29", "30-49", "50-64"]


def test_it_imports_partner_counts_and_rolls_them_up_the_levels(city, tmp_path):
    table = tmp_path / "police.csv"
    table.write_text("rejon;interwencje;inne\nE1;12;1\nE2;3;0\nE3;0;0\nE4;7;2\n", encoding="utf-8")
    call_command("import_aggregates", str(table), "--unit-field", "rejon", "--period", "2025",
                 "--code-list", "police", "--value-field", "interwencje:domestic",
                 "--value-field", "inne:other")
    assert Aggregate.objects.get(unit__code="D1", code="domestic").count == 15
    assert Aggregate.objects.get(unit__code="C", code="domestic").count == 22
    (tmp_path / "police.toml").write_text(TOML, encoding="utf-8")
    call_command("load_indicators", str(tmp_path / "police.toml"))
    result = compute_indicator(Indicator.objects.get(code="police-interventions"), "2025",
                               "analyst")
    e1 = next(r for r in result.level("estate").rows if r["unit_code"] == "E1")
    assert e1["denominator"] == 500 and e1["value"] == pytest.approx(24.0)
    # Provenance names the period and version of an input, never its file (issue 16).
    described = result.metadata["inputs"]["aggregate_imports"][0]
    assert described["period"] == "2025" and described["version"] and described["imported"]
    assert "police.csv" not in str(result.metadata)


def test_it_names_the_row_and_column_of_a_bad_count(city, tmp_path):
    table = tmp_path / "police.csv"
    table.write_text("rejon;interwencje\nE1;dużo\n", encoding="utf-8")
    with pytest.raises(CommandError, match="police.csv.*2.*interwencje"):
        call_command("import_aggregates", str(table), "--unit-field", "rejon", "--period", "2025",
                     "--code-list", "police", "--value-field", "interwencje:domestic")


def test_it_refuses_a_definition_with_an_unknown_code_list(db, tmp_path):
    (tmp_path / "bad.toml").write_text(TOML, encoding="utf-8")
    with pytest.raises(CommandError, match="police"):
        call_command("load_indicators", str(tmp_path / "bad.toml"))
