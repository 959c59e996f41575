"""The sex and age band the import derives from a generated MOPS extract equal the
generator's truth (its people's sex and birth date), row by row and in total."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from kooperacja.core.submissions.codelists import CodeBook
from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.core.submissions.periods import parse_period
from kooperacja.core.submissions.reading import open_extract
from kooperacja.core.submissions.validate import validate_records
from kooperacja.democity.addresses import build_addresses
from kooperacja.democity.build import _STREAMS
from kooperacja.democity.extracts import mops_extract
from kooperacja.democity.geography import build_geography
from kooperacja.democity.people import mops_clients
from kooperacja.democity.streets import build_streets
from kooperacja.democity.trend import PERIODS, plant_trend

END = dt.date(2025, 12, 31)
LOWER = [(65, "65+"), (50, "50-64"), (30, "30-49"), (25, "25-29"), (18, "18-24"), (0, "0-17")]


def _band(born: dt.date) -> str:
    """The band, written out by hand: completed years on END."""
    age = END.year - born.year - ((END.month, END.day) < (born.month, born.day))
    return next(band for low, band in LOWER if age >= low)


def test_the_derived_sex_and_age_band_are_the_generators(tmp_path: Path) -> None:
    # The streams of build_city, each part drawing from its own, in its order.
    rng = {name: np.random.default_rng([2026, k]) for k, name in enumerate(_STREAMS)}
    geo = build_geography(rng["geography"])
    streets = build_streets(rng["streets"], geo)
    points = build_addresses(rng["addresses"], geo, streets)
    residents = np.bincount(points["estate"], points["residents"], minlength=len(geo.estates))
    trend = plant_trend(rng["trend"], geo, residents, PERIODS)
    clients = mops_clients(rng["mops"], geo, points, 1, trend)
    extracts = {year: mops_extract(rng["mops_extract"], clients[year], points, streets, 1)
                for year in PERIODS}
    people, extract = clients[2025], extracts[2025]
    path = tmp_path / "mops.csv"
    extract.rows.to_csv(path, sep=";", index=False, encoding="utf-8")

    layout, period = LAYOUTS["mops"], parse_period("2025")
    opened = open_extract(path, layout)
    found = pd.concat(
        [
            validate_records(chunk, layout, CodeBook.seed(), period, opened.columns).records
            for chunk in opened.chunks()
        ],
        ignore_index=True,
    )
    assert len(found) > 0.95 * len(extract.rows)

    # Row numbers count the header as row 1: file row r is extract row r - 2.
    person = people.iloc[extract.person[found["row"].to_numpy() - 2]]
    assert (person["pesel"].to_numpy() == found["pesel"].to_numpy()).all()
    truth_sex = np.where(person["female"].to_numpy(), "K", "M")
    births = pd.to_datetime(person["birth"]).dt.date
    truth_band = np.array([_band(b) for b in births], dtype=object)
    assert (found["sex"].to_numpy() == truth_sex).all()
    assert (found["age_band"].to_numpy() == truth_band).all()
    derived = Counter(zip(found["sex"], found["age_band"]))
    assert derived == Counter(zip(truth_sex, truth_band))
    # Every band of the demo's clients is there, children to the old.
    assert {band for _, band in derived} == {"0-17", "18-24", "25-29", "30-49", "50-64", "65+"}
