"""Recorded dates must have happened: a date after the real current date is a typo or a backdating error.

Only when evaluating the real current date (no ``--today``); one day of tolerance allows for time
zones ahead of UTC. With ``--today D`` later dates are simply not counted yet (point-in-time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Pointer, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment

RULE = "date-in-future"


def _message(what: str, day: dt.date, ctx: Assessment, what_ja: str) -> tuple[str, str]:
    return (
        f"{what} {day} is after today ({ctx.today}); correct the date (to evaluate a future day, pass --today)",
        f"{what_ja} {day} が今日（{ctx.today}）より後の日付です。日付を直してください（将来の日で評価するには "
        "--today を指定）",
    )


def _rows(ctx: Assessment) -> Iterator[Finding]:
    """Data rows a measure left out because their date is after tomorrow, once per file and row."""
    seen: set[tuple[str, int]] = set()
    for result in ctx.measures:
        for row in result.later:
            if (row.file, row.index) in seen:
                continue
            seen.add((row.file, row.index))
            where = f"line {row.line}" if row.line is not None else f"row {row.index + 1}"
            where_ja = f"{row.line} 行目" if row.line is not None else f"データの {row.index + 1} 行目"
            en, ja = _message(f"`{row.column}` of {where}:", row.day, ctx, f"{where_ja}の {row.column}:")
            yield Finding(RULE, Severity.ERROR, en, row.file, line=row.line, message_ja=ja)


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `date-in-future` for evidence dates, reviews, approvals, supplier records and data rows after tomorrow."""
    if ctx.pinned:
        return
    yield from _rows(ctx)
    for item in repo.evidence.values():
        if not ctx.counts(item.date):
            en, ja = _message(f"evidence `{item.path}` date", item.date, ctx, f"証跡 {item.path} の日付")
            yield Finding(
                RULE, Severity.ERROR, en, item.register, pointer=("evidence", item.index, "date"), message_ja=ja
            )
    for control in repo.controls.values():
        last = control.doc.review.last
        if last is not None and not ctx.counts(last):
            en, ja = _message("`review.last`", last, ctx, "review.last")
            yield on_control(control, RULE, Severity.ERROR, en, ("review", "last"), ja)
    for policy in repo.policies.values():
        dates: list[tuple[str, dt.date | None, Pointer]] = [
            ("approved.date", policy.doc.approved.date if policy.doc.approved else None, ("approved", "date")),
            ("review.last", policy.doc.review.last, ("review", "last")),
        ]
        for what, day, pointer in dates:
            if day is not None and not ctx.counts(day):
                en, ja = _message(f"`{what}`", day, ctx, what)
                yield Finding(RULE, Severity.ERROR, en, policy.path, pointer=pointer, message_ja=ja)
    for supplier in repo.suppliers.values():
        records = [("inspections", n, i.date) for n, i in enumerate(supplier.doc.inspections)]
        records += [("training", n, t.date) for n, t in enumerate(supplier.doc.training)]
        for kind, position, day in records:
            if not ctx.counts(day):
                en, ja = _message(f"`{kind}` date", day, ctx, f"{kind} の日付")
                yield Finding(RULE, Severity.ERROR, en, supplier.path, pointer=(kind, position, "date"), message_ja=ja)
