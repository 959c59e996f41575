"""Geocoder quality on the project's test sets of messy addresses (the cases of
``core/addresses/tests/test_quality.py``, from ``democity/address_cases/``), as figures
rather than a pass or a fail.

Targets (issues 3 and 14): >= 98 % of the matchable addresses matched to the right point,
<= 0.2 % of all the addresses matched to a wrong point, on every set; and every
"building/flat" form right where the building exists. The hand-written address habits
(``habits.py``) are printed as a whole and per habit. The figures do not depend on the
machine; ``quick`` scores a tenth of the generated cases.
"""

from __future__ import annotations

from collections.abc import Iterator

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.habits import HABIT_FORMS, HABITS
from kooperacja.democity.address_cases.messy import messy_addresses
from kooperacja.democity.address_cases.register import build_register
from kooperacja.democity.address_cases.scoring import score
from kooperacja.democity.address_cases.written_forms import WRITTEN_FORMS


def run(quick: bool = False) -> Iterator[dict]:
    register = build_register()
    geocoder = Geocoder(register.index())
    sets = {"messy_generated": messy_addresses(register, size=100 if quick else 1000),
            "hand_written_forms": WRITTEN_FORMS,
            "habits": HABIT_FORMS,
            **{f"habits_{habit}": cases for habit, cases in HABITS.items()}}
    for name, cases in sets.items():
        matchable, right, wrong = map(int, score(geocoder, register, cases))
        yield {"name": name, "cases": len(cases), "matchable": matchable, "right": right,
               "right_share": round(right / matchable, 4) if matchable else None,
               "wrong": wrong,
               "wrong_share": round(wrong / len(cases), 4)}
