"""About a hundred resources (facilities and services), placed where such places usually are.

Offices and crisis services sit near the centre; schools, clinics and day-care follow the
residents; none of the social services is in the industrial district, which the manifest
records as the high-need, poorly served one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import names
from .geography import Geography
from .streets import Street

CENTRAL_SCALE_M = 1500.0
CENTRAL_SPACING_M = 400.0
SPACING_M = 700.0
UNDERSERVED_WEIGHT = 0.25


@dataclass(frozen=True)
class ResourceKind:
    """A kind of resource: how many, what it is called, where it stands, what it offers."""

    code: str
    label: str
    count: int
    problems: tuple[str, ...]
    central: bool
    social: bool
    capacity: tuple[int, int]
    hours: str
    titles: tuple[str, ...]


_C = names.CITY_LOCATIVE
KINDS: tuple[ResourceKind, ...] = (
    ResourceKind(
        "social_assistance",
        "ośrodek pomocy społecznej",
        6,
        ("1", "4", "5", "6", "9"),
        True,
        True,
        (40, 150),
        "pn–pt 7:30–15:30",
        (
            f"Miejski Ośrodek Pomocy Społecznej w {_C}",
            "Filia nr 1 MOPS",
            "Filia nr 2 MOPS",
            "Filia nr 3 MOPS",
            "Filia nr 4 MOPS",
            "Filia nr 5 MOPS",
        ),
    ),
    ResourceKind(
        "labour_office",
        "urząd pracy",
        2,
        ("4",),
        True,
        True,
        (80, 200),
        "pn–pt 8:00–15:00",
        (f"Powiatowy Urząd Pracy w {_C}", "Powiatowy Urząd Pracy – Punkt Obsługi Klienta"),
    ),
    ResourceKind(
        "family_support",
        "placówka wsparcia dziennego",
        10,
        ("2", "8", "9"),
        False,
        True,
        (15, 40),
        "pn–pt 12:00–18:00",
        tuple(
            f"Świetlica Środowiskowa „{n}”"
            for n in (
                "Promyk",
                "Tęcza",
                "Słoneczko",
                "Przystań",
                "Iskierka",
                "Azyl",
                "Oaza",
                "Kolorowa",
                "Ognisko",
                "Bajka",
            )
        ),
    ),
    ResourceKind(
        "community_centre",
        "centrum aktywności lokalnej",
        6,
        ("9", "14"),
        False,
        True,
        (30, 120),
        "pn–pt 10:00–20:00, sob 10:00–14:00",
        (),
    ),
    ResourceKind(
        "social_integration",
        "centrum lub klub integracji społecznej",
        3,
        ("4", "12", "13"),
        True,
        True,
        (20, 60),
        "pn–pt 7:00–15:00",
        (
            f"Centrum Integracji Społecznej w {_C}",
            "Klub Integracji Społecznej „Szansa”",
            "Klub Integracji Społecznej przy MOPS",
        ),
    ),
    ResourceKind(
        "shelter",
        "schronisko lub noclegownia",
        2,
        ("3",),
        True,
        True,
        (25, 60),
        "całodobowo",
        (
            "Noclegownia dla Bezdomnych Mężczyzn",
            "Schronisko dla Bezdomnych Kobiet im. św. Brata Alberta",
        ),
    ),
    ResourceKind(
        "soup_kitchen",
        "jadłodajnia",
        3,
        ("1", "3"),
        True,
        True,
        (60, 200),
        "pn–sob 12:00–15:00",
        (
            "Jadłodajnia Caritas",
            "Kuchnia Społeczna „Chleb Powszedni”",
            "Jadłodajnia Towarzystwa Pomocy im. św. Brata Alberta",
        ),
    ),
    ResourceKind(
        "addiction_counselling",
        "poradnictwo w sprawie uzależnień",
        3,
        ("13",),
        True,
        True,
        (10, 40),
        "pn–pt 10:00–18:00",
        (
            "Punkt Konsultacyjny ds. Uzależnień",
            "Poradnia Terapii Uzależnienia od Alkoholu",
            "Klub Abstynenta „Odnowa”",
        ),
    ),
    ResourceKind(
        "violence_counselling",
        "pomoc osobom doznającym przemocy",
        2,
        ("7", "14"),
        True,
        True,
        (8, 20),
        "pn–pt 8:00–20:00",
        ("Ośrodek Interwencji Kryzysowej", "Punkt Wsparcia dla Osób Doznających Przemocy Domowej"),
    ),
    ResourceKind(
        "psychological_help",
        "pomoc psychologiczna",
        4,
        ("6", "7", "9"),
        True,
        True,
        (10, 40),
        "pn–pt 8:00–18:00",
        (
            "Poradnia Psychologiczno-Pedagogiczna nr 1",
            "Poradnia Psychologiczno-Pedagogiczna nr 2",
            "Centrum Zdrowia Psychicznego",
            "Punkt Pomocy Psychologicznej",
        ),
    ),
    ResourceKind("school", "szkoła", 25, (), False, False, (200, 800), "pn–pt 7:00–17:00", ()),
    ResourceKind(
        "clinic", "przychodnia", 15, ("5", "6"), False, False, (60, 250), "pn–pt 8:00–18:00", ()
    ),
    ResourceKind(
        "police",
        "policja",
        3,
        ("7", "13"),
        True,
        False,
        (20, 80),
        "całodobowo",
        (f"Komenda Miejska Policji w {_C}", "Komisariat Policji I", "Komisariat Policji II"),
    ),
    ResourceKind(
        "probation",
        "kuratorska służba sądowa",
        1,
        ("12",),
        True,
        True,
        (20, 60),
        "pn–pt 8:00–16:00",
        (f"Zespół Kuratorskiej Służby Sądowej Sądu Rejonowego w {_C}",),
    ),
    ResourceKind(
        "ngo",
        "organizacja pozarządowa",
        15,
        ("1", "5", "9"),
        False,
        True,
        (10, 80),
        "wt, czw 10:00–16:00",
        (
            "Stowarzyszenie Pomocy Rodzinie „Razem”",
            "Fundacja „Dobry Start”",
            "Polski Komitet Pomocy Społecznej – Zarząd Miejski",
            f"Stowarzyszenie na rzecz Osób z Niepełnosprawnością – Koło w {_C}",
            "Stowarzyszenie Seniorów „Złota Jesień”",
            "Fundacja Aktywizacji Zawodowej „Krok”",
            f"Bank Żywności – Punkt w {_C}",
            "Stowarzyszenie „Otwarte Drzwi”",
            "Fundacja „Po Drugiej Stronie”",
            f"Towarzystwo Przyjaciół Dzieci – Oddział w {_C}",
            "Parafialny Zespół Caritas",
            "Stowarzyszenie Rodzin Abstynenckich „Sobrietas”",
            "Fundacja „Wspólny Dom”",
            "Stowarzyszenie Sąsiedzkie „Nasze Podwórko”",
            f"Uniwersytet Trzeciego Wieku w {_C}",
        ),
    ),
)


def place_resources(
    rng: np.random.Generator, geo: Geography, points: pd.DataFrame, streets: list[Street]
) -> pd.DataFrame:
    """One row per resource with its address point and the fields of resources.csv."""
    estate = points["estate"].to_numpy()
    district_of = np.array([e.district for e in geo.estates], dtype=object)[estate]
    village = np.array([e.kind == "village" for e in geo.estates])[estate]
    named = points["street"].to_numpy() != ""
    distance = np.hypot(
        points["x"].to_numpy() - geo.centre[0], points["y"].to_numpy() - geo.centre[1]
    )
    underserved = district_of == geo.industrial_district
    estate_names = [e.name for e in geo.estates]
    xy = points[["x", "y"]].to_numpy()
    titles: set[str] = set()
    rows = []
    for kind in KINDS:
        weight = points["residents"].to_numpy() * named * np.where(village, 0.2, 1.0)
        if kind.central:
            weight = weight * np.exp(-distance / CENTRAL_SCALE_M)
        weight = weight * np.where(underserved, 0.0 if kind.social else UNDERSERVED_WEIGHT, 1.0)
        spacing = CENTRAL_SPACING_M if kind.central else SPACING_M
        chosen = _spread(rng, weight, kind.count, xy, spacing)
        if kind.central:
            # The head office of a service is the one nearest the centre.
            chosen = chosen[np.argsort(distance[chosen], kind="stable")]
        for k, p in enumerate(chosen):
            title = _title(kind, k, estate_names[estate[p]])
            while title in titles:
                title += " II"
            titles.add(title)
            rows.append({"kind": kind, "point": int(p), "title": title})
    return _fields(rng, rows, points, streets)


def _spread(
    rng: np.random.Generator, weight: np.ndarray, count: int, xy: np.ndarray, spacing: float
) -> np.ndarray:
    """`count` points drawn by weight, each at least `spacing` from the others where possible."""
    candidates = rng.choice(len(weight), count * 40, p=weight / weight.sum())
    chosen: list[int] = []
    for c in candidates:
        if all(np.hypot(*(xy[c] - xy[k])) >= spacing for k in chosen):
            chosen.append(int(c))
            if len(chosen) == count:
                return np.array(chosen)
    rest = [int(c) for c in dict.fromkeys(candidates) if c not in chosen]
    return np.array(chosen + rest[: count - len(chosen)])


def _title(kind: ResourceKind, k: int, estate: str) -> str:
    if kind.titles:
        return kind.titles[k]
    if kind.code == "community_centre":
        return f"Centrum Aktywności Lokalnej „{estate}”"
    if kind.code == "school":
        return f"Szkoła Podstawowa nr {k + 1} w {names.CITY_LOCATIVE}"
    return f"Przychodnia Rejonowa nr {k + 1}"


def _fields(
    rng: np.random.Generator, rows: list[dict], points: pd.DataFrame, streets: list[Street]
) -> pd.DataFrame:
    phone = rng.integers(200_00_00, 499_99_99, len(rows))
    size = rng.uniform(size=len(rows))
    table = []
    for n, (row, tel, u) in enumerate(zip(rows, phone, size), start=1):
        kind: ResourceKind = row["kind"]
        point = points.iloc[row["point"]]
        street = streets[int(point["street_index"])].name
        assert street is not None
        low, high = kind.capacity
        table.append(
            {
                "id": f"R{n:03d}",
                "name": row["title"],
                "kind": kind.code,
                "kind_label": kind.label,
                "address": f"{street.office_full} {point['number']}",
                "postcode": point["postcode"],
                "locality": point["locality"],
                "phone": f"+48 32 {str(tel)[:3]} {str(tel)[3:5]} {str(tel)[5:]}",
                "opening_hours": kind.hours,
                "capacity": int(low + (high - low) * u),
                "problems": ",".join(kind.problems),
                "point": row["point"],
            }
        )
    return pd.DataFrame(table)
