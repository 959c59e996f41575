"""Primary, dominance and secondary suppression on small hand-made tables."""

from __future__ import annotations

import pytest

from kooperacja.core.analysis import (
    Reason,
    Relation,
    hide_derived,
    hierarchy_relations,
    margin_relations,
    suppress,
    threshold,
)


def _row(*parts: int) -> tuple[dict, list[Relation]]:
    counts = {("row", i): c for i, c in enumerate(parts)} | {("row", "total"): sum(parts)}
    return counts, margin_relations(["row"], list(range(len(parts))), "total")


def test_it_refuses_a_threshold_below_the_legal_minimum():
    with pytest.raises(ValueError, match="legal minimum of 3"):
        suppress({"a": 1}, k=2)


def test_it_knows_the_thresholds_of_each_audience():
    assert (threshold("public"), threshold("analyst")) == (5, 3)


def test_it_hides_counts_below_k_and_says_so():
    table = suppress({"a": 4, "b": 5, "c": 0}, k=5)
    assert table.cells["a"].value is None and table.cells["a"].label == "fewer than 5"
    assert table.cells["b"].value == 5
    assert table.cells["c"].value == 0


def test_it_hides_a_second_cell_so_the_total_does_not_give_the_first_away():
    counts, relations = _row(2, 9, 7, 0)
    table = suppress(counts, relations, k=5)
    assert table.hidden() == {("row", 0): Reason.FEWER_THAN_K, ("row", 2): Reason.SECONDARY}
    assert table.cells[("row", 2)].label == "hidden to protect another cell"


def test_it_applies_the_dominance_rule_when_contributors_are_given():
    counts = {"a": 20, "b": 20, "c": 20}
    contributors = {"a": [16, 2, 2], "b": [10, 10], "c": [8, 6, 6]}
    table = suppress(counts, k=5, contributors=contributors)
    assert table.hidden() == {"a": Reason.DOMINANCE, "b": Reason.DOMINANCE}


def test_it_protects_a_child_from_its_parent_and_siblings():
    parent_of = {"city": None, "north": "city", "south": "city", "east": "city"}
    counts = {("city", "x"): 21, ("north", "x"): 3, ("south", "x"): 8, ("east", "x"): 10}
    table = suppress(counts, hierarchy_relations(parent_of, ["x"]), k=5)
    assert table.cells[("south", "x")].reason is Reason.SECONDARY
    assert table.cells[("city", "x")].published


def test_it_adds_complements_until_the_labels_no_longer_pin_a_cell():
    # Hiding 1 and 5 of (1, 5, 30 | 36) publishes their sum 6; "fewer than 5" (1..4) and
    # "at least 5" leave only 1 + 5, so 30 must go too.
    counts, relations = _row(1, 5, 30)
    table = suppress(counts, relations, k=5)
    assert table.cells[("row", 2)].reason is Reason.SECONDARY
    assert table.exposed == ()


def test_it_reports_cells_the_labels_alone_give_away():
    counts, relations = _row(1, 1)
    table = suppress(counts, relations, k=3)
    assert set(table.exposed) == {("row", 0), ("row", 1), ("row", "total")}


def test_it_refuses_relations_that_do_not_add_up():
    with pytest.raises(ValueError, match="parts sum to 5"):
        suppress({"t": 6, "a": 2, "b": 3}, [Relation("t", ("a", "b"))])


def test_it_hides_a_rate_whose_numerator_is_hidden():
    table = suppress({("a", "x"): 3, ("b", "x"): 12}, k=5)
    published = hide_derived({"a": 1.5, "b": 6.0}, {"a": ("a", "x"), "b": ("b", "x")}, table)
    assert published["a"].value is None and published["a"].label == "fewer than 5"
    assert published["b"].value == 6.0 and published["b"].reason is None
