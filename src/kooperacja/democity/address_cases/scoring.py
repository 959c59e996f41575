"""Scoring a geocoder on cases of (text, locality, the register key meant or None)."""

from __future__ import annotations

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.register import Register


def score(geocoder: Geocoder, register: Register, cases: list) -> tuple[int, int, int]:
    """(matchable, right, wrong): wrong is any match to another point than the one meant."""
    matchable = right = wrong = 0
    result = geocoder.geocode([c[0] for c in cases], [c[1] for c in cases])
    for (_, _, expected), status, row in zip(cases, result.status, result.row):
        want = register.rows[expected] if expected else -1
        matchable += expected is not None
        if status == "matched":
            right += row == want
            wrong += row != want
    return matchable, right, wrong
