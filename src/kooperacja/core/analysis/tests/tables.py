"""Random hierarchical tables for the disclosure properties: a city, 2-4 districts with 0,
2 or 3 estates each, some categories plus a total, every parent the sum of its children."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from kooperacja.core.analysis import Relation, hierarchy_relations, margin_relations

TOTAL = "total"


def draw_hierarchical_table(
    draw: Any, most_categories: int, leaf_count: st.SearchStrategy[int]
) -> tuple[dict[tuple[str, str], int], list[Relation]]:
    """Counts per (unit, category) and the relations that tie them (parents, row totals)."""
    categories = [f"c{i}" for i in range(draw(st.integers(1, most_categories)))]
    parent_of: dict[str, str | None] = {"city": None}
    for d in range(draw(st.integers(2, 4))):
        parent_of[f"d{d}"] = "city"
        for e in range(draw(st.sampled_from([0, 2, 3]))):
            parent_of[f"d{d}e{e}"] = f"d{d}"
    leaves = [u for u in parent_of if u not in set(parent_of.values())]
    counts = {(u, c): draw(leaf_count) for u in leaves for c in categories}
    for parent in [u for u in parent_of if u.startswith("d") and u not in leaves] + ["city"]:
        kids = [u for u, p in parent_of.items() if p == parent]
        for c in categories:
            counts[(parent, c)] = sum(counts[(kid, c)] for kid in kids)
    for u in parent_of:
        counts[(u, TOTAL)] = sum(counts[(u, c)] for c in categories)
    relations = hierarchy_relations(parent_of, [*categories, TOTAL]) + margin_relations(
        list(parent_of), categories, TOTAL
    )
    return counts, relations
