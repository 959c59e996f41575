"""Zeros of a rare, sensitive problem are hidden like small counts next to hidden cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kooperacja.core.analysis import Reason, hierarchy_relations, suppress

PARENT = {"city": None, "north": "city", "south": "city",
          "n1": "north", "n2": "north", "n3": "north", "s1": "south", "s2": "south", "s3": "south"}
RELATIONS = hierarchy_relations(PARENT, ["x"])
LEAVES = ["n1", "n2", "n3", "s1", "s2", "s3"]


def table(leaves: dict[str, int], zeros: bool):
    counts = {(u, "x"): n for u, n in leaves.items()}
    for district in ("north", "south"):
        counts[(district, "x")] = sum(n for u, n in leaves.items() if PARENT[u] == district)
    counts[("city", "x")] = counts[("north", "x")] + counts[("south", "x")]
    return suppress(counts, RELATIONS, k=5, protect_zeros=list(counts) if zeros else ())


def test_it_hides_a_zero_beside_a_hidden_count_and_labels_it_as_a_small_count():
    result = table({"n1": 3, "n2": 0, "n3": 20, "s1": 0, "s2": 9, "s3": 11}, zeros=True)
    assert result.cells[("n2", "x")].reason is Reason.FEWER_THAN_K
    assert result.cells[("n2", "x")].label == "fewer than 5"
    # n1 and n2 protect each other: no complement needed, n3 stays published.
    assert result.cells[("n3", "x")].published
    # No hidden cell in the south: its zero is published.
    assert result.cells[("s1", "x")].value == 0


def test_it_publishes_zeros_when_the_indicator_does_not_protect_them():
    result = table({"n1": 3, "n2": 0, "n3": 20, "s1": 0, "s2": 9, "s3": 11}, zeros=False)
    assert result.cells[("n2", "x")].value == 0
    assert result.cells[("n3", "x")].reason is Reason.SECONDARY


def test_it_hides_the_zeros_under_a_hidden_zero():
    # north is 0 next to a hidden south (3): north is hidden, and so are its estates, or
    # they would add up to it.
    result = table({"n1": 0, "n2": 0, "n3": 0, "s1": 1, "s2": 2, "s3": 0}, zeros=True)
    assert not result.cells[("north", "x")].published
    assert all(not result.cells[(u, "x")].published for u in ("n1", "n2", "n3"))


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({u: st.integers(0, 12) for u in LEAVES}))
def test_it_hides_a_zero_exactly_when_a_cell_beside_it_is_hidden(leaves):
    result = table(leaves, zeros=True)
    for unit, parent in PARENT.items():
        if parent is None:
            continue
        cell = result.cells[(unit, "x")]
        if cell.count != 0:
            continue
        siblings = [u for u, p in PARENT.items() if p == parent and u != unit]
        beside = any(not result.cells[(u, "x")].published for u in siblings + [parent])
        assert cell.published != beside
        if beside:
            assert cell.reason is Reason.FEWER_THAN_K
    plain = table(leaves, zeros=False)
    assert all(c.published for c in plain.cells.values() if c.count == 0)
