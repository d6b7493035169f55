"""Charts: well-formed SVG, escaped labels, the same bytes for the same data."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from isms.metrics.types import FrameworkCoverage
from isms.site.charts import clip, count_chart, coverage_chart, nice_ceiling, trend_chart
from isms.site.labels import Labels
from isms.site.pages.basics import Ref
from isms.site.pages.risk_types import HeatMap
from isms.site.pages.types import FrameworkRow, PeriodPoint
from isms.site.risk_charts import heat_map

T = Labels("en")


def row(label: str, applicable: int = 10, evidenced: int = 6) -> FrameworkRow:
    numbers = FrameworkCoverage(
        id=label,
        name=label,
        name_ja=None,
        short=label,
        requirements=12,
        applicable=applicable,
        implemented=8,
        evidenced=evidenced,
        partial=1,
        planned=1,
        undecided=0,
        measures_total=0,
        measures_met=0,
    )
    return FrameworkRow(ref=Ref(label, f"{label} <full name>", "frameworks/x.md", group=label), numbers=numbers)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def test_coverage_chart_is_svg_with_escaped_labels() -> None:
    svg = str(coverage_chart([row("<script>alert(1)</script>"), row("ISO 27001")], T))
    root = parse(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert "60.0 %" in svg
    assert svg == str(coverage_chart([row("<script>alert(1)</script>"), row("ISO 27001")], T))


def _legend_parts(svg: str) -> list[str]:
    ns = "{http://www.w3.org/2000/svg}"
    rects = [r.get("class", "") for r in parse(svg).iter(f"{ns}rect") if r.get("width") == "10"]
    return [css.removeprefix("isms-fill--") for css in rects]


def test_the_legend_names_only_the_segments_drawn() -> None:
    every_implemented_evidenced = row("all", evidenced=8)
    assert _legend_parts(str(coverage_chart([every_implemented_evidenced], T))) == ["evidenced", "partial", "planned"]
    one_lacks_evidence = row("some", evidenced=6)
    assert _legend_parts(str(coverage_chart([every_implemented_evidenced, one_lacks_evidence], T))) == [
        "evidenced",
        "implemented",
        "partial",
        "planned",
    ]


def test_a_long_framework_name_keeps_its_words() -> None:
    svg = str(coverage_chart([row("情報セキュリティ行動指針")], T))
    assert ">情報セキュリティ行動指針</text>" in svg


def test_coverage_chart_without_applicable_requirements() -> None:
    parse(str(coverage_chart([row("empty", applicable=0, evidenced=0)], T)))
    parse(str(coverage_chart([], T)))


def test_count_chart_scales_to_the_largest_count() -> None:
    svg = str(count_chart([("current", 30), ("stale", 0), ("missing", 3)], "Evidence <health>", T))
    root = parse(svg)
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert "Evidence &lt;health&gt;" in svg
    parse(str(count_chart([("current", 0)], "empty", T)))


@pytest.mark.parametrize("count", [0, 1, 4])
def test_trend_chart(count: int) -> None:
    points = [
        PeriodPoint(f"2026-Q{i + 1}", 0.5 + i / 10, f"{50 + i * 10}.0 %", 10, f"2026-Q{i + 1}") for i in range(count)
    ]
    svg = str(trend_chart(points, 0.9, percent=True, title="<b>phishing</b>"))
    root = parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}circle")) == count
    assert len(root.findall(f"{ns}polyline")) == (1 if count > 1 else 0)
    assert root.find(f"{ns}line[@class='isms-chart__target']") is not None
    assert "&lt;b&gt;phishing&lt;/b&gt;" in svg


def test_trend_chart_of_counts() -> None:
    points = [PeriodPoint("2026-05", 3.0, "3", 3, "2026-05"), PeriodPoint("2026-06", 0.0, "0", 0, "2026-06")]
    parse(str(trend_chart(points, 0.0, percent=False, title="incidents")))


def test_trend_chart_labels_fiscal_periods_for_people() -> None:
    points = [
        PeriodPoint("FY2026-H1", 0.9, "90.0 %", 9, "2026年度上期"),
        PeriodPoint("FY2026-H2", 1, "100.0 %", 9, "x"),
    ]
    svg = str(trend_chart(points, 0.95, percent=True, title="研修"))
    assert "<title>2026年度上期: 90.0 %</title>" in svg
    assert ">2026年度上期</text>" in svg
    assert "FY2026-H1" not in svg


def test_clip_counts_wide_characters_twice() -> None:
    assert clip("ISO 27001", 22) == "ISO 27001"
    assert clip("情報セキュリティ行動指針の全項目", 22) == "情報セキュリティ行動指…"
    assert clip("a" * 30, 10) == "a" * 10 + "…"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, 1.0), (0.8, 1.0), (1.0, 1.0), (1.1, 2.0), (94.4, 100.0), (3.3, 5.0), (22.0, 25.0), (0.04, 0.05)],
)
def test_nice_ceiling(value: float, expected: float) -> None:
    assert nice_ceiling(value) == pytest.approx(expected)


def test_the_heat_map_names_its_axes_and_escapes_them() -> None:
    chart = HeatMap(
        title="Inherent <risk>",
        likelihood=("Rare", "Likely"),
        impact=("Minor", "Severe & costly"),
        cells=((1, 1, 2, "low"), (1, 2, 0, "medium"), (2, 1, 0, "medium"), (2, 2, 1, "high")),
        likelihood_axis="Likelihood <L>",
        impact_axis="Impact & I",
    )
    svg = str(heat_map(chart))
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Likelihood <L> \u2191" in texts
    assert "Impact & I \u2192" in texts
    assert "Severe &amp;" in svg
    assert 'transform="rotate(-90' in svg
