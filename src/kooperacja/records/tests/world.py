"""A small town to import into: a city, two estates, eight address points, valid PESELs.

Plain functions (not fixtures) so a subprocess can build the same town in its own
data directory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

import shapely
from django.utils import timezone

from kooperacja.addresses.models import AddressPoint, RegisterImport
from kooperacja.addresses.services.units import assign_units
from kooperacja.territory.models import Generation, Level, Unit

MOPS_HEADER = ["PESEL", "Nazwisko", "Imię", "Data urodzenia", "Ulica", "Nr domu", "Nr lokalu",
               "Miejscowość", "Kod pocztowy", "Nr rodziny", "Powody", "Formy pomocy"]
PUP_HEADER = ["PESEL", "Nazwisko", "Imię", "Adres", "Miejscowość", "Kategorie", "Instrumenty",
              "Data rejestracji"]
# Street → estate: Długa lies in E1, Krótka in E2.
STREETS = {"Długa": 0.005, "Krótka": 0.025}


def build_town() -> None:
    boxes = {"city": {"C1": shapely.box(0, 0, 0.03, 0.01)},
             "estate": {"E1": shapely.box(0, 0, 0.01, 0.01),
                        "E2": shapely.box(0.02, 0, 0.03, 0.01)}}
    city = None
    for rank, (level_code, units) in enumerate(boxes.items()):
        level = Level.objects.create(code=level_code, name=level_code, rank=10 * (rank + 1))
        generation = Generation.objects.create(
            level=level, valid_from=dt.date(2020, 1, 1), source="test", checksum=level_code)
        for code, box in units.items():
            unit = Unit.objects.create(
                generation=generation, level=level, code=code, name=code, parent=city,
                territory=city, geometry=shapely.to_geojson(box), area_km2=1.0)
            if city is None:
                city = unit
                unit.territory = unit
                unit.save()
    register = RegisterImport.objects.create(file_name="test", finished_at=timezone.now())
    for street, lon in STREETS.items():
        for number in range(1, 5):
            AddressPoint.objects.create(
                source_id=f"{street}-{number}", locality="Testowo", street=f"ul. {street}",
                number=str(number), postcode="00-001", x=0, y=0, lon=lon,
                lat=0.001 * number, register_import=register)
    assign_units(Generation.objects.current())


def pesel(n: int) -> str:
    """A valid PESEL of someone born in 1980, different for each ``n`` below 10⁵."""
    digits = f"8001{1 + n % 28:02d}{n // 28:04d}"[:10]
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights)) % 10) % 10
    return digits + str(check)


def write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def mops_row(n: int, street: str = "Długa", number: int = 1, family: int | None = None,
             reasons: str = "1", supports: str = "posiłek") -> list[str]:
    return [pesel(n), f"Zażółćwicz{n}", f"Gęślimir{n}", "", street, str(number), "",
            "Testowo", "", f"R{family if family is not None else n}", reasons, supports]


def stored_counts() -> str:
    """Every stored count, as JSON a subprocess can print."""
    from kooperacja.records.models import Submission, UnitCount

    rows = UnitCount.objects.filter(submission__status=Submission.Status.ACTIVE).values_list(
        "unit__code", "institution__code", "period", "code_list__code", "code__code",
        "persons", "families").order_by("unit__code", "code_list__code", "code__code")
    return json.dumps([list(r) for r in rows])
