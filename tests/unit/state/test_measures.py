"""Measure computation: periods, targets, filters."""

from __future__ import annotations

import datetime as dt

import pytest

from isms.model.control import Measure
from isms.state.measures import Target, compute_value, period_end, period_of, periods_between, previous_period


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


ROSTER = [
    {"employee_id": "a", "role": "sales"},
    {"employee_id": "b", "role": "sales"},
    {"employee_id": "c", "role": "dev"},
    {"employee_id": "d", "role": "sales"},  # absent from the data: not done
]
SESSIONS = [
    {"employee_id": e, "session": str(n), "attended": "yes"}
    for e, sessions in (("a", 5), ("b", 4), ("z", 6))
    for n in range(sessions)
]


def files(path: str) -> list[dict[str, str]]:
    return {"roster.csv": ROSTER, "banned.csv": [{"role": "dev", "why": "x"}]}[path]


def test_a_rate_over_a_population_counts_absent_members_as_not_done() -> None:
    rate = measure(
        {
            "ratio": {
                "where": {"clicked": "no"},
                "population": {"evidence": "roster.csv", "key": "employee_id", "column": "account"},
            }
        }
    )
    # b and c did not click; d is absent from the data; rows of non-members do not count
    assert compute_value(rate, ROWS, files) == pytest.approx(2 / 4)
    sales = measure(
        {
            "ratio": {
                "where": {},
                "population": {
                    "evidence": "roster.csv",
                    "key": "employee_id",
                    "column": "account",
                    "where": {"role": "sales"},
                },
            }
        }
    )
    assert compute_value(sales, ROWS, files) == pytest.approx(2 / 3)


def test_a_per_person_minimum() -> None:
    over_roster = measure(
        {
            "ratio": {
                "where": {"attended": "yes"},
                "group_by": "employee_id",
                "at_least": 5,
                "population": {"evidence": "roster.csv", "key": "employee_id", "where": {"role": "sales"}},
            }
        }
    )
    assert compute_value(over_roster, SESSIONS, files) == pytest.approx(1 / 3)  # a of a, b, d
    groups = measure({"count": {"where": {"attended": "yes"}, "group_by": "employee_id", "at_least": 5}})
    assert compute_value(groups, SESSIONS, files) == 2  # a and z
    share = measure({"ratio": {"where": {}, "group_by": "employee_id", "at_least": 5}})
    assert compute_value(share, SESSIONS, files) == pytest.approx(2 / 3)


def test_distinct_counts_values_not_rows() -> None:
    assert compute_value(measure({"count": {"distinct": "employee_id"}}), SESSIONS, files) == 3
    assert compute_value(measure({"count": {"distinct": "role"}}), ROWS, files) == 2


def test_comparisons_in_where() -> None:
    assert compute_value(measure({"count": {"where": {"score": ">= 80"}}}), ROWS, files) == 1
    assert compute_value(measure({"count": {"where": {"score": "< 80"}}}), ROWS, files) == 1  # `x` is no number
    assert compute_value(measure({"count": {"where": {"score": "!= 70"}}}), ROWS, files) == 1
    assert compute_value(measure({"ratio": {"where": {"score": ">= 70"}, "of": {"role": "sales"}}}), ROWS, files) == 1


def test_a_join_that_must_be_empty() -> None:
    joined = measure({"count": {"where": {"clicked": "no"}, "in": {"evidence": "banned.csv", "column": "role"}}})
    assert compute_value(joined, ROWS, files) == 1  # c, a dev
    assert (
        compute_value(
            measure({"count": {"where": {"role": "sales"}, "in": {"evidence": "banned.csv", "column": "role"}}}),
            ROWS,
            files,
        )
        == 0
    )


@pytest.mark.parametrize(
    "compute",
    [
        {"count": {"at_least": 2}},
        {"count": {"population": {"evidence": "roster.csv", "key": "employee_id"}}},
        {"ratio": {"distinct": "a", "group_by": "b"}},
    ],
)
def test_inconsistent_compute_keys_are_refused(compute: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="`"):
        measure(compute)


@pytest.mark.parametrize(
    ("label", "period", "end"),
    [
        ("2026-02", "month", dt.date(2026, 2, 28)),
        ("2026-Q3", "quarter", dt.date(2026, 9, 30)),
        ("2026-H2", "half", dt.date(2026, 12, 31)),
        ("9999", "year", dt.date(9999, 12, 31)),
    ],
)
def test_period_end(label: str, period: str, end: dt.date) -> None:
    assert period_end(label, period) == end
