"""Recurring records (`expects:`): each ended period without a record, and the current period's record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from isms.due.evidence import evidence_owner
from isms.due.types import DueItem
from isms.model.base import Text
from isms.model.repository import EvidenceSeries, Repository
from isms.state.assessment import Assessment
from isms.state.cadence import next_start, period_start
from isms.state.measures import period_of
from isms.state.periods import label_text


def _current(repo: Repository, series: EvidenceSeries, ctx: Assessment) -> tuple[str, dt.date] | None:
    """Return the current period and its last day when its record is not there yet (and the series has begun)."""
    dates = [item.date for path, item in repo.evidence.items() if series.matches(path) and ctx.counts(item.date)]
    first = series.since or (min(dates) if dates else None)
    if first is None or first > ctx.today:
        return None
    fiscal = repo.config.fiscal_year_start
    start = period_start(ctx.today, series.period, fiscal)
    label = period_of(start, series.period, fiscal)
    if any(period_of(day, series.period, fiscal) == label for day in dates):
        return None
    following = next_start(start, series.period)
    return label, following - dt.timedelta(days=1) if following is not None else dt.date.max


def _owner(repo: Repository, series: EvidenceSeries) -> str | None:
    for path, item in repo.evidence.items():
        if series.matches(path):
            return evidence_owner(repo, item)
    return None


def provide(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``evidence-gap``: every ended period without a record (overdue), then the current period's."""
    for series in repo.series:
        periods = [(gap.period, gap.end) for gap in ctx.gaps if gap.series is series]
        current = _current(repo, series, ctx)
        if current is not None:
            periods.append(current)
        if not periods:
            continue
        owner = _owner(repo, series)
        name = series.title or Text.model_construct(ja=series.pattern, en=series.pattern)
        for period, end in periods:
            ja, en = label_text(period, "ja"), label_text(period, "en")  # 2026年度上期 / FY2026 H1
            yield DueItem(
                kind="evidence-gap",
                subject=f"{series.pattern}#{period}",
                owner=owner,
                due=end,
                title=Text.model_construct(
                    ja=f"定期記録 {ja}: {name.get('ja')}", en=f"Recurring record {en}: {name.get('en')}"
                ),
                action=f"add the {en} record matching `{series.pattern}` (`isms evidence add FILE --for ...`)",
                action_ja=f"{ja} の記録（`{series.pattern}`）を追加する（`isms evidence add FILE --for ...`）",
                path=series.register,
            )
