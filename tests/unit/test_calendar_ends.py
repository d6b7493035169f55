"""Date arithmetic at the calendar's ends is clamped, never an overflow (issue 18)."""

from __future__ import annotations

import datetime as dt

import pytest

from isms.model.base import add_duration
from isms.state.measures import previous_period


@pytest.mark.parametrize("duration", ["1d", "2w", "1m", "1y", "999y"])
def test_add_duration_clamps_at_the_last_day(duration: str) -> None:
    assert add_duration(dt.date(9999, 12, 31), duration) == dt.date.max


def test_add_duration_inside_the_calendar_is_unchanged() -> None:
    assert add_duration(dt.date(2026, 1, 31), "1m") == dt.date(2026, 2, 28)


@pytest.mark.parametrize("period", ["month", "quarter", "half", "year"])
def test_previous_period_of_the_first_day(period: str) -> None:
    assert previous_period(dt.date.min, period).startswith("0")
