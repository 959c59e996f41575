"""Property: nothing published pins down a suppressed count.

Random hierarchical tables (city -> districts -> estates, categories plus a total) go
through :func:`suppress`; then, independently of the module's own audit, a linear
programme (scipy linprog) computes each suppressed cell's smallest and largest value
given every published cell, every relation (row totals, parent = sum of children) and
non-negativity.  The range must not be a single point.  A second property adds what the
labels tell ("fewer than k" is 1..k-1, other hidden cells are at least k).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperacja.core.analysis import suppress
from kooperacja.core.analysis.tests.linear import (
    assert_none_recoverable,
    assert_two_values_given_the_labels,
)
from kooperacja.core.analysis.tests.tables import draw_hierarchical_table


@st.composite
def hierarchical_tables(draw):
    small = st.one_of(st.integers(0, 6), st.integers(0, 40))
    counts, relations = draw_hierarchical_table(draw, 4, small)
    return counts, relations, draw(st.integers(3, 6))


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchical_tables())
def test_it_publishes_nothing_that_determines_a_suppressed_cell(table):
    counts, relations, k = table
    result = suppress(counts, relations, k=k)
    assert_none_recoverable(counts, relations, result)
    hidden = result.hidden()
    for key, cell in result.cells.items():
        assert cell.published == (key not in hidden)
        assert (0 < counts[key] < k) <= (not cell.published)


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchical_tables())
def test_it_leaves_each_suppressed_cell_at_least_two_values_given_the_labels(table):
    counts, relations, k = table
    result = suppress(counts, relations, k=k)
    assert_two_values_given_the_labels(counts, relations, result, k)
