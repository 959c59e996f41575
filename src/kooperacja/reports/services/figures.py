"""Charts and maps drawn on the server: matplotlib's Agg backend over the stored geometries
(GeoJSON in WGS84), no GDAL and no browser. Each function returns PNG bytes."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

# Colour-blind-safe sequential classes (ColorBrewer YlOrRd, 5 classes); grey hatched for
# a hidden value, white for no value.
CLASS_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
HIDDEN_COLOUR = "#d9d9d9"
DPI = 110


def _subplots(width: float, height: float) -> tuple[Figure, Any]:
    """A figure on the Agg canvas, without pyplot (no global state, no GUI backend)."""
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _png(fig: Figure, tight: bool = False) -> bytes:
    out = io.BytesIO()
    if tight:  # a legend outside the axes
        fig.savefig(out, format="png", dpi=DPI, bbox_inches="tight")
        return out.getvalue()
    fig.tight_layout()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _rings(geometry: shapely.Geometry) -> list[list[tuple[float, float]]]:
    polygons = getattr(geometry, "geoms", [geometry])
    return [list(p.exterior.coords) for p in polygons if p.geom_type == "Polygon"]


def choropleth(
    geometries: Sequence[str],
    classes: Sequence[int],
    hidden: Sequence[bool],
    legend: Sequence[str],
    title: str,
    hidden_label: str,
    empty_label: str,
    points: Sequence[tuple[float, float]] = (),
    points_label: str = "",
) -> bytes:
    """A map of the units (GeoJSON texts) shaded by class (-1: no value; ``hidden``: a
    value hidden by disclosure control, hatched), with ``legend`` naming each class."""
    # Simplified to about 10 m: the map is a few centimetres wide.
    shapes = shapely.simplify(shapely.from_geojson(list(geometries)), 0.0001)
    fig, ax = _subplots(6.2, 5.2)
    shown: list[Polygon] = []
    colours: list[str] = []
    covered: list[Polygon] = []
    lat: list[float] = []
    for shape, cls, hide in zip(shapes, classes, hidden):
        for ring in _rings(shape):
            lat.extend(y for _, y in ring[:: max(len(ring) // 8, 1)])
            if hide:
                covered.append(Polygon(ring, closed=True))
                continue
            shown.append(Polygon(ring, closed=True))
            colours.append(
                "#ffffff"
                if cls is None or cls < 0
                else CLASS_COLOURS[min(cls, len(CLASS_COLOURS) - 1)]
            )
    ax.add_collection(
        PatchCollection(shown, facecolors=colours, edgecolors="#555555", linewidths=0.5)
    )
    if covered:
        ax.add_collection(
            PatchCollection(
                covered, facecolors=HIDDEN_COLOUR, hatch="///", edgecolors="#555555", linewidths=0.5
            )
        )
    if points:
        ax.scatter(
            [p[0] for p in points],
            [p[1] for p in points],
            s=9,
            c="#08519c",
            marker="o",
            zorder=3,
            label=points_label,
        )
    ax.autoscale_view()
    if lat:
        ax.set_aspect(1 / math.cos(math.radians(sum(lat) / len(lat))))
    ax.set_axis_off()
    ax.set_title(title, fontsize=10)
    handles: list[Any] = [
        Patch(facecolor=CLASS_COLOURS[i], edgecolor="#555555", label=text)
        for i, text in enumerate(legend[: len(CLASS_COLOURS)])
    ]
    if any(hidden):
        handles.append(
            Patch(facecolor=HIDDEN_COLOUR, hatch="///", edgecolor="#555555", label=hidden_label)
        )
    if any((c is None or c < 0) and not h for c, h in zip(classes, hidden)):
        handles.append(Patch(facecolor="#ffffff", edgecolor="#555555", label=empty_label))
    if points:
        handles.append(
            Line2D([], [], marker="o", color="#08519c", linestyle="", label=points_label)
        )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        fontsize=8,
        frameon=False,
        ncol=2,
    )
    return _png(fig, tight=True)


def trend(
    periods: Sequence[str],
    values: Sequence[float | None],
    lower: Sequence[float | None],
    upper: Sequence[float | None],
    title: str,
    ylabel: str,
) -> bytes:
    """The territory's value per period with its 95% interval."""
    fig, ax = _subplots(6.0, 3.0)
    xs = [i for i, v in enumerate(values) if v is not None]
    ys = [values[i] for i in xs]
    ax.plot(xs, ys, marker="o", color="#bd0026")
    lo = [lower[i] if lower[i] is not None else values[i] for i in xs]
    hi = [upper[i] if upper[i] is not None else values[i] for i in xs]
    if xs:
        ax.fill_between(xs, lo, hi, color="#fd8d3c", alpha=0.3, linewidth=0)
    ax.set_xticks(range(len(periods)), list(periods))
    ax.set_ylabel(ylabel, fontsize=8)
    ax.set_ylim(bottom=0)
    ax.set_title(title, fontsize=10)
    ax.grid(axis="y", color="#dddddd")
    return _png(fig)


def pyramid(
    bands: Sequence[str],
    women: Sequence[int],
    men: Sequence[int],
    title: str,
    women_label: str,
    men_label: str,
) -> bytes:
    """A population pyramid: men to the left, women to the right, youngest at the bottom."""
    fig, ax = _subplots(6.0, 3.2)
    ys = range(len(bands))
    ax.barh(ys, [-m for m in men], color="#4292c6", label=men_label)
    ax.barh(ys, list(women), color="#ef6548", label=women_label)
    ax.set_yticks(list(ys), list(bands))
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [f"{abs(int(t)):,}".replace(",", " ") for t in ticks])
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.legend(fontsize=8, frameon=False)
    ax.set_title(title, fontsize=10)
    return _png(fig)


def bars(labels: Sequence[str], values: Sequence[float], title: str, xlabel: str) -> bytes:
    """Horizontal bars, largest at the top."""
    fig, ax = _subplots(6.0, 0.35 * max(len(labels), 3) + 1.0)
    ys = range(len(labels))
    ax.barh(list(ys), list(values), color="#6baed6")
    ax.set_yticks(list(ys), [label[:48] for label in labels], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.grid(axis="x", color="#dddddd")
    return _png(fig)
