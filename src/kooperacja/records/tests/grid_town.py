"""A town laid out on the EPSG:3035 kilometre grid, loaded from files as a user loads it:
boundaries, the address register, population per estate and a MOPS extract.

The town is 2 km × 2 km (inset 10 m from the grid lines), so ``make-grid`` cuts it into four
1 km cells: W and E along the southern row, where every address point lies, and two
northern cells with none. Along Długa (x in metres east of the town's west grid line):

    estate E1 (10–800):    Długa 1, 2, 3 at 200, 400, 600          900 residents
    estate E2 (800–1500):  Długa 4 at 900; 5, 6 at 1200, 1400      600 residents
    estate E3 (1500–1990): Długa 7–10 at 1600, 1700, 1800, 1900   2000 residents

Cell W holds Długa 1–4, cell E Długa 5–10; E2 straddles the two. Districts: D1 = E1 and
D2 = E2 + E3 in the first generation, D1 = E1 + E2 and D2 = E3 in the second.
"""

from __future__ import annotations

from pathlib import Path

import shapely
from pyproj import Transformer

from kooperacja.addresses.services.register import import_addresses
from kooperacja.records.models import Institution
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, mops_row, write_csv
from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.services.population import import_population
from kooperacja.testing import approve_submissions, write_layer

X0, Y0 = 5_020_000, 3_260_000
WEST_CELL = "CRS3035RES1000mN3260000E5020000"
EAST_CELL = "CRS3035RES1000mN3260000E5021000"
NORTH_CELLS = ("CRS3035RES1000mN3261000E5020000", "CRS3035RES1000mN3261000E5021000")
# Number on Długa → metres east of X0.
POINTS = {1: 200, 2: 400, 3: 600, 4: 900, 5: 1200, 6: 1400, 7: 1600, 8: 1700, 9: 1800, 10: 1900}
ESTATES = {"E1": (10, 800), "E2": (800, 1500), "E3": (1500, 1990)}
RESIDENTS = {"E1": 900, "E2": 600, "E3": 2000}
DISTRICTS = {1: {"D1": (10, 800), "D2": (800, 1990)}, 2: {"D1": (10, 1500), "D2": (1500, 1990)}}
# One MOPS client per number, two at Długa 1 and at Długa 10: 12 persons.
CLIENTS = [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]
REGISTER_HEADER = ("lokalny_id;teryt_gmina;teryt_miejscowosc;miejscowosc;czesc_miejscowosci;"
                   "teryt_ulica;ulica;numer_porzadkowy;kod_pocztowy;status;x_epsg_2180;y_epsg_2180")


def strip(west: float, east: float) -> shapely.Polygon:
    """The town's full height between ``west`` and ``east`` metres, in EPSG:3035."""
    return shapely.box(X0 + west, Y0 + 10, X0 + east, Y0 + 1990)


def write_units(path: Path, boxes: dict[str, tuple[float, float]]) -> Path:
    codes = list(boxes)
    return write_layer(path, [strip(*boxes[c]) for c in codes],
                       {"kod": codes, "nazwa": [f"Unit {c}" for c in codes]}, "EPSG:3035")


def import_districts(folder: Path, generation: int) -> None:
    path = write_units(folder / f"districts-{generation}.gpkg", DISTRICTS[generation])
    import_units(path, "district", "kod", "nazwa", parent_level="city")


def write_register(path: Path) -> Path:
    to_2180 = Transformer.from_crs("EPSG:3035", "EPSG:2180", always_xy=True)
    rows = []
    for number, east in POINTS.items():
        x, y = to_2180.transform(X0 + east, Y0 + 500)
        rows.append(f"p-dluga-{number};1465011;0918123;Testowo;;12345;Długa;{number};00-001;"
                    f"istniejacy;{x:.2f};{y:.2f}")
    path.write_text("\n".join([REGISTER_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def import_boundaries(folder: Path) -> None:
    import_units(write_units(folder / "city.gpkg", {"C": (10, 1990)}), "city", "kod", "nazwa")
    import_districts(folder, 1)
    import_units(write_units(folder / "estates.gpkg", ESTATES), "estate", "kod", "nazwa",
                 parent_level="district")


def import_estate_population(folder: Path) -> None:
    population = folder / "population.csv"
    population.write_text("kod;rok;liczba\n" + "".join(
        f"{estate};2024;{count}\n" for estate, count in RESIDENTS.items()), encoding="utf-8")
    import_population(population)


def build_grid_town(folder: Path) -> Institution:
    """Load the town's boundaries, register, 2024 population and the 2025 MOPS extract;
    returns the MOPS."""
    import_boundaries(folder)
    import_addresses(write_register(folder / "prg.csv"))
    import_estate_population(folder)
    mops = Institution.objects.create(code="mops", name="MOPS", kind="mops")
    extract = write_csv(folder / "mops-2025.csv", MOPS_HEADER,
                        [mops_row(n, "Długa", number) for n, number in enumerate(CLIENTS)])
    submission = import_submission(extract, mops, "2025", "mops")
    assert submission.addresses_unmatched == 0, submission.rejections
    approve_submissions(submission)  # the public sees approved submissions only
    return mops
