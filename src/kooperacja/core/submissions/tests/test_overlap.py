from __future__ import annotations

import pandas as pd

from kooperacja.core.submissions.overlap import overlap

TYPES = ["training", "counselling", "financial_support"]

# p2 lives in U1 for MOPS and in U2 for PUP; p4's MOPS address was not placed.
MOPS = pd.DataFrame(
    [
        ("p1", "U1", "training"),
        ("p1", "U1", "financial_support"),
        ("p2", "U1", None),
        ("p3", "U2", "training"),
        ("p4", None, "counselling"),
        ("p5", "U2", "training"),
    ],
    columns=["person", "unit_code", "instrument_type"],
)
PUP = pd.DataFrame(
    [
        ("p1", "U1", "training"),
        ("p2", "U2", "financial_support"),
        ("p3", "U2", "counselling"),
        ("p4", "U3", "counselling"),
        ("p6", "U3", "training"),
    ],
    columns=["person", "unit_code", "instrument_type"],
)

BY_HAND = [
    # unit, persons_both, same_training, same_counselling, same_financial_support
    ["U1", 2, 1, 0, 0],
    ["U2", 2, 0, 0, 0],
    ["U3", 1, 0, 1, 0],
    ["U4", 0, 0, 0, 0],
    ["*", 4, 1, 1, 0],
]


def test_it_equals_the_numbers_counted_by_hand() -> None:
    result = overlap(MOPS, PUP, TYPES, units=["U1", "U2", "U3", "U4"])
    assert list(result.columns) == [
        "unit_code",
        "persons_both",
        "same_training",
        "same_counselling",
        "same_financial_support",
    ]
    assert result.values.tolist() == BY_HAND


def test_it_does_not_depend_on_which_institution_comes_first() -> None:
    pd.testing.assert_frame_equal(overlap(MOPS, PUP, TYPES), overlap(PUP, MOPS, TYPES))


def test_it_reports_zeros_when_nobody_is_shared() -> None:
    result = overlap(MOPS[MOPS["person"] == "p5"], PUP, TYPES)
    assert result.values.tolist() == [["*", 0, 0, 0, 0]]
