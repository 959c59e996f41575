"""A demo-like installation for the catalogue's tests: the indicator tests' city (three
levels, population of two years), the shared personas, an active MOPS submission the public
indicators count, a PUP submission that failed, partners' aggregates, the TERC and address
registers and a place of help."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from kooperacja.addresses.models import RegisterImport
from kooperacja.indicators.models import Aggregate, AggregateImport
from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.records.models import Submission
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.territory.models import Level, TercUnit
from kooperacja.testing import _root_unit, build_personas


def build_installation() -> SimpleNamespace:
    units = build_city()
    cast = build_personas(units["C"], _root_unit("Y"))
    cast.units = units
    cast.submission = counts(units, "2025", {"E1": 10, "E2": 10, "E3": 20, "E4": 2}, who=cast.a)
    Submission.objects.filter(pk=cast.submission.pk).update(
        created_by=cast.partner_a, rows_imported=42, file_name="Kowalski_Jan.csv")
    cast.failed = Submission.objects.create(
        institution=cast.b, period="2024", period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31), layout="pup", status="failed",
        created_by=cast.partner_b, finished_at=timezone.now())
    source = AggregateImport.objects.create(
        file_name="policja.csv", checksum="x", period="2025", code_list="police",
        level=Level.objects.get(code="estate"), rows=4)
    Aggregate.objects.create(source=source, unit=units["E1"], period="2025",
                             code_list="police", code="domestic", count=12)
    TercUnit.objects.create(code="1465011", name="Warszawa", kind="gmina miejska",
                            valid_on=dt.date(2025, 1, 1))
    RegisterImport.objects.create(file_name="PRG_PunktyAdresowe_1465.gml", format="prg2021",
                                  finished_at=timezone.now(), points=1234, new=1234)
    Resource.objects.create(name="Punkt A", kind=ResourceKind.objects.first(), owner=cast.a,
                            is_public=True, last_verified=dt.date(2026, 6, 1), source="MOPS")
    return cast
