"""Public statistics per gmina from the files a region downloads (docs/statistics.md): GUS
BDL exports of population and registered unemployment, and MRPiPS-03 tables, matched to the
gminas by TERYT and compared by indicators defined over them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kooperacja.indicators.models import Aggregate, Indicator
from kooperacja.indicators.services.compute import compute_indicator
from kooperacja.indicators.tests.region import (
    BDL_ID,
    build_region,
    mrpips03,
    population_vertical,
    unemployment,
)
from kooperacja.records.models import Institution
from kooperacja.territory.models import Population, Unit

pytestmark = pytest.mark.django_db

@pytest.fixture
def region(db) -> dict[str, Unit]:
    return build_region()


def test_it_reads_population_by_single_years_into_the_installations_bands(region, tmp_path):
    path = tmp_path / "LUDN_2137_CREL_20240611.csv"
    population_vertical(path)
    out = _command(path, "--source", "bdl", "--variable", "population")
    town = Population.objects.filter(unit=region["2401011"], year=2023)
    figures = {(p.sex, p.age_band): p.count for p in town}
    assert figures[("", "")] == 20 * 202
    assert figures[("K", "0-17")] == 20 * 18 and figures[("M", "65+")] == 20 * 36
    assert figures[("K", "18-29")] + figures[("K", "30-49")] + figures[("K", "50-64")] == 20 * 47
    assert "units matched: 2" in out and "years: 2023" in out
    assert "rows of units this installation does not hold: 205 (units: 1)" in out
    assert "rows without a TERYT code (country, regions, totals): 1" in out


def test_it_refuses_five_year_groups_that_straddle_its_bands(region, tmp_path):
    """The wide layout: each header joins sex, age group, year and measure with ";"."""
    groups = [f"{a}-{a + 4}" for a in range(0, 85, 5)] + ["85 i więcej"]
    header = ["Kod", "Nazwa"] + [f"ogółem;{g};2023;[osoba]" for g in groups]
    row = [BDL_ID["2401011"], "Miasto"] + ["100"] * len(groups)
    path = tmp_path / "wide.csv"
    path.write_text(";".join(f'"{h}"' for h in header) + "\n" + ";".join(row) + "\n",
                    encoding="utf-8-sig")
    with pytest.raises(CommandError, match=r"wide\.csv.*15-19.*0-17, 18-29.*roczników"):
        _command(path, "--source", "bdl", "--variable", "population", language="pl")
    assert not Population.objects.exists()


def test_it_reads_the_wide_layout_with_a_dash_for_no_data(region, tmp_path):
    header = ["Kod", "Nazwa", "ogółem;ogółem;2022;[osoba]", "kobiety;ogółem;2022;[osoba]",
              "mężczyźni;ogółem;2022;[osoba]", "ogółem;ogółem;2023;[osoba]"]
    rows = [["2401011", "Miasto", "4 100", "2 000", "2 100", "4 040"],
            ["2401033", "Gmina", "-", "-", "-", "1 010"]]
    path = tmp_path / "wide.csv"
    path.write_text(";".join(f'"{h}"' for h in header) + "\n"
                    + "\n".join(";".join(r) for r in rows) + "\n", encoding="cp1250")
    out = _command(path, "--source", "bdl", "--variable", "population")
    assert Population.objects.get(unit=region["2401011"], year=2022, sex="K").count == 2000
    # No data stays missing: no figure of 2022 for the gmina, never a zero.
    assert not Population.objects.filter(unit=region["2401033"], year=2022).exists()
    assert Population.objects.get(unit=region["2401033"], year=2023, sex="").count == 1010
    assert "stored as missing): 3" in out


def test_year_picks_one_years_figures_from_a_file_of_several(region, tmp_path):
    header = ["Kod", "Nazwa", "ogółem;ogółem;2022;[osoba]", "ogółem;ogółem;2023;[osoba]"]
    path = tmp_path / "wide.csv"
    path.write_text(";".join(f'"{h}"' for h in header) + "\n2401011;Miasto;4 100;4 040\n",
                    encoding="utf-8")
    out = _command(path, "--source", "bdl", "--variable", "population", "--year", "2023")
    assert "years: 2023" in out
    assert list(Population.objects.values_list("year", "count")) == [(2023, 4040)]
    with pytest.raises(CommandError, match="no figures of the year 2021"):
        _command(path, "--source", "bdl", "--variable", "population", "--year", "2021")


def test_it_reads_registered_unemployment_with_confidential_values_as_missing(region, tmp_path):
    path = tmp_path / "RYNE_1944.csv"
    unemployment(path)
    out = _command(path, "--source", "bdl", "--variable", "unemployment")
    stats = Institution.objects.get(code="gus-bdl")
    assert stats.kind == "other"
    counts = {(a.unit.code, a.code): a.count
              for a in Aggregate.objects.filter(code_list="gus_bdl", period="2023")}
    assert counts[("2401011", "bezrobotni")] == 1212
    assert counts[("2401011", "bezrobotni_m")] == 606
    assert ("2401033", "bezrobotni_m") not in counts and ("2401033", "bezrobotni_k") not in counts
    # The powiat is summed from its gminas; a sum with a gap in it is not made.
    assert counts[("2401", "bezrobotni")] == 1414
    assert ("2401", "bezrobotni_k") not in counts
    assert "stored as missing): 2" in out
    assert "rows of a town or rural area" in out and "summed from their gminas instead: 1" in out


def test_a_dry_run_stores_nothing(region, tmp_path):
    path = tmp_path / "RYNE_1944.csv"
    unemployment(path)
    out = _command(path, "--source", "bdl", "--variable", "unemployment", "--dry-run")
    assert "Dry run" in out and "units matched: 2" in out
    assert not Aggregate.objects.exists() and not Institution.objects.filter(
        code="gus-bdl").exists()


def test_it_reads_mrpips03_reasons_onto_the_extracts_code_list(region, tmp_path):
    path = tmp_path / "mrpips03_2023.xlsx"
    mrpips03(path)
    out = _command(path, "--source", "mrpips03", "--year", "2023")
    counts = {(a.unit.code, a.code_list, a.code): a.count
              for a in Aggregate.objects.filter(period="2023", institution__code="mrpips-03")}
    assert counts[("2401011", "mops_reason", "1")] == 150
    assert counts[("2401011", "mops_reason", "13")] == 34  # alkoholizm and narkomania
    assert counts[("2401011", "mops_reason", "9")] == 40  # "w tym" is a part, not added
    assert counts[("2401011", "mrpips03", "beneficjenci")] == 404
    assert ("2401033", "mops_reason", "7") not in counts
    # Summed up to the powiat, but not over a gmina without data.
    assert counts[("2401", "mops_reason", "1")] == 210
    assert ("2401", "mops_reason", "7") not in counts
    assert counts[("24", "mops_reason", "4")] == 160
    assert "rows of units this installation does not hold: 1 (units: 1)" in out


def test_it_asks_for_the_year_of_a_table_without_one(region, tmp_path):
    path = tmp_path / "mrpips03.xlsx"
    mrpips03(path)
    with pytest.raises(CommandError, match="--year"):
        _command(path, "--source", "mrpips03")


INDICATORS = """
[[indicator]]
id = "registered-unemployment"
name_pl = "Bezrobotni zarejestrowani na 100 mieszkańców w wieku 18-64 lat"
name_en = "Registered unemployed per 100 residents aged 18-64"
per = 100
interval = "wilson"
numerator = { code_list = "gus_bdl", codes = ["bezrobotni"], institution = "gus-bdl" }
denominator = { population = true, age_bands = ["18-29", "30-49", "50-64"] }

