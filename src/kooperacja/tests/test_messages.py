"""One translation path: core errors, rejected rows, API errors and counts reach a person in
Polish or English from the catalogues, with Polish plural forms."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import translation

from kooperacja.core.errors import UserError
from kooperacja.core.submissions.periods import PeriodError, parse_period
from kooperacja.messages import plural_forms, rejection_message, user_message


@pytest.fixture(autouse=True)
def _language_restored():
    # A request activates its language (the middleware); the next test must not inherit it.
    with translation.override(translation.get_language()):
        yield


def in_language(language: str, show, *args):
    with translation.override(language):
        return show(*args)


def period_error() -> UserError:
    with pytest.raises(PeriodError) as error:
        parse_period("2025-13")
    return error.value


def test_it_shows_a_core_error_in_polish_and_in_english():
    error = period_error()
    assert in_language("pl", user_message, error) == "Okres '2025-13': miesiąc to 01–12."
    assert in_language("en", user_message, error) == "Period '2025-13': a month is 01 to 12."


def test_it_names_the_file_and_row_of_a_core_error_in_both_languages():
    error = UserError("/tmp/dane/mops.csv", "the file is empty.", row=3)
    assert in_language("pl", user_message, error) == "mops.csv: wiersz 3: plik jest pusty."
    assert in_language("en", user_message, error) == "mops.csv: row 3: the file is empty."


def test_it_shows_a_rejected_row_in_the_language_of_whoever_reads_the_report():
    stored = {"row": 4, "column": "Powody", "reason": "code_unknown",
              "params": {"position": 2, "code_list": "mops_reason"}}
    assert in_language("pl", rejection_message, stored) == (
        "Wartość nr 2 w komórce nie jest kodem, nazwą ani znanym wariantem nazwy z listy "
        "„powód przyznania pomocy społecznej (art. 7 ustawy o pomocy społecznej)”."
    )
    english = in_language("en", rejection_message, stored)
    assert english.startswith("Value 2 in the cell")
    assert "the list “reason for social assistance" in english
    assert "mops_reason" not in english


def test_it_still_shows_reports_stored_with_both_languages_written_out():
    stored = {"row": 2, "column": "PESEL", "reason": "pesel_date",
              "message_pl": "PESEL zawiera nieistniejącą datę urodzenia.",
              "message_en": "The PESEL holds a birth date that does not exist."}
    assert in_language("pl", rejection_message, stored) == stored["message_pl"]
    assert in_language("en", rejection_message, stored) == stored["message_en"]


@pytest.mark.parametrize(("digits", "polish"), [
    (1, "PESEL ma 1 cyfrę zamiast 11."),
    (2, "PESEL ma 2 cyfry zamiast 11."),
    (5, "PESEL ma 5 cyfr zamiast 11."),
    (22, "PESEL ma 22 cyfry zamiast 11."),
    (12, "PESEL ma 12 cyfr zamiast 11."),
])
def test_it_gives_a_count_its_polish_plural_form(digits, polish):
    stored = {"row": 3, "column": "PESEL", "reason": "pesel_length", "params": {"digits": digits}}
    assert in_language("pl", rejection_message, stored) == polish
    english = in_language("en", rejection_message, stored)
    assert english == f"The PESEL has {digits} digit{'' if digits == 1 else 's'} instead of 11."


def test_it_hands_the_map_every_plural_form_of_a_unit_count():
    def forms():
        return plural_forms(lambda n: translation.ngettext("%(count)s unit", "%(count)s units", n))

    assert in_language("pl", forms) == {"one": "%(count)s jednostka", "few": "%(count)s jednostki",
                                        "many": "%(count)s jednostek",
                                        "other": "%(count)s jednostek"}
    assert in_language("en", forms)["one"] == "%(count)s unit"
    assert in_language("en", forms)["other"] == "%(count)s units"


@pytest.mark.parametrize(("count", "polish"), [
    (1, "1 oczko"), (2, "2 oczka"), (5, "5 oczek"), (22, "22 oczka"),
])
def test_it_counts_grid_cells_with_polish_plurals(count, polish):
    with translation.override("pl"):
        text = translation.ngettext("%(level)s: %(count)d cell%(state)s",
                                    "%(level)s: %(count)d cells%(state)s", count)
    assert text % {"level": "grid", "count": count, "state": ""} == f"grid: {polish}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [
    ("pl", "Nie ma wskaźnika nieznany"),
    ("en", "There is no indicator nieznany"),
])
def test_the_api_answers_errors_in_the_language_the_client_asks_for(client, language, expected):
    response = client.get("/api/v1/indicators/nieznany/values",
                          {"level": "estate", "period": "2025"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response.json()["detail"].startswith(expected)


@pytest.mark.parametrize(("language", "expected"), [
    ("pl", "odległość musi być większa niż 0"),
    ("en", "distance must be more than 0"),
])
def test_the_api_refuses_bad_parameters_in_the_clients_language(client, language, expected):
    response = client.get("/api/v1/resources/gaps", {"indicator": "x", "level": "estate",
                                                     "period": "2025", "distance": 0},
                          HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(expected)


@pytest.mark.django_db
def test_a_command_reports_bad_input_in_the_active_language(tmp_path):
    from django.core.management.base import CommandError

    missing = tmp_path / "brak.csv"
    for language, expected in (("pl", "brak.csv: Nie ma takiego pliku."),
                               ("en", "brak.csv: There is no such file.")):
        with translation.override(language), pytest.raises(CommandError) as error:
            call_command("import_records", str(missing), "--institution", "mops",
                         "--period", "2025", "--layout", "mops")
        assert str(error.value) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [
    ("pl", "Nie ma jeszcze jednostek; najpierw zaimportuj granice"),
    ("en", "There are no units yet; import boundaries first"),
])
def test_the_hot_spot_api_answers_errors_in_the_clients_language(client, language, expected):
    from kooperacja.indicators.models import Indicator

    code = Indicator.objects.filter(public=True).values_list("code", flat=True).first()
    response = client.get(f"/api/v1/indicators/{code}/hotspots",
                          {"level": "estate", "period": "2025"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response.json()["detail"].startswith(expected)
