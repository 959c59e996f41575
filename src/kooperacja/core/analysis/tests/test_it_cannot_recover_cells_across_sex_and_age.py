"""Property: with a breakdown by sex and age band, nothing published pins down a
suppressed count, whether by subtraction across sexes, across bands, across units or
across levels.

Random hierarchical tables (city -> districts -> estates) of one count per unit split by
sex × age band (with "not known" rows) go through :func:`suppress` with
:func:`breakdown_relations` and :func:`hierarchy_relations` over every cell and margin;
an independent linear programme (tests/linear.py) then computes each hidden cell's range
given every published cell and relation.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperacja.core.analysis import breakdown_relations, hierarchy_relations, suppress
from kooperacja.core.analysis.tests.linear import (
    assert_none_recoverable,
    assert_two_values_given_the_labels,
)

N, ALL = "n", "*"


@st.composite
def broken_down_tables(draw):
    sexes = draw(st.sampled_from([["K", "M"], ["K", "M", None]]))
    bands = draw(st.sampled_from([["0-17", "65+"], ["0-17", "30-49", "65+"], ["18-24", None]]))
    present = {(s, b) for s in sexes for b in bands if draw(st.integers(0, 5))}
    present = present or {(sexes[0], bands[0])}
    parent_of: dict[str, str | None] = {"city": None}
    for d in range(draw(st.integers(2, 3))):
        parent_of[f"d{d}"] = "city"
        for e in range(draw(st.sampled_from([0, 2]))):
            parent_of[f"d{d}e{e}"] = f"d{d}"
    leaves = [u for u in parent_of if u not in set(parent_of.values())]
    small = st.one_of(st.integers(0, 4), st.integers(0, 25))
    cells: dict[tuple[str, tuple[str, ...]], int] = {}
    for unit in leaves:
        for s, b in present:
            cells[(unit, (N, s, b))] = draw(small)
    order = [u for u in parent_of if u not in leaves and u != "city"] + ["city"]
    for parent in order:
        kids = [u for u, p in parent_of.items() if p == parent]
        for s, b in present:
            cells[(parent, (N, s, b))] = sum(cells[(kid, (N, s, b))] for kid in kids)
    counts: dict[object, int] = dict(cells)
    for unit in parent_of:
        for s in {s for s, _ in present}:
            counts[(unit, (N, s, ALL))] = sum(cells[(unit, (N, s, b))] for x, b in present
                                              if x == s)
        for b in {b for _, b in present}:
            counts[(unit, (N, ALL, b))] = sum(cells[(unit, (N, s, b))] for s, y in present
                                              if y == b)
        counts[(unit, N)] = sum(cells[(unit, (N, s, b))] for s, b in present)
    categories = [N, *((N, s, b) for s, b in present),
                  *((N, s, ALL) for s in {s for s, _ in present}),
                  *((N, ALL, b) for b in {b for _, b in present})]
    relations = hierarchy_relations(parent_of, categories) + breakdown_relations(
        list(parent_of), N, present, ALL)
    return counts, relations, draw(st.integers(3, 5))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_down_tables())
def test_no_hidden_cell_is_determined_by_the_margins_by_sex_and_age(table):
    counts, relations, k = table
    result = suppress(counts, relations, k=k)
    assert_none_recoverable(counts, relations, result)
    for key, cell in result.cells.items():
        assert (0 < counts[key] < k) <= (not cell.published)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_down_tables())
def test_each_hidden_cell_keeps_two_values_given_the_labels(table):
    counts, relations, k = table
    result = suppress(counts, relations, k=k)
    assert_two_values_given_the_labels(counts, relations, result, k)


def test_the_relations_tie_the_unit_to_both_margins_and_each_margin_to_its_cells():
    present = {("K", "0-17"), ("M", "0-17"), ("M", "65+")}
    relations = breakdown_relations(["u"], N, present, ALL)
    as_sets = {(r.total, frozenset(r.parts)) for r in relations}
    assert as_sets == {
        (("u", N), frozenset({("u", (N, "K", ALL)), ("u", (N, "M", ALL))})),
        (("u", N), frozenset({("u", (N, ALL, "0-17")), ("u", (N, ALL, "65+"))})),
        (("u", (N, "K", ALL)), frozenset({("u", (N, "K", "0-17"))})),
        (("u", (N, "M", ALL)), frozenset({("u", (N, "M", "0-17")), ("u", (N, "M", "65+"))})),
        (("u", (N, ALL, "0-17")), frozenset({("u", (N, "K", "0-17")), ("u", (N, "M", "0-17"))})),
        (("u", (N, ALL, "65+")), frozenset({("u", (N, "M", "65+"))})),
    }
