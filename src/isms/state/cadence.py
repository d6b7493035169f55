"""Recurring records (`expects:` in a register): every period that has ended needs one, as of a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from isms.model.repository import EvidenceSeries, Repository
from isms.state.periods import next_start, period_of, period_start

__all__ = ["EvidenceGap", "evidence_gaps", "next_start", "period_start", "series_gaps"]


@dataclass(frozen=True, slots=True)
class EvidenceGap:
    """A period of a series that ended without a record.

    Attributes:
        series: The series declared under `expects:`.
        period: Its label, e.g. ``2026-07`` or ``2026-Q3``.
        start: First day of the period.
        end: Last day of the period (the record was due by then).
    """

    series: EvidenceSeries
    period: str
    start: dt.date
    end: dt.date


def series_gaps(repo: Repository, series: EvidenceSeries, today: dt.date, cutoff: dt.date) -> list[EvidenceGap]:
    """Return the ended periods (up to ``today``) of a series without a record dated in them by ``cutoff``."""
    dates = [item.date for path, item in repo.evidence.items() if series.matches(path) and item.date <= cutoff]
    first = series.since or (min(dates) if dates else None)
    if first is None:
        return []
    fiscal = repo.config.fiscal_year_start
    filled = {period_of(day, series.period, fiscal) for day in dates}
    gaps = []
    start = period_start(first, series.period, fiscal)
    while (following := next_start(start, series.period)) is not None and following <= today:
        label = period_of(start, series.period, fiscal)
        if label not in filled:
            gaps.append(EvidenceGap(series, label, start, following - dt.timedelta(days=1)))
        start = following
    return gaps


def evidence_gaps(repo: Repository, today: dt.date, cutoff: dt.date) -> tuple[EvidenceGap, ...]:
    """Return every gap of every series, in register order."""
    return tuple(gap for series in repo.series for gap in series_gaps(repo, series, today, cutoff))
