"""Charts drawn at build time as inline SVG: no JavaScript, nothing fetched. Colours come from CSS classes.

Every text placed in a chart is escaped; numbers are formatted with fixed precision so that the same
data always gives the same bytes.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from isms import figures
from isms.metrics.types import FrameworkCoverage
from isms.site.pages.types import FrameworkRow, PeriodPoint

Label = Callable[[str], str]

# Segments of a framework's bar, in order, with the label key of each.
_COVERAGE_PARTS = ("evidenced", "implemented", "partial", "planned", "undecided")


def clip(text: str, width: int = 26) -> str:
    """Return text cut to about ``width`` columns (wide characters count two), with an ellipsis."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            return text[:index] + "…"
    return text


def nice_ceiling(value: float) -> float:
    """Return the smallest of 1, 2, 2.5, 5 × 10^n that is at least ``value`` (1 for zero or less, or not finite)."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    scale = 10.0 ** math.floor(math.log10(value))
    return next(step * scale for step in (1.0, 2.0, 2.5, 5.0, 10.0) if step * scale >= value - 1e-12)


def _n(value: float) -> str:
    """Format a coordinate: at most one decimal, no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    label = escape(title)
    head = (
        f'<svg class="isms-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{label}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 - every part is escaped above or below


def coverage_chart(rows: Sequence[FrameworkRow], t: Label) -> Markup:
    """Return one stacked bar per framework: evidenced, implemented, partial, planned, undecided."""
    width, left, bar, gap, top = 640, 200, 22, 14, 8
    plot = width - left - 70
    height = top + len(rows) * (bar + gap) + 34
    body: list[str] = []
    shown: set[str] = set()
    for index, row in enumerate(rows):
        y = top + index * (bar + gap)
        name = row.ref.group or row.ref.label
        n = row.numbers
        body.append(f'<text class="isms-chart__label" x="{left - 8}" y="{_n(y + bar * 0.7)}" text-anchor="end">')
        body.append(f"<title>{escape(row.ref.title)}</title>{escape(clip(name, 30))}</text>")
        counts = _coverage_counts(n)
        shown.update(part for part, count in counts.items() if count > 0)
        x = float(left)
        total = max(n.applicable, 1)
        body.append(f'<rect class="isms-chart__track" x="{left}" y="{y}" width="{plot}" height="{bar}"/>')
        for part in _COVERAGE_PARTS:
            size = plot * counts[part] / total
            if size <= 0:
                continue
            body.append(
                f'<rect class="isms-fill--{part}" x="{_n(x)}" y="{y}" width="{_n(size)}" height="{bar}">'
                f"<title>{escape(t(part))}: {counts[part]}</title></rect>"
            )
            x += size
        body.append(
            f'<text class="isms-chart__value" x="{left + plot + 6}" y="{_n(y + bar * 0.7)}">'
            f"{figures.percent(n.coverage)}</text>"
        )
    # the legend names only the segments drawn: a colour that appears nowhere would only puzzle
    body.extend(_legend([(part, t(part)) for part in _COVERAGE_PARTS if part in shown], left, height - 14))
    return _svg(width, height, t("coverage_chart"), body)


def _coverage_counts(n: FrameworkCoverage) -> dict[str, int]:
    """Return the size of each segment of a framework's bar (implemented means: not evidenced)."""
    return {
        "evidenced": n.evidenced,
        "implemented": max(n.implemented - n.evidenced, 0),
        "partial": n.partial,
        "planned": n.planned,
        "undecided": n.undecided,
    }


def _legend(items: Sequence[tuple[str, str]], x0: int, y: int) -> list[str]:
    body = []
    x = x0
    for css, label in items:
        body.append(f'<rect class="isms-fill--{css}" x="{x}" y="{y - 9}" width="10" height="10"/>')
        body.append(f'<text class="isms-chart__legend" x="{x + 14}" y="{y}">{escape(label)}</text>')
        x += 24 + 8 * len(label) if label.isascii() else 24 + 13 * len(label)
    return body


def count_chart(counts: Sequence[tuple[str, int]], title: str, t: Label) -> Markup:
    """Return a horizontal bar per state (evidence health, measures), scaled to the largest count."""
    width, left, bar, gap, top = 420, 110, 18, 8, 6
    plot = width - left - 50
    height = top + len(counts) * (bar + gap) + 4
    biggest = max((n for _, n in counts), default=0) or 1
    body: list[str] = []
    for index, (state, number) in enumerate(counts):
        y = top + index * (bar + gap)
        size = plot * number / biggest
        body.append(
            f'<text class="isms-chart__label" x="{left - 8}" y="{_n(y + bar * 0.75)}" text-anchor="end">'
            f"{escape(t(state))}</text>"
        )
        body.append(f'<rect class="isms-chart__track" x="{left}" y="{y}" width="{plot}" height="{bar}"/>')
        if number:
            body.append(f'<rect class="isms-fill--{state}" x="{left}" y="{y}" width="{_n(size)}" height="{bar}"/>')
        body.append(
            f'<text class="isms-chart__value" x="{_n(left + size + 6)}" y="{_n(y + bar * 0.75)}">{number}</text>'
        )
    return _svg(width, height, title, body)


def trend_chart(points: Sequence[PeriodPoint], target: float, *, percent: bool, title: str) -> Markup:
    """Return a measure's values per period as a line, with the target as a dashed line."""
    width, height, left, right, top, bottom = 440, 190, 52, 16, 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [p.value for p in points]
    high = nice_ceiling(max([*values, target]) * 1.1)
    if percent:
        high = min(high, 1.0)  # a share never exceeds 100 %
    body: list[str] = []

    def y_of(value: float) -> float:
        return top + plot_h - plot_h * value / high

    def x_of(index: int) -> float:
        return left + (plot_w * (index + 0.5) / len(points) if points else 0)

    for fraction in (0.0, 0.5, 1.0):
        value = high * fraction
        y = y_of(value)
        tick = f"{_n(value * 100)}%" if percent else _n(value)
        body.append(f'<line class="isms-chart__grid" x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}"/>')
        body.append(f'<text class="isms-chart__axis" x="{left - 6}" y="{_n(y + 4)}" text-anchor="end">{tick}</text>')
    ty = y_of(target)
    body.append(
        f'<line class="isms-chart__target" x1="{left}" y1="{_n(ty)}" x2="{width - right}" y2="{_n(ty)}">'
        f"<title>target {escape(_n(target * 100) + '%' if percent else _n(target))}</title></line>"
    )
    coords = [(x_of(i), y_of(p.value)) for i, p in enumerate(points)]
    if len(coords) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in coords)
        body.append(f'<polyline class="isms-chart__line" points="{path}"/>')
    for (x, y), point in zip(coords, points, strict=True):
        body.append(
            f'<circle class="isms-chart__point" cx="{_n(x)}" cy="{_n(y)}" r="4">'
            f"<title>{escape(point.label)}: {escape(point.display)}</title></circle>"
        )
        body.append(
            f'<text class="isms-chart__axis" x="{_n(x)}" y="{height - bottom + 18}" text-anchor="middle">'
            f"{escape(point.label)}</text>"
        )
    return _svg(width, height, title, body)
