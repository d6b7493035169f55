"""The one rounding rule: a percentage with one decimal, half up, from the exact ratio."""

from __future__ import annotations

import pytest

from isms.figures import percent, percent_figure, points, rounded


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.785, "78.5 %"), (1.0, "100.0 %"), (0.0, "0.0 %"), (None, "–"), (28 / 33, "84.8 %"), (0.1225, "12.3 %")],
)
def test_percent(value: float | None, text: str) -> None:
    assert percent(value) == text


def test_the_figure_comes_from_the_exact_ratio_not_the_json_one() -> None:
    # 28 of 33 is 84.848…%: the JSON ratio 0.8485 must not be rounded a second time to 84.9.
    assert rounded(28 / 33) == 0.8485
    assert percent_figure(28 / 33) == 84.8


@pytest.mark.parametrize(
    ("base", "head", "text"),
    [
        (0.5, 0.521, " (+2.1 pt)"),
        (1.0, 0.5, " (-50.0 pt)"),
        (0.5, 0.5001, ""),
        (None, 0.5, ""),
        (27 / 33, 28 / 33, " (+3.0 pt)"),
    ],
)
def test_points_are_the_difference_of_the_shown_figures(base: float | None, head: float | None, text: str) -> None:
    assert points(base, head) == text
