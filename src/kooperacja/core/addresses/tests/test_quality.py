"""Quality on messy addresses: >= 98 % of matchable ones right, <= 0.2 % wrong; every
"building/flat" form right where the building exists."""

from __future__ import annotations

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.habits import BUILDING_FLAT_FORMS, HABIT_FORMS, HABITS
from kooperacja.democity.address_cases.messy import messy_addresses
from kooperacja.democity.address_cases.register import Register
from kooperacja.democity.address_cases.scoring import score
from kooperacja.democity.address_cases.written_forms import WRITTEN_FORMS


def test_it_matches_generated_messy_addresses(geocoder: Geocoder, register: Register) -> None:
    cases = messy_addresses(register, size=1000)
    matchable, right, wrong = score(geocoder, register, cases)
    assert len(cases) >= 500
    assert right / matchable >= 0.98
    assert wrong / len(cases) <= 0.002


def test_it_matches_hand_written_forms(geocoder: Geocoder, register: Register) -> None:
    matchable, right, wrong = score(geocoder, register, WRITTEN_FORMS)
    assert len(WRITTEN_FORMS) >= 80
    assert right / matchable >= 0.98
    assert wrong == 0


def test_it_never_claims_a_point_for_unmatchable_forms(
    geocoder: Geocoder, register: Register
) -> None:
    unmatchable = [c for c in WRITTEN_FORMS if c[2] is None]
    statuses = [geocoder.match(text, locality).status for text, locality, _ in unmatchable]
    assert len(unmatchable) >= 10
    assert "matched" not in statuses


def test_it_matches_hand_written_address_habits(geocoder: Geocoder, register: Register) -> None:
    matchable, right, wrong = score(geocoder, register, HABIT_FORMS)
    assert len(HABIT_FORMS) >= 150
    assert right / matchable >= 0.98
    assert wrong / len(HABIT_FORMS) <= 0.002


def test_it_reads_every_building_flat_form_whose_building_exists(
    geocoder: Geocoder, register: Register
) -> None:
    matchable, right, wrong = score(geocoder, register, BUILDING_FLAT_FORMS)
    assert (right, wrong) == (matchable, 0)


def test_it_claims_no_point_for_names_of_other_streets(geocoder: Geocoder) -> None:
    negatives = [c for cases in HABITS.values() for c in cases if c[2] is None]
    statuses = [geocoder.match(text, locality).status for text, locality, _ in negatives]
    assert len(negatives) >= 30
    assert "matched" not in statuses
