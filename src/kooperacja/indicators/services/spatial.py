"""Hot spots (Local Moran's I, Getis-Ord Gi*) and the deprivation index of a level."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import shapely

from kooperacja.core.analysis import (
    deprivation_index,
    empirical_bayes,
    getis_ord,
    local_moran,
    spatial_weights,
)
from kooperacja.core.analysis.spatial import check_inference, stable_permutations
from kooperacja.core.analysis.weights import WeightsKind
from kooperacja.core.errors import UserError, ngettext_noop
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.metric import project
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.compute import compute_indicator, metadata, shown_units
from kooperacja.indicators.services.inputs import Provenance, Scope, current_units, raw_counts
from kooperacja.indicators.services.protection import Audience, protect, reason_label
from kooperacja.territory.models import Unit
from kooperacja.territory.services.metric import metric_crs

Method = Literal["lisa", "gi"]
NO_RATE = "no rate"
HIDDEN = "hidden"


@dataclass
class SpatialResult:
    rows: list[dict[str, Any]]
    metadata: dict[str, Any]
    islands: list[str] = field(default_factory=list)


def _projected(codes: list[str], level: str) -> list[shapely.Geometry]:
    text = dict(Unit.objects.current().filter(level__code=level).values_list("code", "geometry"))
    geoms = shapely.from_geojson([text[c] for c in codes])
    # Distance bands and nearest neighbours need metres: the installation's metric plane.
    return list(project(geoms, metric_crs()))


def hotspots(
    indicator: Indicator, level: str, period: str, method: Method = "lisa", *,
    weights: WeightsKind = "queen", permutations: int = 999, seed: int | None = 0,
    smoothed: bool = False, audience: Audience = "public", k_neighbours: int = 6, fdr: bool = True,
    scope: Scope = (),
) -> SpatialResult:
    """Local clusters of the indicator's rate among the units of ``level`` (of the
    territories of ``scope``).

    Every figure is computed from what ``audience`` may see: the statistics run on the
    rates (crude, or EB-smoothed with the prior fitted on the same units) of the units
    whose counts are published, as if the hidden ones were not there; a hidden unit gets
    no value, statistic, p-value or cluster (``hidden``).  Computed over every unit, the
    statistics, p-values and labels of the published units would give the hidden counts
    back.  Units without population are left out and reported.
    """
    check_inference(permutations, 0.05, seed)
    inputs = Provenance()
    units = current_units(scope)
    raw = raw_counts(indicator, period, inputs, units, audience=audience)
    guard = protect(raw, audience, protect_zeros=indicator.protect_zeros)
    idx = np.array([i for i, u in enumerate(units) if u.level == level])
    if idx.size == 0:
        raise UserError(None, N_("There is no level %(level)s with current boundaries."),
                        {"level": level})
    num, den = raw.numerator[idx].astype(float), np.nan_to_num(raw.denominator[idx])
    shown = shown_units(raw, guard)[idx]
    if (den > 0).sum() < 3:
        raise UserError(None,
                        N_("Fewer than three units of %(level)s have a population: no hot spots."),
                        {"level": level})
    has = (den > 0) & shown
    if has.sum() < 3:
        raise UserError(None, N_("Fewer than three units of %(level)s have a published rate: "
                                 "no hot spots."), {"level": level})
    rate = np.full(idx.size, np.nan)
    rate[has] = (empirical_bayes(num[has], den[has], indicator.per).value if smoothed
                 else num[has] / den[has] * indicator.per)
    tested = [units[i] for i in idx[has]]
    if weights == "knn" and not 1 <= k_neighbours < len(tested):
        raise UserError(
            None, ngettext_noop(
                "--k must be from 1 to %(most)s: %(level)s has %(n)s unit with a rate.",
                "--k must be from 1 to %(most)s: %(level)s has %(n)s units with a rate.", "n",
            ),
            {"most": len(tested) - 1, "level": level, "n": len(tested)})
    geoms = _projected([u.code for u in tested], level)
    w = spatial_weights(geoms, weights, k=k_neighbours)
    if len(tested) - len(w.unconnected) < 3:
        raise UserError(None, N_("Fewer than three units of %(level)s with a published rate have "
                                 "a neighbour among them: no hot spots."), {"level": level})
    if method == "lisa":
        stats = local_moran(rate[has], w, permutations=permutations, seed=seed, fdr=fdr)
        statistic, column = stats.local_i, "local_i"
    else:
        stats = getis_ord(rate[has], w, permutations=permutations, seed=seed,
                          fdr=fdr)  # type: ignore[assignment]
        statistic, column = stats.gi_z, "gi_z"  # type: ignore[attr-defined]
    neighbours = [int(nb.size) for nb in w.neighbours]
    rows = []
    position = {u.pk: j for j, u in enumerate(tested)}
    for i in idx:
        unit = units[i]
        reason = guard.hidden(unit.pk, raw.denominator_is_count)
        j = position.get(unit.pk)
        rows.append({
            "unit_code": unit.code, "unit_name": unit.name,
            "value": None if j is None else float(rate[has][j]),
            column: None if j is None or not np.isfinite(statistic[j]) else float(statistic[j]),
            "p_value": (None if j is None or not np.isfinite(stats.p_value[j])
                        else float(stats.p_value[j])),
            "p_fdr": (None if j is None or not np.isfinite(stats.p_fdr[j])
                      else float(stats.p_fdr[j])),
            "cluster": (HIDDEN if reason is not None else NO_RATE if j is None
                        else str(stats.cluster[j])),
            "neighbours": 0 if j is None else neighbours[j],
            "hidden": reason is not None,
            "label": reason_label(reason, guard.table.k),
        })
    islands = [tested[j].code for j in w.unconnected]
    meta = metadata(indicator, period, audience, guard, inputs, {
        "level": level, "method": method, "weights": weights, "permutations": permutations,
        "seed": seed, "smoothed": smoothed, "alpha": 0.05,
        "fdr": "Benjamini-Hochberg" if fdr else None,
        "knn_k": k_neighbours if weights == "knn" else None, "distance_band": w.parameter,
        "islands": islands, "without_rate": [units[i].code for i in idx[den <= 0]],
        "tested": "units with a published rate only",
        **_seed_note(fdr, permutations, int(np.isfinite(stats.p_value).sum())),
    })
    return SpatialResult(rows, meta, islands)


def _seed_note(fdr: bool, permutations: int, tested: int) -> dict[str, Any]:
    """Whether another seed may draw another FDR map, and the permutations that avoid it."""
    needed = stable_permutations(tested, 0.05)
    return {"fdr_depends_on_seed": fdr and permutations < needed,
            "fdr_permutations_needed": needed if fdr else None}


def deprivation(
    indicators: list[Indicator], level: str, period: str, weights: list[float] | None = None,
    audience: Audience = "public", scope: Scope = (),
) -> SpatialResult:
    """Standardised published rates, weighted into one index and ranked (1 = most deprived),
    among the units of ``level`` (of the territories of ``scope``).

    A unit with any hidden or undefined rate gets no index (see ``deprivation_index``)."""
    if weights is not None and len(weights) != len(indicators):
        raise UserError(None,
                        N_("Give one weight per indicator (%(n)s indicators, %(m)s weights)."),
                        {"n": len(indicators), "m": len(weights)})
    results = [compute_indicator(ind, period, audience, levels=[level], scope=scope)
               for ind in indicators]
    rows_by = [{r["unit_code"]: r for r in res.level(level).rows} for res in results]
    codes = list(rows_by[0])
    values = {
        ind.code: np.array([np.nan if rows[c]["value"] is None else rows[c]["value"]
                            for c in codes])
        for ind, rows in zip(indicators, rows_by)
    }
    try:
        index = deprivation_index(
            values, None if weights is None else dict(zip(values, weights))
        )
    except ValueError as exc:
        raise UserError(None, N_("No deprivation index: %(detail)s"),
                        {"detail": str(exc)}) from None
    rows = []
    for j, code in enumerate(codes):
        row: dict[str, Any] = {"unit_code": code, "unit_name": rows_by[0][code]["unit_name"]}
        for n, name in enumerate(index.names):
            row[name] = None if not np.isfinite(values[name][j]) else float(values[name][j])
            row[f"z_{name}"] = None if not np.isfinite(index.z[j, n]) else float(index.z[j, n])
        row["index"] = None if not np.isfinite(index.index[j]) else float(index.index[j])
        row["rank"] = int(index.rank[j]) or None
        rows.append(row)
    meta = metadata(None, period, audience, None, Provenance(), {
        "level": level, "indicators": [r.metadata["indicator"] for r in results],
        "weights": index.weights, "standardisation": "z-scores over units with a value, unweighted",
    })
    meta["inputs"] = {r.indicator.code: r.metadata["inputs"] for r in results}
    meta["disclosure"] = {r.indicator.code: r.metadata["disclosure"] for r in results}
    return SpatialResult(rows, meta)
