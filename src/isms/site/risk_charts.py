"""The risk heat map as inline SVG: likelihood up, impact across, each cell coloured by its band (CSS)."""

from __future__ import annotations

from markupsafe import Markup, escape

from isms.site.charts import clip
from isms.site.pages.common import slug
from isms.site.pages.risk_types import HeatMap


def heat_map(chart: HeatMap) -> Markup:
    """Return the heat map with its axis titles; each cell shows its count, and every text is escaped."""
    cell, left, top = 44, 128, 8
    rows, cols = len(chart.likelihood), len(chart.impact)
    width, height = left + cols * cell + 8, top + rows * cell + 46
    counts = {(lk, im): (n, band) for lk, im, n, band in chart.cells}
    label = escape(chart.title)
    parts = [
        f'<svg class="isms-chart isms-heatmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}"><title>{label}</title>'
    ]
    for lk in range(1, rows + 1):
        y = top + (rows - lk) * cell
        name = escape(clip(chart.likelihood[lk - 1], 14))
        parts.append(
            f'<text x="{left - 6}" y="{y + cell // 2 + 4}" text-anchor="end" class="isms-chart__label">{name}</text>'
        )
        for im in range(1, cols + 1):
            n, band = counts.get((lk, im), (0, ""))
            x = left + (im - 1) * cell
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'class="isms-heat isms-heat--{escape(slug(band))}"><title>{escape(band)}: {n}</title></rect>'
            )
            if n:
                parts.append(f'<text x="{x + cell // 2 - 1}" y="{y + cell // 2 + 5}" text-anchor="middle">{n}</text>')
    middle = top + rows * cell // 2
    parts.append(
        f'<text x="12" y="{middle}" text-anchor="middle" transform="rotate(-90 12 {middle})" '
        f'class="isms-chart__axis">{escape(chart.likelihood_axis)} \u2191</text>'
    )
    parts.append(
        f'<text x="{left + cols * cell // 2}" y="{top + rows * cell + 38}" text-anchor="middle" '
        f'class="isms-chart__axis">{escape(chart.impact_axis)} \u2192</text>'
    )
    for im in range(1, cols + 1):
        x = left + (im - 1) * cell + cell // 2
        name = escape(clip(chart.impact[im - 1], 8))
        parts.append(
            f'<text x="{x}" y="{top + rows * cell + 16}" text-anchor="middle" class="isms-chart__label">{name}</text>'
        )
    return Markup("".join(parts) + "</svg>")  # noqa: S704 - every text is escaped above
