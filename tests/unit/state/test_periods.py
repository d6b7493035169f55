"""Reporting periods of a fiscal year (年度): `fiscal_year_start: 4` is April to March."""

from __future__ import annotations

import datetime as dt

import pytest

from isms.state.periods import label_text, period_end, period_of, period_start, periods_between, previous_period


@pytest.mark.parametrize(
    ("day", "period", "label", "previous"),
    [
        (dt.date(2026, 4, 1), "half", "FY2026-H1", "FY2025-H2"),
        (dt.date(2026, 3, 31), "half", "FY2025-H2", "FY2025-H1"),
        (dt.date(2026, 11, 26), "half", "FY2026-H2", "FY2026-H1"),
        (dt.date(2027, 1, 15), "year", "FY2026", "FY2025"),
        (dt.date(2026, 5, 14), "quarter", "FY2026-Q1", "FY2025-Q4"),
        (dt.date(2027, 2, 1), "quarter", "FY2026-Q4", "FY2026-Q3"),
        (dt.date(2026, 5, 14), "month", "2026-05", "2026-04"),
    ],
)
def test_fiscal_labels(day: dt.date, period: str, label: str, previous: str) -> None:
    assert period_of(day, period, 4) == label
    assert previous_period(day, period, 4) == previous


def test_calendar_labels_are_unchanged() -> None:
    assert period_of(dt.date(2026, 5, 14), "half") == "2026-H1"
    assert period_of(dt.date(2026, 5, 14), "year", 1) == "2026"


def test_fiscal_bounds() -> None:
    assert period_start(dt.date(2027, 1, 15), "year", 4) == dt.date(2026, 4, 1)
    assert period_end("FY2026", "year", 4) == dt.date(2027, 3, 31)
    assert period_end("FY2026-H2", "half", 4) == dt.date(2027, 3, 31)
    assert period_end("FY2026-Q1", "quarter", 4) == dt.date(2026, 6, 30)
    assert periods_between(dt.date(2026, 3, 1), dt.date(2026, 10, 1), "half", 4) == [
        "FY2025-H2",
        "FY2026-H1",
        "FY2026-H2",
    ]


@pytest.mark.parametrize(
    ("label", "ja", "en"),
    [
        ("FY2026-H1", "2026年度上期", "FY2026 H1"),
        ("FY2026-H2", "2026年度下期", "FY2026 H2"),
        ("FY2026-Q3", "2026年度第3四半期", "FY2026 Q3"),
        ("FY2026", "2026年度", "FY2026"),
        ("2026-H1", "2026-H1", "2026-H1"),
    ],
)
def test_label_text(label: str, ja: str, en: str) -> None:
    assert label_text(label, "ja") == ja
    assert label_text(label, "en") == en


def test_fiscal_periods_at_the_calendars_first_day() -> None:
    """0001-01-01 lies in fiscal year 0 (April 0 to March 1), which the calendar cannot hold."""
    day = dt.date(1, 1, 1)
    for period in ("quarter", "half", "year"):
        assert period_start(day, period, 4) == dt.date.min
        assert period_end(period_of(day, period, 4), period, 4) >= day
        previous_period(day, period, 4)  # a label, never a crash
