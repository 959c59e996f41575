"""What a GIS analyst would write for the output of `kooperacja indicators` + `hotspots`.

    python analyst_script.py UNITS.geojson COUNTS.csv OUT_DIR

Reads the units (GeoJSON, EPSG:4326) and a CSV of counts per unit (``unit_code``,
``cases``, ``population``), computes crude rates per 1,000, empirical-Bayes smoothed rates,
quintile classes, Local Moran's I of the rate (queen contiguity, 999 permutations, seed 0)
with a Benjamini-Hochberg correction, and writes a CSV of rates and a GeoJSON of clusters.
No disclosure control, no confidence intervals, no metadata: the benchmark
``analysis_vs_plain`` times it beside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import esda
import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd
from esda.smoothing import Empirical_Bayes
from libpysal.weights import Queen
from scipy.stats import false_discovery_control


def main(units_path: str, counts_path: str, out_dir: str) -> None:
    out = Path(out_dir)
    units = gpd.read_file(units_path)
    counts = pd.read_csv(counts_path, dtype={"unit_code": str})
    gdf = units.merge(counts, on="unit_code", how="left")
    gdf["rate"] = gdf["cases"] / gdf["population"] * 1000
    gdf["smoothed"] = np.asarray(Empirical_Bayes(gdf["cases"], gdf["population"]).r).ravel() * 1000
    gdf["class"] = mapclassify.Quantiles(gdf["rate"], k=5).yb
    gdf.drop(columns="geometry").to_csv(out / "plain_rates.csv", index=False)

    w = Queen.from_dataframe(gdf, use_index=False)
    w.transform = "r"
    lisa = esda.Moran_Local(gdf["rate"].to_numpy(), w, permutations=999, seed=0)
    gdf["local_i"] = lisa.Is
    gdf["p_value"] = lisa.p_sim
    gdf["p_fdr"] = false_discovery_control(lisa.p_sim, method="bh")
    labels = np.array(["ns", "HH", "LH", "LL", "HL"])
    gdf["cluster"] = np.where(gdf["p_fdr"] <= 0.05, labels[lisa.q], "ns")
    gdf.to_file(out / "plain_hotspots.geojson", driver="GeoJSON")


if __name__ == "__main__":
    main(*sys.argv[1:4])
