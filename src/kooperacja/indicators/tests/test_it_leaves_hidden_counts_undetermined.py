"""An attacker who knows the method cannot fit the published statistics back to the hidden counts.

For random counts, every hidden count (estate or district) must have at least two values
that agree with everything published: the counts, rates, smoothed rates (EB), location
quotients, change, classes and legend, and the hot spots (LISA and Gi*: values,
statistics, p-values, labels).  The attack recomputes all of them, with the program
itself, for other counts that keep every published cell, and keeps those that reproduce
the public output exactly.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperacja.core.errors import UserError
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.spatial import hotspots
from kooperacja.indicators.tests.grid import DISTRICT, ESTATES, build_grid, import_counts

pytestmark = pytest.mark.django_db

BEFORE = {e: (3 * i) % 11 for i, e in enumerate(ESTATES)}
K = 5


def published(client, indicator: str) -> tuple[str, dict[str, dict]]:
    """The public output (one string) and the published cells per unit."""
    parts, cells = [], {}
    for level in ("city", "district", "estate"):
        response = client.get(f"/api/v1/indicators/{indicator}/values",
                              {"level": level, "period": "2025"})
        body = response.json()
        body["metadata"] = {}
        parts.append(json.dumps(body, sort_keys=True))
        cells |= {r["unit_code"]: r for r in body["values"]}
    for method in ("lisa", "gi"):
        try:
            rows = hotspots(Indicator.objects.get(code=indicator), "estate", "2025", method,
                            permutations=99, smoothed=True).rows
        except UserError as exc:  # too few published units: the message is the output
            rows = [exc.render()]
        parts.append(json.dumps(rows, sort_keys=True))
    return "\n".join(parts), cells


def totals(estates: dict[str, int]) -> dict[str, int]:
    out = dict(estates)
    for estate, n in estates.items():
        out[DISTRICT[estate]] = out.get(DISTRICT[estate], 0) + n
        out["C"] = out.get("C", 0) + n
    return out


def consistent(cells: dict[str, dict], truth: dict[str, int], other: dict[str, int],
               zeros: bool) -> bool:
    """Would ``other`` give the same published counts and the same labels?"""
    for unit, n in totals(other).items():
        row = cells[unit]
        if not row["hidden"]:
            if n != truth[unit]:
                return False
        elif row["reason"] == "fewer than k":
            if not (0 if zeros else 1) <= n < K:
                return False
        elif n < K:
            return False
    return True


@pytest.fixture
def grid(db, tmp_path):
    units = build_grid()
    for indicator in ("poverty", "homelessness"):
        import_counts(tmp_path, "2024", BEFORE, indicator)
    return units


counts = st.fixed_dictionaries(
    {e: st.one_of(st.integers(0, 4), st.integers(5, 30)) for e in ESTATES})


@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(estates=counts, indicator=st.sampled_from(["poverty", "homelessness"]))
def test_it_leaves_every_hidden_count_with_more_than_one_fitting_value(
    client, grid, tmp_path, estates, indicator
):
    zeros = Indicator.objects.get(code=indicator).protect_zeros
    import_counts(tmp_path, "2025", estates, indicator)
    output, cells = published(client, indicator)
    truth = totals(estates)
    hidden = {unit for unit, row in cells.items() if row["hidden"]}
    fitting: dict[str, set[int]] = {unit: {truth[unit]} for unit in hidden}
    for a in ESTATES:
        for b in ESTATES:
            for step in (1, -1):
                other = estates | {a: estates[a] + step, b: estates[b] - step}
                if a == b or not consistent(cells, truth, other, zeros):
                    continue
                moved = {u for u, n in totals(other).items() if n != truth[u]}
                if all(len(fitting[u]) > 1 for u in moved):
                    continue
                import_counts(tmp_path, "2025", other, indicator)
                if published(client, indicator)[0] == output:
                    for unit, n in totals(other).items():
                        if unit in hidden:
                            fitting[unit].add(n)
    import_counts(tmp_path, "2025", estates, indicator)
    assert {unit: sorted(v) for unit, v in fitting.items() if len(v) < 2} == {}
    # And the same attack must see the hidden zeros of a sensitive problem as small counts.
    for estate, n in estates.items():
        siblings = [e for e in ESTATES if DISTRICT[e] == DISTRICT[estate] and e != estate]
        if n == 0:
            beside = any(cells[e]["hidden"] for e in siblings) or cells[DISTRICT[estate]]["hidden"]
            assert cells[estate]["hidden"] == (zeros and beside), estate
            if cells[estate]["hidden"]:
                assert cells[estate]["reason"] == "fewer than k"
