"""A MOPS extract whose flats carry numbers of buildings too is counted in full."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kooperacja.addresses.models import AddressPoint, RegisterImport
from kooperacja.addresses.services.units import assign_units
from kooperacja.records.models import Institution, Submission, UnitCount
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, build_town, mops_row, write_csv
from kooperacja.territory.models import Generation, Unit

pytestmark = pytest.mark.django_db
# Street -> longitude: Ogrodowa lies in estate E1, Leśna in E2 (see records' test town).
EVEN_SIDES = {"Ogrodowa": 0.005, "Leśna": 0.025}


@pytest.fixture
def mops(db) -> Institution:
    """The records' test town, plus two streets with only even numbers 2-40."""
    build_town()
    register = RegisterImport.objects.create(file_name="even", finished_at=timezone.now())
    for street, lon in EVEN_SIDES.items():
        for number in range(2, 41, 2):
            AddressPoint.objects.create(
                source_id=f"{street}-{number}", locality="Testowo", street=f"ul. {street}",
                number=str(number), postcode="00-001", x=0, y=0, lon=lon, lat=0.0001 * number,
                register_import=register)
    assign_units(Generation.objects.current(), register.pk)
    city = Unit.objects.get(code="C1")
    return Institution.objects.create(code="mops", name="MOPS", kind="mops", territory=city)


def persons_per_estate(submission: Submission) -> dict[str, int]:
    rows = UnitCount.objects.filter(
        submission=submission, unit__code__in=["E1", "E2"], code_list__code="mops_reason",
        code__code="1")
    return dict(rows.values_list("unit__code", "persons"))


def test_it_counts_every_client_whose_flat_number_is_also_a_building(tmp_path, mops):
    rows, per_estate = [], {"E1": 0, "E2": 0}
    for n in range(300):
        street = ("Ogrodowa", "Leśna")[n % 2]
        building = 2 * (1 + n % 19)
        row = mops_row(n, street, building)
        if n % 5 == 0:
            row[5] = f"{building}/{building + 2}"  # "22/24" written in the building column
        else:
            row[6] = str(building + 2 if n % 3 else n % 7 + 1)  # flat 24 of building 22
        rows.append(row)
        per_estate[("E1", "E2")[n % 2]] += 1
    submission = import_submission(write_csv(tmp_path / "mops.csv", MOPS_HEADER, rows),
                                   mops, "2025", "mops")
    assert (submission.addresses_matched, submission.addresses_unmatched) == (300, 0)
    assert persons_per_estate(submission) == per_estate == {"E1": 150, "E2": 150}
