from __future__ import annotations

import numpy as np

from kooperacja.democity import Manifest


def test_it_plants_clearly_higher_rates_in_the_hot_spots(manifest: Manifest) -> None:
    hot = set(manifest.hot_spots["estates"])
    assert 4 <= len(hot) <= 8
    mops = {e["code"]: e["mops_per_1000"] for e in manifest.estates}
    pup = {e["code"]: e["pup_per_1000_working_age"] for e in manifest.estates}
    for rates in (mops, pup):
        hot_rates = [r for c, r in rates.items() if c in hot]
        rest = [r for c, r in rates.items() if c not in hot]
        assert min(hot_rates) > max(rest)
        assert np.mean(hot_rates) > 3 * np.median(rest)


def test_it_plants_hot_spots_as_clusters_of_neighbouring_estates(
    manifest: Manifest, city_dir
) -> None:
    from .layers import read_layer

    _, estates, (codes, _, _) = read_layer(city_dir / "estates.shp")
    shape = dict(zip(codes, estates))
    assert len(manifest.hot_spots["clusters"]) == 2
    for cluster in manifest.hot_spots["clusters"]:
        assert len(cluster) >= 2
        for code in cluster:
            others = [shape[c] for c in cluster if c != code]
            assert any(shape[code].buffer(1).intersects(o) for o in others), code


def test_it_counts_every_valid_mops_row_in_some_estate(manifest: Manifest) -> None:
    assert sum(e["mops_persons"] for e in manifest.estates) == manifest.mops["valid_rows"]
    assert sum(d["mops_persons"] for d in manifest.districts) == manifest.mops["valid_rows"]
    assert sum(e["pup_persons"] for e in manifest.estates) == manifest.pup["rows"]
