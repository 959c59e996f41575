"""Boundaries simplified per zoom band still meet: every pair of neighbours shares its
boundary, nothing opens between them or overlaps, and the country keeps its area."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from kooperacja.core.metric import POLAND, project
from kooperacja.core.simplify import BANDS, band_for, coarser, round_coordinates, simplify_coverage
from kooperacja.democity.gminas import build_country


@pytest.fixture(scope="module")
def gminas() -> np.ndarray:
    country = build_country(gminas=300, powiats=40, voivodeships=4, spacing=200.0, seed=7)
    return project(np.array([g for *_, g in country.gminas], dtype=object), POLAND)


def _neighbours(geometries: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of units whose boundaries share a line (not only a point)."""
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="intersects")
    pairs = set()
    for i, j in zip(left.tolist(), right.tolist()):
        if i < j:
            shared = shapely.intersection(geometries[i].boundary, geometries[j].boundary)
            if shapely.length(shared) > 1.0:
                pairs.add((i, j))
    return pairs


@pytest.mark.parametrize("band", [b for b in BANDS if b.tolerance])
def test_neighbours_still_meet_after_simplification(gminas, band):
    simplified = simplify_coverage(gminas, band.tolerance)
    assert len(simplified) == len(gminas)
    assert shapely.get_num_coordinates(simplified).sum() < shapely.get_num_coordinates(gminas).sum()
    assert shapely.coverage_is_valid(simplified)
    # Every shared boundary is still shared.
    assert _neighbours(gminas) <= _neighbours(simplified)
    union = shapely.union_all(simplified)
    original = shapely.union_all(gminas)
    # No gaps: one piece without holes; no overlaps: the parts add up to the whole.
    assert shapely.get_num_geometries(union) == 1
    assert shapely.get_num_interior_rings(union) == 0
    overlap = shapely.area(simplified).sum() - union.area
    assert overlap < 1.0  # m², rounding only
    # The country keeps its area (its outline simplified too).
    assert abs(union.area - original.area) / original.area < 0.002
    # No sliver left between neighbours: what the simplified coverage does not cover of
    # the original is along the outline only, within the tolerance.
    inside = original.buffer(-band.tolerance)
    assert shapely.difference(inside, union).area < 1.0


def test_each_polygon_on_its_own_would_open_gaps(gminas):
    """The reason for the coverage simplifier: Douglas-Peucker per polygon moves a shared
    boundary differently on either side."""
    alone = shapely.simplify(gminas, 200.0, preserve_topology=True)
    union = shapely.union_all(alone)
    assert shapely.area(alone).sum() - union.area > 1_000_000  # overlaps of over a km²
    assert not shapely.coverage_is_valid(alone)


def test_rounded_coordinates_keep_neighbours_together(gminas):
    from kooperacja.core.metric import unproject

    wgs84 = unproject(simplify_coverage(gminas, 1000.0), POLAND)
    rounded = round_coordinates(wgs84, 4)
    assert _neighbours(project(rounded, POLAND)) >= _neighbours(gminas) - _tiny(gminas)
    assert round_coordinates(wgs84, None) is not None


def _tiny(gminas: np.ndarray) -> set[tuple[int, int]]:
    """Neighbours meeting along less than the rounding's 15 m may lose their line."""
    return {pair for pair in _neighbours(gminas)
            if shapely.length(shapely.intersection(gminas[pair[0]].boundary,
                                                   gminas[pair[1]].boundary)) < 50}


def test_bands_cover_every_zoom():
    assert band_for(None).tolerance == 0
    assert band_for(0).tolerance > band_for(9).tolerance > band_for(13).tolerance > 0
    assert band_for(18).tolerance == 0
    assert coarser(BANDS[0]) is None and coarser(BANDS[-1]) == BANDS[-2]
    with pytest.raises(ValueError):
        band_for(25)