[[indicator]]
id = "social-assistance-mrpips03"
name_pl = "Beneficjenci pomocy społecznej (MRPiPS-03) na 1000 mieszkańców"
name_en = "Social assistance beneficiaries (MRPiPS-03) per 1,000 residents"
per = 1000
numerator = { code_list = "mrpips03", codes = ["beneficjenci"], institution = "mrpips-03" }
denominator = { population = true }
"""


def test_indicators_defined_over_the_statistics_compare_the_gminas(region, tmp_path):
    population_vertical(tmp_path / "ludnosc.csv")
    unemployment(tmp_path / "bezrobotni.csv")
    mrpips03(tmp_path / "mrpips03.xlsx")
    _command(tmp_path / "ludnosc.csv", "--source", "bdl", "--variable", "population")
    _command(tmp_path / "bezrobotni.csv", "--source", "bdl", "--variable", "unemployment")
    _command(tmp_path / "mrpips03.xlsx", "--source", "mrpips03", "--year", "2023")
    (tmp_path / "statistics.toml").write_text(INDICATORS, encoding="utf-8")
    call_command("load_indicators", str(tmp_path / "statistics.toml"))

    jobless = compute_indicator(Indicator.objects.get(code="registered-unemployment"),
                                "2023", "analyst")
    rows = {r["unit_code"]: r for r in jobless.level("gmina").rows}
    assert rows["2401011"]["denominator"] == 20 * 47 * 2
    assert rows["2401011"]["value"] == pytest.approx(100 * 1212 / (20 * 94))
    assert rows["2401033"]["value"] == pytest.approx(100 * 202 / (5 * 94))

    assistance = compute_indicator(Indicator.objects.get(code="social-assistance-mrpips03"),
                                   "2023", "analyst")
    rows = {r["unit_code"]: r for r in assistance.level("gmina").rows}
    assert rows["2401011"]["value"] == pytest.approx(1000 * 404 / (20 * 202))
    assert rows["2401033"]["value"] == pytest.approx(1000 * 101 / (5 * 202))


def _command(path, *args: str, language: str = "en") -> str:
    out = StringIO()
    with translation.override(language):
        call_command("import_statistics", str(path), *args, stdout=out)
    return out.getvalue()
