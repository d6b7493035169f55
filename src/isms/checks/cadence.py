"""Recurring records are there for every period that has ended (`expects:` in evidence registers)."""

from __future__ import annotations

from collections.abc import Iterator

from isms.findings import Finding, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `evidence-gap` for each ended period of a series without a record."""
    del repo
    for gap in ctx.gaps:
        series = gap.series
        name = f" ({series.title.get('en')})" if series.title else ""
        yield Finding(
            "evidence-gap",
            Severity.WARNING,
            f"no record of `{series.pattern}`{name} for {gap.period} ({gap.start} to {gap.end}); add that "
            f"period's record (`isms evidence add`) or correct `since:`",
            series.register,
            pointer=("expects", series.index, "every"),
            message_ja=f"{gap.period}（{gap.start}〜{gap.end}）の {series.pattern} の記録がありません",
        )
