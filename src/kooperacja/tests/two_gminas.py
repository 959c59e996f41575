"""Two gminas in one installation, A and B, filled through the real imports.

    powiat 2499 ─┬─ A 2499011 ── A1 (Alfa, ul. Długa)  A2 (Alfa, ul. Krótka)
                 └─ B 2499021 ── B1 (Beta, ul. Długa)  B2 (Beta, ul. Krótka)  (B east of A)

Both localities have a Długa and a Krótka street: the geocoder tells them apart by locality.
Each gmina has its MOPS and its diagnosis team; a powiat labour office (PUP) sends one
extract with people of both. B's estates hold few MOPS clients each (3 and 4: above the
analysts' threshold, below the public's), so their values are what only B's analysts
may see; :func:`move_b` moves B's MOPS clients from one of its estates to the other, which
changes those values and nothing a public or an A analyst's answer may show. B2 has twice
B1's residents, so the move changes the set of B's values too: a class boundary, smoothing
prior or rate computed over both gminas at the analysts' threshold would carry it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import shapely
from django.contrib.auth.models import User
from django.utils import timezone

from kooperacja.addresses.models import AddressPoint, RegisterImport
from kooperacja.addresses.services.units import assign_units
from kooperacja.records.models import Institution, Membership, Submission
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, PUP_HEADER, mops_row, pesel, write_csv
from kooperacja.territory.models import Generation, Level, Population, Unit
from kooperacja.territory.services.scopes import assign_territories
from kooperacja.testing import PASSWORD, approve_submissions

PERIOD = "2025"
A, B = "2499011", "2499021"
POWIAT = "2499"
LOCALITY = {A: "Alfa", B: "Beta"}
# Estate → (gmina, street, western edge in degrees of longitude).
ESTATES = {"A1": (A, "Długa", 19.0), "A2": (A, "Krótka", 19.02),
           "B1": (B, "Długa", 19.2), "B2": (B, "Krótka", 19.22)}
RESIDENTS = {"A1": 1000, "A2": 1000, "B1": 1000, "B2": 2000}
# Clients of each gmina's MOPS per street (persons), and the PUP's registered per locality
# and street: (people also helped by the MOPS, others).
MOPS = {A: {"Długa": 12, "Krótka": 20}, B: {"Długa": 3, "Krótka": 4}}
PUP = {A: {"Długa": (5, 3), "Krótka": (0, 9)}, B: {"Długa": (3, 1), "Krótka": (0, 4)}}


def _box(west: float) -> shapely.Geometry:
    return shapely.box(west, 52.0, west + 0.0146, 52.009)


def build_units() -> dict[str, Unit]:
    """The powiat, its two gminas (each, with its TERYT code, a territory of its own,
    territory/services/scopes.py) and their estates."""
    units: dict[str, Unit] = {}
    gminas = {A: shapely.box(19.0, 52.0, 19.0346, 52.009),
              B: shapely.box(19.2, 52.0, 19.2346, 52.009)}
    specs = (("powiat", 5, {POWIAT: (None, shapely.union_all(list(gminas.values())))}),
             ("city", 10, {code: (POWIAT, box) for code, box in gminas.items()}),
             ("estate", 30, {code: (gmina, _box(west))
                             for code, (gmina, _, west) in ESTATES.items()}))
    for level_code, rank, members in specs:
        level = Level.objects.create(code=level_code, name=level_code.title(), rank=rank)
        generation = Generation.objects.create(level=level, valid_from=dt.date(2020, 1, 1),
                                               source=f"{level_code}.gpkg", checksum=level_code)
        for code, (parent, geometry) in members.items():
            unit = Unit.objects.create(
                generation=generation, level=level, code=code, name=f"Unit {code}",
                parent=units.get(parent) if parent else None,
                teryt=code if level_code != "estate" else "",
                geometry=shapely.to_geojson(geometry), area_km2=1.0)
            units[code] = unit
    assign_territories()
    for unit in units.values():
        unit.refresh_from_db()
    for code in ESTATES:
        Population.objects.create(unit=units[code], year=int(PERIOD), count=RESIDENTS[code])
        for sex in ("K", "M"):
            for band, share in (("0-17", 0.2), ("18-29", 0.15), ("30-49", 0.3),
                                ("50-64", 0.15), ("65+", 0.2)):
                Population.objects.create(unit=units[code], year=int(PERIOD), sex=sex,
                                          age_band=band,
                                          count=round(RESIDENTS[code] * share / 2))
    return units


def build_register() -> None:
    """Eight address points per street of each locality, inside its estate."""
    register = RegisterImport.objects.create(file_name="test", finished_at=timezone.now())
    for code, (gmina, street, west) in ESTATES.items():
        for number in range(1, 9):
            AddressPoint.objects.create(
                source_id=f"{code}-{number}", teryt_gmina=gmina, locality=LOCALITY[gmina],
                street=f"ul. {street}", number=str(number), postcode="00-001", x=0, y=0,
                lon=west + 0.007, lat=52.001 + 0.0008 * number, register_import=register)
    assign_units(Generation.objects.current())


def _person(gmina: str, street: str, k: int) -> int:
    """A number for the k-th person of a gmina's street (their PESEL is ``pesel(n)``)."""
    return (0 if gmina == A else 1000) + (0 if street == "Długa" else 500) + k


