from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from kooperacja.core.submissions.pesel import Problem, birth_date, check, check_many, sex


def test_it_accepts_a_valid_pesel() -> None:
    result = check("44051401359")
    assert result.valid
    assert result.number == "44051401359"


def test_it_names_a_bad_check_digit() -> None:
    assert check("44051401358").problem is Problem.CHECK_DIGIT


def test_it_names_an_invalid_date() -> None:
    assert check("02381307589").problem is Problem.DATE


def test_it_counts_the_digits_of_a_number_of_wrong_length() -> None:
    result = check("4405140135")
    assert result.problem is Problem.LENGTH
    assert result.digits == 10


def test_it_refuses_letters() -> None:
    assert check("4405140135X").problem is Problem.FORMAT


def test_it_ignores_spaces_and_hyphens() -> None:
    assert check(" 440514-01359 ").number == "44051401359"


def test_it_reads_birth_date_and_sex_with_the_century_from_the_month() -> None:
    assert birth_date("44051401359") == datetime.date(1944, 5, 14)
    assert sex("44051401359") == "M"
    assert birth_date("02211307589") == datetime.date(2002, 1, 13)
    assert sex("02211307589") == "F"


def test_it_checks_a_column_like_one_number_at_a_time() -> None:
    numbers = ["44051401359", "44051401358", "02381307589", "123", "02211307589"]
    result = check_many(numbers)
    assert result.valid.tolist() == [True, False, False, False, True]
    assert {i: f.problem for i, f in result.failures.items()} == {
        1: Problem.CHECK_DIGIT,
        2: Problem.DATE,
        3: Problem.LENGTH,
    }


digits_or_near = st.text(alphabet="0123456789", min_size=11, max_size=11) | st.text(
    alphabet="0123456789 -x", min_size=1, max_size=13
)


@given(st.lists(digits_or_near, max_size=30))
def test_it_agrees_with_stdnum_on_any_column(numbers: list[str]) -> None:
    result = check_many(numbers)
    for i, number in enumerate(numbers):
        single = check(number)
        assert result.valid[i] == single.valid
        if not single.valid:
            assert result.failures[i] == single


@given(st.dates(datetime.date(1800, 1, 1), datetime.date(2299, 12, 31)), st.integers(0, 9999))
def test_it_accepts_every_real_date_of_five_centuries(day: datetime.date, serial: int) -> None:
    offset = {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[day.year // 100]
    body = f"{day.year % 100:02d}{day.month + offset:02d}{day.day:02d}{serial:04d}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    total = sum(w * int(d) for w, d in zip(weights, body, strict=True))
    number = body + str((10 - total % 10) % 10)
    assert check_many([number]).valid[0]
    assert birth_date(number) == day
