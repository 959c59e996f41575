from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperacja.core.submissions.codelists import CodeBook
from kooperacja.core.submissions.layouts import get_layout
from kooperacja.core.submissions.periods import parse_period
from kooperacja.core.submissions.validate import (
    MESSAGES,
    parse_dates,
    validate_aggregate,
    validate_records,
)

BOOK = CodeBook.seed()
Y2025 = parse_period("2025")
MOPS = get_layout("mops")
PUP = get_layout("pup")


def mops_row(**values: str) -> dict[str, str]:
    row = {
        "pesel": "44051401359",
        "surname": "Kowalska",
        "first_name": "Anna",
        "birth_date": "14.05.1944",
        "address": "Długa 5",
        "locality": "Gubin",
        "postal_code": "",
        "family_number": "R1",
        "reasons": "1",
        "supports": "",
    }
    return row | values


def validate(*rows: dict[str, str], layout=MOPS, period=Y2025):  # type: ignore[no-untyped-def]
    chunk = pd.DataFrame(rows)
    chunk.insert(0, "row", range(2, 2 + len(rows)))
    return validate_records(chunk, layout, BOOK, period)


def reasons_of(result) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return [(r.row, r.column, r.reason) for r in result.rejections]


def test_it_keeps_a_good_row_with_canonical_codes() -> None:
    result = validate(mops_row(reasons="UBOSTWO | przemoc w rodzinie, 07", supports="Kurs,CIS"))
    assert result.rejections == []
    record = result.records.iloc[0]
    assert record["mops_reason"] == ("1", "7")
    assert record["mops_support"] == ("szkolenie", "cis")
    assert record["pesel"] == "44051401359"


def test_it_reads_a_label_that_holds_commas_whole() -> None:
    label = (
        "trudności w integracji osób, które otrzymały w Rzeczypospolitej Polskiej status "
        "uchodźcy, ochronę uzupełniającą lub zezwolenie na pobyt czasowy"
    )
    assert validate(mops_row(reasons=label)).records.iloc[0]["mops_reason"] == ("11",)


def test_it_reports_each_problem_with_row_and_column() -> None:
    result = validate(
        mops_row(),
        mops_row(pesel="44051401358"),
        mops_row(pesel="02381307589", reasons="1, nieznany powód"),
        mops_row(pesel="4405140135", address="", family_number=""),
    )
    assert len(result.records) == 1
    assert reasons_of(result) == [
        (3, "PESEL", "pesel_check_digit"),
        (4, "PESEL", "pesel_date"),
        (4, "Powody", "code_unknown"),
        (5, "Nr rodziny", "value_missing"),
        (5, "PESEL", "pesel_leading_zero_lost"),
        (5, "Adres", "address_missing"),
    ]
    unknown = result.rejections[2]
    assert unknown.params["position"] == 2 and "Value 2" in unknown.render()


def test_it_takes_name_and_birth_date_where_pesel_is_missing() -> None:
    result = validate(mops_row(pesel=""), mops_row(pesel="", birth_date=""))
    assert len(result.records) == 1
    assert reasons_of(result) == [(3, "PESEL", "identity_missing")]


def test_it_refuses_dates_after_the_period_and_unreadable_ones() -> None:
    result = validate(
        mops_row(pesel="", birth_date="2026-01-01"),
        mops_row(pesel="", birth_date="31.02.1980"),
        mops_row(pesel="", birth_date="1980-02-29 00:00:00"),
    )
    assert reasons_of(result)[:2] == [
        (2, "Data urodzenia", "date_after_period"),
        (3, "Data urodzenia", "date_format"),
    ]
    assert result.records["row"].tolist() == [4]


def test_it_refuses_a_code_not_in_force_in_the_period() -> None:
    row = {
        "pesel": "44051401359",
        "surname": "Kos",
        "first_name": "Jan",
        "address": "Długa 1",
        "locality": "Gubin",
        "categories": "do 25 roku życia",
        "instruments": "staż",
        "registration_date": "2012-03-01",
    }
    rejected = validate(row, layout=PUP)
    assert reasons_of(rejected) == [(2, "Kategorie", "code_not_in_force")]
    assert "do_25" in rejected.rejections[0].render()
    accepted = validate(row, layout=PUP, period=parse_period("2013-H2"))
    assert accepted.records.iloc[0]["pup_category"] == ("do_25",)
    assert accepted.records.iloc[0]["pup_instrument"] == ("staz",)


def test_it_reads_dates_in_the_forms_offices_write() -> None:
    written = pd.Series(["2025-03-01", "01.03.2025", "1/3/2025", "2025-03-01 12:00:00", "", "x"])
    parsed = parse_dates(written.to_numpy(dtype=object))
    assert [str(d) for d in parsed] == ["2025-03-01"] * 4 + ["NaT", "NaT"]


def test_it_reads_aggregate_counts_with_a_decimal_comma() -> None:
    chunk = pd.DataFrame(
        {
            "row": [2, 3, 4, 5],
            "unit_code": ["0862011", "0862011", "0862011", ""],
            "code": ["1", "przemoc w rodzinie", "4", "4"],
            "count": ["1 234,0", "7", "12,5", "3"],
        }
    )
    result = validate_aggregate(chunk, BOOK, Y2025, code_list="mops_reason")
    assert result.records[["code", "count"]].values.tolist() == [["1", 1234], ["7", 7]]
    assert [(r.row, r.reason) for r in result.rejections] == [
        (4, "count_format"),
        (5, "value_missing"),
    ]


def test_it_asks_for_a_known_code_list_in_aggregates() -> None:
    chunk = pd.DataFrame({"row": [2], "unit_code": ["1"], "code": ["1"], "count": ["3"]})
    result = validate_aggregate(chunk, BOOK, Y2025)
    assert [r.reason for r in result.rejections] == ["code_list_unknown"]


TEMPLATES = " ".join(
    text for m in MESSAGES.values()
    for text in ([m] if isinstance(m, str) else [m.singular, m.plural])
).casefold()
personal = st.text(
    alphabet="aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄĆĘŁŃÓŚŹŻ0123456789 -./,|",
    min_size=5,
    max_size=24,
).filter(lambda v: v.strip().casefold() not in TEMPLATES)
field = st.sampled_from(
    [
        "pesel",
        "surname",
        "first_name",
        "birth_date",
        "address",
        "family_number",
        "reasons",
        "supports",
        "postal_code",
    ]
)


@settings(max_examples=300)
@given(st.lists(st.tuples(field, personal), min_size=1, max_size=6))
def test_it_never_repeats_personal_data_in_rejections(cells: list[tuple[str, str]]) -> None:
    row = mops_row(**dict(cells))
    result = validate(row, mops_row(**(dict(cells) | {"pesel": ""})))
    for rejection in result.rejections:
        # Every language's message is a fixed template filled with these parameters.
        shown = f"{rejection.column} {rejection.reason} {rejection.render()} {rejection.params}"
        for _, value in cells:
            assert value.strip() not in shown
