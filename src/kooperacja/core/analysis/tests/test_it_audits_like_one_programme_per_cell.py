"""The fast audit finds exactly the hidden cells that two linear programmes per cell find.

Random hierarchical tables with random hidden cells (bounds as the labels give them:
"fewer than k" is 1..k-1, any other hidden cell at least k) go through
:func:`exposed_cells`; independently, scipy's linprog computes each hidden cell's smallest
and largest value given every published cell and every relation.  The cells pinned to a
range narrower than 1 must be the same.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperacja.core.analysis.disclosure_audit import Bounds, exposed_cells
from kooperacja.core.analysis.tests.linear import cell_ranges
from kooperacja.core.analysis.tests.tables import draw_hierarchical_table


@st.composite
def tables_with_hidden_cells(draw):
    counts, relations = draw_hierarchical_table(draw, 3, st.integers(0, 12))
    k = draw(st.integers(3, 5))
    positive = sorted((key for key, n in counts.items() if n > 0), key=repr)
    chosen = draw(st.lists(st.sampled_from(positive), unique=True)) if positive else []
    hidden = {
        key: Bounds(1, k - 1) if counts[key] < k else Bounds(k, None) for key in chosen
    }
    return counts, relations, hidden


def _pinned_one_by_one(counts, relations, hidden):
    ranges = cell_ranges(counts, relations, {key: (b.lower, b.upper) for key, b in hidden.items()})
    return {key for key, (low, high) in ranges.items() if high - low < 1 - 1e-9}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_with_hidden_cells())
def test_it_pins_the_same_cells_as_one_programme_per_cell(table):
    counts, relations, hidden = table
    found = exposed_cells(counts, relations, hidden)
    pinned = {key for component in found for key in component.pinned}
    assert pinned == _pinned_one_by_one(counts, relations, hidden)
    for component in found:
        assert set(component.pinned) <= set(component.cells) <= set(hidden)


def test_it_judges_cells_outside_every_relation_by_their_labels():
    counts = {"a": 2, "b": 7, "c": 0}
    hidden = {"a": Bounds(1, 4), "b": Bounds(5, None)}
    assert exposed_cells(counts, [], hidden) == []
    assert exposed_cells(counts, [], {"a": Bounds(2, 2.5)})[0].pinned == ("a",)
