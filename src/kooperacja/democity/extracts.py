"""The institutions' extracts as their systems export them: MOPS CSV rows and PUP sheet rows.

The MOPS extract carries a small number of deliberately bad rows; each is returned with its
row number so that tests can check that the platform rejects exactly those.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kooperacja.core.text import plain_letters

from . import codes, names
from .names import StreetName
from .pesel import with_wrong_check_digit
from .spelling import DRAWS, messy_address, tidy_address
from .streets import Street

MOPS_HEADER = (
    "PESEL",
    "Nazwisko",
    "Imię",
    "Data urodzenia",
    "Adres",
    "Miejscowość",
    "Kod pocztowy",
    "Nr rodziny",
    "Powody",
    "Formy pomocy",
)
PUP_HEADER = (
    "PESEL",
    "Nazwisko",
    "Imię",
    "Adres",
    "Miejscowość",
    "Kategorie",
    "Instrumenty",
    "Data rejestracji",
)
BAD_ROWS_PER_PROBLEM = 5
BAD_PROBLEMS = ("invalid_pesel", "unknown_reason", "unmatchable_address")


@dataclass(frozen=True)
class BadRow:
    """A row spoilt on purpose: `data_row` 1 is the first row under the header, `line` counts
    the header as line 1; `column` holds the fault and `problem` names it."""

    data_row: int
    line: int
    column: str
    problem: str


@dataclass(frozen=True)
class MopsExtract:
    """The MOPS rows (in file order), their people's positions and the planted bad rows.

    `person` gives, per row, the position of its person in the generator's table; `styles`
    tallies the address variants used.
    """

    rows: pd.DataFrame
    person: np.ndarray
    bad: list[BadRow]
    styles: dict[str, int]


def mops_extract(
    rng: np.random.Generator,
    mops: pd.DataFrame,
    points: pd.DataFrame,
    streets: list[Street],
    scale: int,
) -> MopsExtract:
    """MOPS rows, one per person, families together and in order of their family number."""
    families = mops.groupby("family", sort=True).first()
    n_fam = len(families)
    number = families["number"].to_numpy()
    draws = rng.uniform(size=(n_fam, DRAWS + 4))
    point = points.iloc[families["point"].to_numpy()]
    street_of = [streets[i].name for i in point["street_index"]]
    address, locality, postcode = [], [], []
    styles: Counter[str] = Counter()
    for street, house, flat, place, code, u in zip(
        street_of,
        point["number"].tolist(),
        families["flat"].tolist(),
        point["locality"].tolist(),
        point["postcode"].tolist(),
        draws.tolist(),
    ):
        text, tags = messy_address(street, house, flat, place, code, u[:DRAWS])
        address.append(text)
        styles.update(tags)
        locality.append(_locality(place, u[DRAWS]))
        postcode.append(_postcode(code, u[DRAWS + 1]))
    reason_style = draws[:, DRAWS + 2]
    fam = mops["family"].to_numpy()
    caps = draws[fam, DRAWS + 3] < 0.05
    rows = pd.DataFrame(
        {
            "PESEL": mops["pesel"].to_numpy(),
            "Nazwisko": np.where(caps, mops["surname"].str.upper(), mops["surname"]),
            "Imię": np.where(caps, mops["first_name"].str.upper(), mops["first_name"]),
            "Data urodzenia": pd.to_datetime(mops["birth"]).dt.strftime("%d.%m.%Y").to_numpy(),
            "Adres": np.array(address, dtype=object)[fam],
            "Miejscowość": np.array(locality, dtype=object)[fam],
            "Kod pocztowy": np.array(postcode, dtype=object)[fam],
            "Nr rodziny": number[fam].astype(str),
            "Powody": [_reasons(r, reason_style[f]) for r, f in zip(mops["reasons"], fam)],
            "Formy pomocy": [", ".join(forms) for forms in mops["forms"]],
        }
    )
    order = np.lexsort((mops["member"].to_numpy(), fam))
    rows, person = rows.iloc[order].reset_index(drop=True), order
    bad = _plant_bad_rows(
        rng, rows, mops.iloc[order].reset_index(drop=True), BAD_ROWS_PER_PROBLEM * scale
    )
    return MopsExtract(rows, person, bad, dict(sorted(styles.items())))


def _locality(name: str, u: float) -> str:
    if u < 0.05:
        return ""
    if u < 0.10:
        return name.upper()
    return plain_letters(name) if u < 0.14 else name


def _postcode(code: str, u: float) -> str:
    if u < 0.08:
        return ""
    return code.replace("-", "") if u < 0.12 else code


def _reasons(reasons: tuple[str, ...], u: float) -> str:
    if u < 0.6:
        return ",".join(reasons)
    if u < 0.7:
        return ", ".join(reasons)
    labels = [
        codes.MOPS_REASON_OLD_LABELS.get(r, codes.MOPS_REASONS[r])
        if u > 0.85
        else codes.MOPS_REASONS[r]
        for r in reasons
    ]
    return ", ".join(labels)


def _plant_bad_rows(
    rng: np.random.Generator, rows: pd.DataFrame, people: pd.DataFrame, per_problem: int
) -> list[BadRow]:
    """Spoil rows of one-person families not registered at PUP, so overlaps stay exact."""
    alone = people.groupby("family")["family"].transform("size").to_numpy() == 1
    candidates = np.flatnonzero(alone & ~people["in_pup"].to_numpy())
    chosen = rng.choice(candidates, per_problem * len(BAD_PROBLEMS), replace=False)
    problems = np.repeat(BAD_PROBLEMS, per_problem)
    bad = []
    for row, problem in sorted(zip(chosen.tolist(), problems.tolist())):
        if problem == "invalid_pesel":
            column = "PESEL"
            rows.at[row, column] = with_wrong_check_digit(
                str(rows.at[row, column]), int(rng.integers(1, 10))
            )
        elif problem == "unknown_reason":
            column = "Powody"
            token = codes.UNKNOWN_REASONS[int(rng.integers(len(codes.UNKNOWN_REASONS)))]
            rows.at[row, column] = f"{rows.at[row, column]!s}, {token}"
        else:
            column = "Adres"
            street = names.ABSENT_STREETS[int(rng.integers(len(names.ABSENT_STREETS)))]
            rows.at[row, column] = f"{street} {int(rng.integers(1, 200))}"
        bad.append(BadRow(int(row) + 1, int(row) + 2, column, str(problem)))
    return bad


def pup_extract(
    rng: np.random.Generator, pup: pd.DataFrame, points: pd.DataFrame, streets: list[Street]
) -> pd.DataFrame:
    """PUP sheet rows sorted by surname and first name, as a register listing is."""
    point = points.iloc[pup["point"].to_numpy()]
    street_of: list[StreetName | None] = [streets[i].name for i in point["street_index"]]
    draws = rng.uniform(size=(len(pup), 3))
    address = [
        tidy_address(s, n, int(f), loc, u)
        for s, n, f, loc, u in zip(
            street_of, point["number"], pup["flat"], point["locality"], draws
        )
    ]
    locality = np.where(draws[:, 2] < 0.1, point["locality"].str.upper(), point["locality"])
    registered = pup["registered"].to_numpy().astype("datetime64[D]").astype(dt.date)
    rows = pd.DataFrame(
        {
            "PESEL": pup["pesel"].to_numpy(),
            "Nazwisko": pup["surname"].to_numpy(),
            "Imię": pup["first_name"].to_numpy(),
            "Adres": address,
            "Miejscowość": locality,
            "Kategorie": [", ".join(c) for c in pup["categories"]],
            "Instrumenty": [", ".join(i) for i in pup["instruments"]],
            "Data rejestracji": registered,
        }
    )
    return rows.sort_values(["Nazwisko", "Imię", "PESEL"], kind="stable").reset_index(drop=True)
