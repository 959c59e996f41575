"""Indicator maths, spatial statistics and disclosure control: pure functions over arrays.

No Django import; usable from a notebook.  Modules:

- :mod:`.rates` crude rates with confidence intervals, empirical-Bayes smoothing,
  location quotients, change between periods, class breaks;
- :mod:`.weights` spatial weights from unit geometries;
- :mod:`.spatial` global and local Moran's I, Getis-Ord Gi*, FDR correction;
- :mod:`.composite` deprivation index;
- :mod:`.disclosure` primary, dominance and secondary suppression
  (:mod:`.disclosure_audit` checks a pattern by linear programming).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kooperacja.core.lazy import lazy_exports

if TYPE_CHECKING:
    from kooperacja.core.analysis.composite import CompositeIndex, deprivation_index
    from kooperacja.core.analysis.disclosure import (
        ANALYST_K,
        PUBLIC_K,
        Cell,
        PublishedValue,
        Reason,
        Relation,
        SuppressedTable,
        breakdown_relations,
        hide_derived,
        hierarchy_relations,
        margin_relations,
        suppress,
        threshold,
    )
    from kooperacja.core.analysis.rates import (
        ClassBreaks,
        RateChange,
        Rates,
        SmoothedRates,
        class_breaks,
        crude_rates,
        empirical_bayes,
        location_quotient,
        rate_change,
    )
    from kooperacja.core.analysis.spatial import (
        GlobalMoran,
        HotSpots,
        LocalMoran,
        fdr_adjust,
        getis_ord,
        global_moran,
        local_moran,
    )
    from kooperacja.core.analysis.weights import SpatialWeights, spatial_weights

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "composite": ("CompositeIndex", "deprivation_index"),
        "disclosure": (
            "ANALYST_K", "PUBLIC_K", "Cell", "PublishedValue", "Reason", "Relation",
            "SuppressedTable", "breakdown_relations", "hide_derived", "hierarchy_relations",
            "margin_relations",
            "suppress", "threshold",
        ),
        "rates": (
            "ClassBreaks", "RateChange", "Rates", "SmoothedRates", "class_breaks", "crude_rates",
            "empirical_bayes", "location_quotient", "rate_change",
        ),
        "spatial": (
            "GlobalMoran", "HotSpots", "LocalMoran", "fdr_adjust", "getis_ord", "global_moran",
            "local_moran",
        ),
        "weights": ("SpatialWeights", "spatial_weights"),
    },
)

__all__ = [
    "ANALYST_K",
    "PUBLIC_K",
    "Cell",
    "ClassBreaks",
    "CompositeIndex",
    "GlobalMoran",
    "HotSpots",
    "LocalMoran",
    "PublishedValue",
    "RateChange",
    "Rates",
    "Reason",
    "Relation",
    "SmoothedRates",
    "SpatialWeights",
    "SuppressedTable",
    "breakdown_relations",
    "class_breaks",
    "crude_rates",
    "deprivation_index",
    "empirical_bayes",
    "fdr_adjust",
    "getis_ord",
    "global_moran",
    "hide_derived",
    "hierarchy_relations",
    "local_moran",
    "location_quotient",
    "margin_relations",
    "rate_change",
    "spatial_weights",
    "suppress",
    "threshold",
]
