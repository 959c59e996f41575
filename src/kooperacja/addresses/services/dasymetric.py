"""Population estimates for units that have no figures of their own (grid cells, a new
generation of the finest level), spread from the units that have over their address points.

Each figure (a year, sex and age band of a unit) is shared out equally among the unit's
active address points; a unit without figures of its own and without children receives
the shares of the points inside it. The figures spread are those of the finest level that
has them for that year, sex and age band (of its newest generation holding them), so the
estate figures are spread where estates have them and a city's only where nothing finer
exists. A unit receives an estimate only if every one of its points lies in a unit with the
figure; a unit with no address points at all is estimated at 0 residents.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd
from django.db import connection

from kooperacja.addresses.services.bulk import write_rows
from kooperacja.addresses.services.units import point_units_sql
from kooperacja.territory.models import Population, Unit

KEY = ["year", "sex", "age_band"]


def estimate_population() -> int:
    """Replace every dasymetric estimate by one from the current figures and address points;
    returns the estimates written. Call inside a transaction."""
    Population.objects.filter(estimated=True).delete()
    given = pd.DataFrame(
        Population.objects.filter(estimated=False).values_list(
            "unit_id", "unit__level__rank", "unit__generation_id", *KEY, "count"),
        columns=["unit", "rank", "generation", *KEY, "count"],
    )
    units = pd.DataFrame(
        Unit.objects.current().values_list("pk", "parent_id", "generation_id"),
        columns=["unit", "parent", "generation"],
    )
    if given.empty or units.empty:
        return 0
    given = given.astype({"unit": np.int64, "count": np.float64})
    # Targets: current units with no current unit below them.
    leaves = units[~units["unit"].isin(units["parent"].dropna())]
    # Per figure kind, the finest level's newest generation holding it is the source.
    finest = given.sort_values(["rank", "generation"]).groupby(KEY).tail(1)[[*KEY, "generation"]]
    sources = given.merge(finest, on=[*KEY, "generation"])
    rows: list[pd.DataFrame] = []
    for source, figures in sources.groupby("generation"):
        targets = leaves[leaves["generation"] != source]["generation"].unique().tolist()
        for target in targets:
            rows.append(_spread(int(cast(int, source)), int(target), figures, leaves))
    if not rows:
        return 0
    found = pd.concat(rows)
    # A unit's own figures stand; estimates only fill the kinds it lacks.
    own = given[["unit", *KEY]].assign(_own=True)
    found = found.merge(own, on=["unit", *KEY], how="left")
    found = found[found["_own"].isna()].drop_duplicates(["unit", *KEY])
    write_rows(Population._meta.db_table, ("unit_id", *KEY, "count", "method", "estimated"), [
        (int(unit), int(year), sex, band, int(count), Population.Method.DASYMETRIC, True)
        for unit, year, sex, band, count in found[["unit", *KEY, "count"]].itertuples(index=False)
    ])
    return len(found)


def _spread(source: int, target: int, figures: pd.DataFrame, leaves: pd.DataFrame) -> pd.DataFrame:
    """Estimates for the leaf units of generation ``target`` from ``figures`` of the units
    of generation ``source``: unit, year, sex, age band, count."""
    # Active points only: the figures are spread over the register as it is today.
    targets, target_params = point_units_sql([target], retired=False)
    sources, source_params = point_units_sql([source], retired=False)
    # Joined to active points of the target only, so retired ones make no difference here.
    placed, placed_params = point_units_sql([source], retired=True)
    with connection.cursor() as cursor:
        # Points of each (source unit, target unit) pair; a point outside every source
        # unit counts under source 0, which has no figures.
        cursor.execute(
            f"SELECT COALESCE(s.unit_id, 0), t.unit_id, COUNT(*) FROM ({targets}) t "
            f"LEFT JOIN ({placed}) s ON s.point_id = t.point_id "
            f"GROUP BY COALESCE(s.unit_id, 0), t.unit_id",
            [*target_params, *placed_params],
        )
        pairs = pd.DataFrame(cursor.fetchall(), columns=["source", "unit", "points"],
                             dtype=np.int64)
        cursor.execute(
            f"SELECT s.unit_id, COUNT(*) FROM ({sources}) s GROUP BY s.unit_id", source_params,
        )
        sizes = dict(cursor.fetchall())
    kinds = figures[KEY].drop_duplicates()
    leaf_units = leaves[leaves["generation"] == target]["unit"]
    pairs = pairs[pairs["unit"].isin(leaf_units)]
    # Every (pair, figure kind); the share is missing where the source lacks the figure.
    shared = pairs.merge(kinds, how="cross").merge(
        figures[["unit", *KEY, "count"]].rename(columns={"unit": "source"}),
        on=["source", *KEY], how="left",
    )
    shared["share"] = shared["count"] * shared["points"] / shared["source"].map(sizes)
    by_unit = shared.groupby(["unit", *KEY])["share"]
    estimates = by_unit.sum().where(by_unit.count() == by_unit.size()).dropna()
    result = estimates.rename("count").reset_index()
    result["count"] = np.round(result["count"].to_numpy())
    empty = leaf_units[~leaf_units.isin(pairs["unit"])]
    if len(empty) and len(pairs):  # with no register yet, no unit is known to be empty
        result = pd.concat([result, pd.DataFrame({"unit": empty.to_numpy()}).merge(
            kinds, how="cross").assign(count=0.0)])
    return result
