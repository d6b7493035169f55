"""Recurring records are there for every period that has ended (`expects:` in evidence registers)."""

from __future__ import annotations

from collections.abc import Iterator

from isms.findings import Finding, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment
from isms.state.periods import label_text


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `evidence-gap` for each ended period of a series without a record."""
    del repo
    for gap in ctx.gaps:
        series = gap.series
        name = f" ({series.title.get('en')})" if series.title else ""
        name_ja = f"（{series.title.get('ja')}）" if series.title else " "
        period_ja = label_text(gap.period, "ja")
        yield Finding(
            "evidence-gap",
            Severity.WARNING,
            f"no record of `{series.pattern}`{name} for {label_text(gap.period, 'en')} ({gap.start} to {gap.end}); "
            f"add that period's record (`isms evidence add`) or correct `since:`",
            series.register,
            pointer=("expects", series.index, "every"),
            message_ja=f"{period_ja}（{gap.start}〜{gap.end}）の {series.pattern}{name_ja}の記録がありません。"
            "その期間の記録を追加する（isms evidence add）か、since: を直してください",
        )
