"""The check's answers equal the truth by hand (tests/world.py's table)."""

from __future__ import annotations

import datetime as dt

import pytest

from kooperacja.records.tests.world import pesel
from kooperacja.referrals.services.checks import (
    CheckRefused,
    check_clients,
    default_since,
)
from kooperacja.referrals.tests.world import BAD

pytestmark = pytest.mark.django_db
SINCE = dt.date(2025, 1, 1)


def _answers(town, institution, since=SINCE, numbers=None, instrument_type="training"):
    numbers = numbers or [pesel(n) for n in range(1, 9)] + [BAD]
    result = check_clients(institution, instrument_type, since, numbers, None, "agreement",
                           channel="cli")
    return [(a.answer, a.institutions, a.periods) for a in result.answers]


def test_mops_hears_yes_for_persons_pup_trained_in_the_window(town):
    assert _answers(town, town.a) == [
        ("yes", ["b"], ["2025"]),  # 1: MOPS trained them too, but its own help does not count
        ("no", [], []),  # 2: a traineeship is not training
        ("no", [], []),  # 3: a meal
        ("yes", ["b"], ["2025"]),  # 4
        ("no", [], []),  # 5: trained by MOPS only, the asking institution
        ("yes", ["b"], ["2025"]),  # 6: a training voucher is training
        ("no", [], []),  # 7: PUP trained them in 2023, before the window
        ("no", [], []),  # 8: nobody knows them
        ("invalid", [], []),  # a wrong check digit
    ]


def test_a_longer_window_finds_earlier_periods_most_recent_first(town):
    answers = _answers(town, town.a, since=dt.date(2023, 6, 1))
    assert answers[0] == ("yes", ["b", "b"], ["2025", "2024"])
    assert answers[6] == ("yes", ["b"], ["2023"])
    # A window starting after the periods ended finds nothing.
    assert {a for a, _i, _p in _answers(town, town.a, since=dt.date(2026, 1, 1))} \
        == {"no", "invalid"}


def test_pup_hears_yes_for_persons_mops_trained(town):
    answers = _answers(town, town.b)
    assert [a for a, _i, _p in answers] == ["yes", "no", "no", "no", "yes", "no", "no", "no",
                                            "invalid"]
    assert answers[4] == ("yes", ["a"], ["2025"])
    assert _answers(town, town.b, numbers=[pesel(2)], instrument_type="financial_support") \
        == [("yes", ["a"], ["2025"])]  # a periodic allowance is financial support


def test_the_window_starts_twelve_months_back_by_default():
    assert default_since(dt.date(2026, 12, 7)) == dt.date(2025, 12, 7)
    assert default_since(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert default_since(dt.date(2026, 1, 31)) == dt.date(2025, 1, 31)


def test_it_refuses_what_it_cannot_answer(town):
    with pytest.raises(CheckRefused, match="instrument type"):
        check_clients(town.a, "knitting", SINCE, [pesel(1)], None, "agreement")
    with pytest.raises(CheckRefused, match="legal basis"):
        check_clients(town.a, "training", SINCE, [pesel(1)], None, "curiosity")
    with pytest.raises(CheckRefused, match="neither"):
        check_clients(town.team_x, "training", SINCE, [pesel(1)], None, "consent")


def test_each_problem_of_a_pesel_is_named(town):
    result = check_clients(town.a, "training", SINCE, [BAD, "123", "8001x100000", "02381307589"],
                           None, "consent")
    assert [a.problem for a in result.answers] == [
        "pesel_check_digit", "pesel_length", "pesel_format", "pesel_date"]
