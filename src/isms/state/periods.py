"""Reporting periods: months, and quarters, halves and years of a calendar or fiscal year.

With `fiscal_year_start: 4` in isms.yaml (Japanese 年度, April to March) quarters, halves and
years follow the fiscal year and are labelled by the year it starts in: ``FY2026-Q1`` (April to
June 2026), ``FY2026-H2`` (October 2026 to March 2027), ``FY2026``. With the default (1) labels are
calendar ones: ``2026-Q2``, ``2026-H1``, ``2026``. Months are ``2026-06`` either way.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_LABEL = re.compile(r"^(FY)?(\d{4})(?:-(?:(Q|H)(\d)|(\d{2})))?$")


def _fiscal(day: dt.date, start: int) -> tuple[int, int]:
    """Return (fiscal year, 0-based month within it)."""
    return (day.year if day.month >= start else day.year - 1), (day.month - start) % 12


def period_of(day: dt.date, period: str, start: int = 1) -> str:
    """Return the label of the period a day falls in."""
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, month = _fiscal(day, start)
    prefix = "FY" if start != 1 else ""
    if period == "quarter":
        return f"{prefix}{year:04d}-Q{month // 3 + 1}"
    if period == "half":
        return f"{prefix}{year:04d}-H{month // 6 + 1}"
    return f"{prefix}{year:04d}"


def period_start(day: dt.date, period: str, start: int = 1) -> dt.date:
    """Return the first day of the period ``day`` falls in."""
    if period == "month":
        return dt.date(day.year, day.month, 1)
    year, month = _fiscal(day, start)
    first = (month // MONTHS[period]) * MONTHS[period] + start - 1  # months after January of `year`
    return _first_day(year + first // 12, first % 12 + 1)


def _first_day(year: int, month: int) -> dt.date:
    """Return the 1st of a month; the calendar's first day for a fiscal period begun before it (year 0)."""
    return dt.date(year, month, 1) if year >= dt.MINYEAR else dt.date.min


def next_start(first: dt.date, period: str) -> dt.date | None:
    """Return the first day of the period after the one starting on ``first`` (None past the calendar's end)."""
    month = first.month - 1 + MONTHS[period]
    year = first.year + month // 12
    return dt.date(year, month % 12 + 1, 1) if year <= dt.MAXYEAR else None


def previous_period(day: dt.date, period: str, start: int = 1) -> str:
    """Return the label of the period before the one ``day`` falls in."""
    first = period_start(day, period, start)
    if first == dt.date.min:  # the calendar's first period has none before it: label year 0's last
        return period_of(dt.date(1, 12, 31), period).replace("1", "0", 1)
    return period_of(first - dt.timedelta(days=1), period, start)


def periods_between(first: dt.date, last: dt.date, period: str, start: int = 1) -> list[str]:
    """Return the labels of every period from the one holding ``first`` to the one holding ``last``."""
    labels = []
    day = period_start(first, period, start)
    while day <= last:
        labels.append(period_of(day, period, start))
        following = next_start(day, period)
        if following is None:  # the calendar ends
            break
        day = following
    return labels


def period_end(label: str, period: str, start: int = 1) -> dt.date:
    """Return the last day of a labelled period (``2026-06``, ``2026-Q2``, ``FY2026-H1``, ``2026``)."""
    match = _LABEL.match(label)
    if match is None:
        msg = f"not a period label: {label!r}"
        raise ValueError(msg)
    year = int(match.group(2))
    if period == "month":
        first = dt.date(year, int(match.group(5) or 1), 1)
    else:
        index = int(match.group(4) or 1) - 1
        months = (index * MONTHS[period]) + start - 1
        first = _first_day(year + months // 12, months % 12 + 1)
    following = next_start(first, period)
    return following - dt.timedelta(days=1) if following is not None else dt.date.max


def label_text(label: str, lang: str) -> str:
    """Return a period label for people: ``2026年度上期`` / ``FY2026 H1``; calendar labels as they are."""
    match = _LABEL.match(label)
    if match is None or match.group(1) is None:
        return label
    year, kind, number = match.group(2), match.group(3), match.group(4)
    if lang == "ja":
        if kind == "H":
            return f"{year}年度{'上' if number == '1' else '下'}期"
        if kind == "Q":
            return f"{year}年度第{number}四半期"
        return f"{year}年度"
    return f"FY{year} {kind}{number}" if kind else f"FY{year}"
