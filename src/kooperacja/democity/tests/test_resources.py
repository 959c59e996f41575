from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from kooperacja.democity import Manifest

from .layers import read_layer


def _district_of_resources(city_dir: Path, addresses: pd.DataFrame) -> pd.DataFrame:
    """Each resource placed on the address point with its postcode, number and street."""
    resources = pd.read_csv(city_dir / "resources.csv", sep=";", dtype=str, keep_default_na=False)
    number = resources["address"].str.rsplit(" ", n=1).str[1]
    candidates = resources.assign(numer_porzadkowy=number).merge(
        addresses,
        left_on=["postcode", "numer_porzadkowy"],
        right_on=["kod_pocztowy", "numer_porzadkowy"],
    )
    last_word = candidates["ulica"].str.split().str[-1]
    found = candidates[[w in a for w, a in zip(last_word, candidates["address"])]]
    found = found.drop_duplicates("id")
    assert len(found) == len(resources)
    _, districts, (codes, _) = read_layer(city_dir / "districts.gpkg")
    x, y = found["x_epsg_2180"].astype(float), found["y_epsg_2180"].astype(float)
    where = np.select([shapely.contains_xy(d, x, y) for d in districts], codes, "")
    return found.assign(district=where)


def test_it_leaves_a_high_need_district_without_social_services(
    manifest: Manifest, city_dir: Path, addresses: pd.DataFrame
) -> None:
    placed = _district_of_resources(city_dir, addresses)
    (district,) = manifest.underserved["districts"]
    social = set(manifest.underserved["social_kinds"])
    here = placed[placed["district"] == district]
    assert not here["kind"].isin(social).any()
    rates = {d["code"]: d["mops_per_1000"] for d in manifest.districts}
    assert rates[district] >= sorted(rates.values())[-2]
    counts = placed["district"].value_counts().to_dict()
    assert counts == {k: v for k, v in manifest.resources["by_district"].items() if v}


def test_it_describes_resources_with_the_fields_a_directory_needs(city_dir: Path) -> None:
    resources = pd.read_csv(city_dir / "resources.csv", sep=";", dtype=str, keep_default_na=False)
    assert list(resources.columns) == [
        "id",
        "name",
        "kind",
        "kind_label",
        "address",
        "postcode",
        "locality",
        "phone",
        "opening_hours",
        "capacity",
        "problems",
    ]
    assert resources["name"].is_unique and resources["id"].is_unique
    assert resources["phone"].str.fullmatch(r"\+48 32 \d{3} \d{2} \d{2}").all()
    assert resources["capacity"].astype(int).gt(0).all()
    assert resources["kind"].nunique() >= 12
