"""Definition files as a person writes them: a Polish name only, an indicator on a partner's
code list loaded before that list's counts."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kooperacja.indicators.models import Indicator

pytestmark = pytest.mark.django_db

POLICE = """
[[indicator]]
id = "police-interventions"
name_pl = "Interwencje domowe policji na 1000 kobiet"
numerator = { code_list = "police", codes = ["domestic"] }
denominator = { population = true, sex = "K" }
"""


def test_it_takes_the_polish_name_where_the_english_one_is_left_out(db, tmp_path):
    (tmp_path / "bieda.toml").write_text(
        '[[indicator]]\nid = "bieda"\nname_pl = "Ubóstwo na 1000 mieszkańców"\nname_en = " "\n'
        'numerator = { code_list = "mops_reason", codes = ["1"] }\n', encoding="utf-8")
    assert call_command("load_indicators", str(tmp_path / "bieda.toml")) == (
        "utworzono wskaźników: 1, zaktualizowano: 0")
    indicator = Indicator.objects.get(code="bieda")
    assert indicator.name_en == indicator.name_pl == "Ubóstwo na 1000 mieszkańców"


def test_it_names_the_indicator_and_what_to_load_before_it(city, tmp_path):
    (tmp_path / "policja.toml").write_text(POLICE, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_indicators", str(tmp_path / "policja.toml"))
    assert str(error.value) == (
        "policja.toml: wskaźnik police-interventions liczy kody listy police, której jeszcze "
        "nie ma: najpierw zaimportuj jej liczby (import-aggregates --code-list police) albo "
        "dodaj listę w panelu administracyjnym (Słowniki), potem wczytaj ten plik ponownie")
    with translation.override("en"), pytest.raises(CommandError, match=(
            r"^policja.toml: indicator police-interventions counts codes of the list police, "
            r"which does not exist yet: first import its counts \(import-aggregates "
            r"--code-list police\)")):
        call_command("load_indicators", str(tmp_path / "policja.toml"))
    assert not Indicator.objects.filter(code="police-interventions").exists()

    (tmp_path / "policja.csv").write_text("rejon;interwencje\nE1;3,0\n", encoding="utf-8")
    call_command("import_aggregates", str(tmp_path / "policja.csv"), "--unit-field", "rejon",
                 "--period", "2025", "--code-list", "police",
                 "--value-field", "interwencje:domestic")
    call_command("load_indicators", str(tmp_path / "policja.toml"))
    assert Indicator.objects.get(code="police-interventions").name_en.startswith("Interwencje")


@pytest.mark.parametrize("key", ["counted", "unit"])
def test_it_reads_what_is_counted_under_its_name_and_under_the_older_one(db, tmp_path, key):
    (tmp_path / "rodziny.toml").write_text(
        f'[[indicator]]\nid = "rodziny"\nname_pl = "Rodziny"\n{key} = "families"\n'
        'numerator = { code_list = "mops_reason", codes = ["1"] }\n', encoding="utf-8")
    call_command("load_indicators", str(tmp_path / "rodziny.toml"))
    assert Indicator.objects.get(code="rodziny").counted == Indicator.Counted.FAMILIES

    (tmp_path / "rodziny.toml").write_text(
        f'[[indicator]]\nid = "rodziny"\nname_pl = "Rodziny"\n{key} = "households"\n'
        'numerator = { code_list = "mops_reason", codes = ["1"] }\n', encoding="utf-8")
    with pytest.raises(CommandError, match=f"{key} musi mieć wartość persons lub families"):
        call_command("load_indicators", str(tmp_path / "rodziny.toml"))