def _where(gmina: str, street: str, moved: bool) -> str:
    if gmina == B and moved:
        return {"Długa": "Krótka", "Krótka": "Długa"}[street]
    return street


def mops_file(path: Path, gmina: str, moved: bool = False) -> Path:
    rows = [mops_row(_person(gmina, street, k), _where(gmina, street, moved), 1 + k % 8,
                     reasons="1,4")
            for street, n in MOPS[gmina].items() for k in range(n)]
    for row in rows:
        row[7] = LOCALITY[gmina]  # Miejscowość
    return write_csv(path, MOPS_HEADER, rows)


def pup_file(path: Path, moved: bool = False) -> Path:
    """The powiat labour office's extract: people of both gminas, some also MOPS clients."""
    rows = []
    for gmina, streets in PUP.items():
        for street, (shared, others) in streets.items():
            for k in range(shared + others):
                n = _person(gmina, street, k) if k < shared else _person(gmina, street, 200 + k)
                rows.append([pesel(n), f"Nazwisko{n}", f"Imię{n}",
                             f"ul. {_where(gmina, street, moved)} {1 + k % 8}", LOCALITY[gmina],
                             "długotrwale bezrobotny", "szkolenie", "2024-03-01"])
    return write_csv(path, PUP_HEADER, rows)


def pup_truth() -> dict[str, int]:
    """The PUP's registered per gmina."""
    return {gmina: sum(a + b for a, b in streets.values()) for gmina, streets in PUP.items()}


def import_extracts(world: SimpleNamespace, folder: Path) -> None:
    """Every extract of the period, approved."""
    world.mops_a_submission = import_submission(
        mops_file(folder / "mops_a.csv", A), world.mops_a, PERIOD, "mops")
    world.mops_b_submission = import_submission(
        mops_file(folder / "mops_b.csv", B), world.mops_b, PERIOD, "mops")
    world.pup_submission = import_submission(pup_file(folder / "pup.csv"), world.pup,
                                             PERIOD, "pup")
    approve_submissions(Submission.objects.active())


def move_b(world: SimpleNamespace, folder: Path) -> None:
    """B's MOPS clients move to B's other estate: B's MOPS sends its extract anew."""
    world.mops_b_submission = import_submission(
        mops_file(folder / "mops_b_moved.csv", B, moved=True), world.mops_b, PERIOD, "mops")
    approve_submissions(world.mops_b_submission)


def build_world(folder: Path) -> SimpleNamespace:
    units = build_units()
    build_register()
    world = SimpleNamespace(units=units, a=units[A], b=units[B], powiat=units[POWIAT])
    for name, code, kind, territory in (
            ("mops_a", "MOPS-A", "mops", units[A]), ("mops_b", "MOPS-B", "mops", units[B]),
            ("pup", "PUP", "pup", units[POWIAT]), ("team_a", "TEAM-A", "other", units[A]),
            ("team_b", "TEAM-B", "other", units[B]),
            ("team_p", "TEAM-P", "other", units[POWIAT])):
        setattr(world, name, Institution.objects.create(code=code, name=f"Institution {code}",
                                                        kind=kind, territory=territory))
    for name, role, institution in (("analyst_a", "analyst", world.team_a),
                                    ("analyst_b", "analyst", world.team_b),
                                    ("analyst_p", "analyst", world.team_p),
                                    ("coordinator_a", "coordinator", world.team_a)):
        user = User.objects.create_user(f"{name}@example.org", f"{name}@example.org", PASSWORD)
        Membership.objects.create(user=user, institution=institution, role=role)
        setattr(world, name, user)
    world.admin = User.objects.create_superuser("admin@example.org", "admin@example.org",
                                                PASSWORD)
    import_extracts(world, folder)
    return world
