"""A region for the statistics' tests: voivodeship 24, its powiat 2401 and two of the
powiat's gminas, and files shaped as GUS BDL and a regional centre write them."""

from __future__ import annotations

import datetime as dt

import shapely
from openpyxl import Workbook

from kooperacja.territory.models import Generation, Level, Unit

# A region: voivodeship 24, its powiat 2401, two of the powiat's gminas held here (a town
# and an urban-rural gmina). 2401022 and powiat 2402's gminas are in the files but not here.
GMINAS = {"2401011": "Miasto", "2401033": "Gmina Miejsko-Wiejska"}
# BDL's own ids of the same units (digits 3-4 voivodeship, 8-9 powiat, 10-12 gmina).
BDL_ID = {"2401011": "012420401011", "2401033": "012420401033", "2401022": "012420401022",
          "2401034": "012420401034", "2402011": "012420402011", "2401": "012420401000",
          "24": "012400000000", "PL": "000000000000"}
# Residents per single year of age and sex: 20 in the town, 5 in the other gmina (0-100+).
PER_AGE = {"2401011": 20, "2401033": 5}


def _box(i: int) -> str:
    return shapely.to_geojson(shapely.box(19 + 0.1 * i, 50, 19.1 + 0.1 * i, 50.1))


def build_region() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    specs = [("wojewodztwo", 10, {"24": None}), ("powiat", 20, {"2401": "24"}),
             ("gmina", 30, {t: "2401" for t in GMINAS})]
    for level_code, rank, members in specs:
        level = Level.objects.create(code=level_code, name=level_code, rank=rank)
        generation = Generation.objects.create(level=level, valid_from=dt.date(2024, 1, 1),
                                               source="prg", checksum=level_code)
        for i, (code, parent) in enumerate(members.items()):
            units[code] = Unit.objects.create(
                generation=generation, level=level, code=code, teryt=code,
                name=GMINAS.get(code, code), parent=units.get(parent) if parent else None,
                geometry=_box(i), area_km2=100.0)
    for unit in units.values():
        Unit.objects.filter(pk=unit.pk).update(territory=unit)
    return units


def population_vertical(path, encoding: str = "cp1250") -> None:
    """BDL's vertical export of "Ludność według pojedynczych roczników wieku i płci"."""
    lines = ["Kod;Nazwa;Płeć;Wiek;Rok;Wartosc;Jednostka miary;Atrybut;"]
    ages = [str(a) for a in range(100)] + ["100 lat i więcej"]
    for teryt, per_age in [*PER_AGE.items(), ("2402011", 7)]:
        for word in ("kobiety", "mężczyźni"):
            for age in ages:
                lines.append(f"{BDL_ID[teryt]};Gmina;{word};{age};2023;{per_age};osoba;;")
            lines.append(f"{BDL_ID[teryt]};Gmina;{word};ogółem;2023;{per_age * 101};osoba;;")
        lines.append(f"{BDL_ID[teryt]};Gmina;ogółem;ogółem;2023;{per_age * 202};osoba;;")
    lines.append(f"{BDL_ID['PL']};POLSKA;ogółem;ogółem;2023;37636508;osoba;;")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def unemployment(path) -> None:
    """BDL's vertical export of "Bezrobotni zarejestrowani według płci", UTF-8 with BOM:
    a confidential value (attribute), a count written with a space, one gmina not held."""
    rows = [
        "Kod;Nazwa;Płeć;Rok;Wartosc;Jednostka miary;Atrybut",
        f"{BDL_ID['2401011']};Miasto (1);ogółem;2023;1 212;osoba;",
        f"{BDL_ID['2401011']};Miasto (1);mężczyźni;2023;606,0;osoba;",
        f"{BDL_ID['2401011']};Miasto (1);kobiety;2023;606;osoba;",
        f"{BDL_ID['2401033']};Gmina (3);ogółem;2023;202;osoba;",
        f"{BDL_ID['2401033']};Gmina (3);mężczyźni;2023;0;osoba;#",
        f"{BDL_ID['2401033']};Gmina (3);kobiety;2023;-;osoba;",
        f"{BDL_ID['2401034']};Gmina - miasto (4);ogółem;2023;150;osoba;",
        f"{BDL_ID['2402011']};Inna (1);ogółem;2023;99;osoba;",
        f"{BDL_ID['2401']};Powiat;ogółem;2023;1414;osoba;",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")


def mrpips03(path) -> None:
    """A regional centre's MRPiPS-03 table: a title above the header, TERYT as numbers,
    reasons as columns (a "w tym" part among them), a "-" for no data, a gmina not held and
    the region's total line."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Powody przyznania pomocy społecznej w 2023 r. (MRPiPS-03, dział 3)"])
    sheet.append([])
    sheet.append(["TERYT", "Gmina", "Liczba osób, którym przyznano decyzją świadczenie",
                  "Ubóstwo", "Bezrobocie", "Niepełnosprawność",
                  "Długotrwała lub ciężka choroba",
                  "Bezradność w sprawach opiekuńczo-wychowawczych i prowadzenia gospodarstwa "
                  "domowego", "w tym: rodziny wielodzietne", "Przemoc w rodzinie", "Alkoholizm",
                  "Narkomania", "Bezdomność"])
    sheet.append([2401011, "Miasto", 404, 150, 120, 90, 80, 40, 12, 10, 30, 4, 6])
    sheet.append([2401033, "Gmina", 101, 60, 40, 20, 25, 10, 3, "-", 8, 1, 0])
    sheet.append([2402011, "Inna", 55, 20, 10, 5, 5, 5, 1, 1, 1, 0, 0])
    sheet.append(["Razem", "", 560, 230, 170, 115, 110, 55, 16, 11, 39, 5, 6])
    book.save(path)
