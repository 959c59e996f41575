"""Charts of the page per unit, drawn on the server as inline SVG from the same data as the
table beside each (which screen readers read; the SVG is hidden from them). No style
attributes: the content security policy allows none; colours go into SVG attributes."""

from __future__ import annotations

from html import escape
from typing import Any

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

WOMEN, MEN = "#b2182b", "#2166ac"
UNIT, TERRITORY = "#b30000", "#777"


def _n(value: float, digits: int = 1) -> str:
    return str(number_format(round(value, digits), digits, use_l10n=True))


def pyramid_svg(pyramid: dict[str, Any], women: str, men: str) -> SafeString:
    """Bars of men to the left and women to the right of the age bands, as shares of all
    residents."""
    bands = pyramid["bands"]
    if not bands:
        return mark_safe("")
    w, row, top, mid_w = 320, 18, 18, 56
    half = (w - mid_w) / 2
    most = max(max(b["women_share"], b["men_share"]) for b in bands) or 1.0
    h = top + row * len(bands) + 4
    parts = [f'<svg class="chart pyramid" viewBox="0 0 {w} {h}" aria-hidden="true" '
             f'focusable="false">',
             f'<text x="{half / 2:.0f}" y="12" font-size="11" text-anchor="middle" '
             f'fill="{MEN}">{escape(men)}</text>',
             f'<text x="{half + mid_w + half / 2:.0f}" y="12" font-size="11" '
             f'text-anchor="middle" fill="{WOMEN}">{escape(women)}</text>']
    for i, band in enumerate(bands):
        y = top + i * row
        left = band["men_share"] / most * (half - 4)
        right = band["women_share"] / most * (half - 4)
        parts.append(f'<rect x="{half - left:.1f}" y="{y + 2}" width="{left:.1f}" '
                     f'height="{row - 4}" fill="{MEN}"/>')
        parts.append(f'<rect x="{half + mid_w:.1f}" y="{y + 2}" width="{right:.1f}" '
                     f'height="{row - 4}" fill="{WOMEN}"/>')
        parts.append(f'<text x="{half + mid_w / 2:.1f}" y="{y + row - 5}" font-size="11" '
                     f'text-anchor="middle">{escape(band["band"])}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # every text above is escaped


def trend_svg(trend: list[dict[str, Any]]) -> SafeString:
    """The unit's value (solid) and the whole territory's (dashed) over the periods."""
    known = [v for p in trend for v in (p["value"], p["territory"]) if v is not None]
    if not known or len(trend) < 2:
        return mark_safe("")
    w, h, pad = 280, 110, 26
    top = max(known) or 1.0

    def x(i: int) -> float:
        return pad + i * (w - 2 * pad) / (len(trend) - 1)

    def y(v: float) -> float:
        return h - pad - (v / top) * (h - 2 * pad - 6)

    parts = [f'<svg class="chart trend" viewBox="0 0 {w} {h}" aria-hidden="true" '
             f'focusable="false">',
             f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="#999"/>']
    for key, colour, dash in (("territory", TERRITORY, ' stroke-dasharray="4 3"'),
                              ("value", UNIT, "")):
        points = [(x(i), y(p[key])) for i, p in enumerate(trend) if p[key] is not None]
        if len(points) > 1:
            joined = " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
            parts.append(f'<polyline points="{joined}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"{dash}/>')
        for a, b in points:
            parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>')
    for i, p in enumerate(trend):
        parts.append(f'<text x="{x(i):.1f}" y="{h - 8}" font-size="10" '
                     f'text-anchor="middle">{escape(p["period"])}</text>')
    parts.append(f'<text x="2" y="12" font-size="10">{escape(_n(top))}</text></svg>')
    return mark_safe("".join(parts))  # noqa: S308  # every text above is escaped


def breakdown_svg(breakdown: dict[str, Any]) -> SafeString:
    """The persons of each sex (rows, margins left out) in each age band (columns, the
    margin left out) as bars, from the cells of the table beside it: a hidden cell is an
    empty outlined bar marked "?", never a length that tells its count."""
    rows = [r for r in breakdown["rows"] if not r["margin"]]
    columns = [i for i, c in enumerate(breakdown["band_codes"]) if c != "*"]
    known = [c["persons"] for r in rows for i in columns
             if not (c := r["cells"][i])["hidden"] and c["persons"] is not None]
    if not rows or not columns:
        return mark_safe("")
    top = max(known, default=0) or 1
    colours = [WOMEN, MEN, TERRITORY]
    w, h, pad, label_h = 300, 120, 8, 16
    group = (w - 2 * pad) / len(columns)
    bar = max(2.0, (group - 6) / len(rows))
    parts = [f'<svg class="chart breakdown" viewBox="0 0 {w} {h}" aria-hidden="true" '
             f'focusable="false">',
             f'<line x1="{pad}" y1="{h - label_h}" x2="{w - pad}" y2="{h - label_h}" '
             f'stroke="#999"/>']
    height = h - label_h - 14
    for n, i in enumerate(columns):
        x0 = pad + n * group + 3
        for m, row in enumerate(rows):
            cell = row["cells"][i]
            colour = colours[m % len(colours)]
            x = x0 + m * bar
            if cell["hidden"]:
                parts.append(f'<rect x="{x:.1f}" y="{h - label_h - 12}" width="{bar - 1:.1f}" '
                             f'height="12" fill="none" stroke="{colour}"/>')
                parts.append(f'<text x="{x + bar / 2:.1f}" y="{h - label_h - 2}" '
                             f'font-size="9" text-anchor="middle">?</text>')
            elif cell["persons"]:
                tall = cell["persons"] / top * height
                parts.append(f'<rect x="{x:.1f}" y="{h - label_h - tall:.1f}" '
                             f'width="{bar - 1:.1f}" height="{tall:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x0 + group / 2 - 3:.1f}" y="{h - 4}" font-size="9" '
                     f'text-anchor="middle">{escape(breakdown["columns"][i])}</text>')
    parts.append(f'<text x="2" y="10" font-size="9">{escape(_n(top, 0))}</text></svg>')
    return mark_safe("".join(parts))  # noqa: S308  # every text above is escaped
