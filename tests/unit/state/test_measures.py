"""Measure computation: periods, targets, filters."""

from __future__ import annotations

import datetime as dt

import pytest

from isms.model.control import Measure
from isms.state.measures import Target, compute_value, period_of, periods_between, previous_period


def measure(compute: dict[str, object]) -> Measure:
    return Measure.model_validate({"id": "m", "title": "m", "data": ["x.csv"], "compute": compute, "target": ">= 1"})


ROWS = [
    {"account": "a", "role": "sales", "clicked": "yes", "score": "90"},
    {"account": "b", "role": "sales", "clicked": "no", "score": "70"},
    {"account": "c", "role": "dev", "clicked": "no", "score": "x"},
]


@pytest.mark.parametrize(
    ("day", "period", "label", "previous"),
    [
        (dt.date(2026, 11, 26), "month", "2026-11", "2026-10"),
        (dt.date(2026, 1, 5), "month", "2026-01", "2025-12"),
        (dt.date(2026, 11, 26), "quarter", "2026-Q4", "2026-Q3"),
        (dt.date(2026, 2, 1), "quarter", "2026-Q1", "2025-Q4"),
        (dt.date(2026, 7, 1), "half", "2026-H2", "2026-H1"),
        (dt.date(2026, 6, 30), "half", "2026-H1", "2025-H2"),
        (dt.date(2026, 6, 30), "year", "2026", "2025"),
    ],
)
def test_periods(day: dt.date, period: str, label: str, previous: str) -> None:
    assert period_of(day, period) == label
    assert previous_period(day, period) == previous


@pytest.mark.parametrize(
    ("text", "value", "met", "missed"),
    [(">= 95%", 0.95, 0.95, 0.949), ("<= 5%", 0.05, 0.05, 0.051), ("== 0", 0.0, 0.0, 1.0), ("> 2", 2.0, 2.1, 2.0)],
)
def test_targets(text: str, value: float, met: float, missed: float) -> None:
    target = Target.parse(text)
    assert target.value == pytest.approx(value)
    assert target.met(met)
    assert not target.met(missed)


def test_compute_operations() -> None:
    designated = [{"account": "a"}, {"account": "c"}]

    def lookup(path: str) -> list[dict[str, str]]:
        assert path == "designated.csv"
        return designated

    assert compute_value(measure({"count": {}}), ROWS, lookup) == 3
    assert compute_value(measure({"count": {"where": {"role": ["sales", "hr"]}}}), ROWS, lookup) == 2
    assert compute_value(measure({"ratio": {"where": {"clicked": True}}}), ROWS, lookup) == pytest.approx(1 / 3)
    assert compute_value(
        measure({"ratio": {"where": {"clicked": "yes"}, "of": {"role": "sales"}}}), ROWS, lookup
    ) == pytest.approx(0.5)
    assert (
        compute_value(measure({"count": {"not_in": {"evidence": "designated.csv", "column": "account"}}}), ROWS, lookup)
        == 1
    )
    assert compute_value(measure({"mean": "score"}), ROWS, lookup) == 80
    assert compute_value(measure({"sum": "score"}), ROWS, lookup) == 160
    assert compute_value(measure({"ratio": {"where": {}, "of": {"role": "none"}}}), ROWS, lookup) is None


def test_periods_between() -> None:
    first, last = dt.date(2025, 11, 30), dt.date(2026, 7, 1)
    assert periods_between(first, last, "quarter") == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert periods_between(first, last, "half") == ["2025-H2", "2026-H1", "2026-H2"]
    assert periods_between(first, first, "month") == ["2025-11"]
    assert periods_between(first, last, "year") == ["2025", "2026"]
