"""Every control has an owner and is reviewed on time."""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Severity
from isms.model.base import add_duration
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `control-no-owner` and `review-overdue`."""
    for control in repo.controls.values():
        if control.doc.owner is None:
            yield on_control(
                control,
                "control-no-owner",
                Severity.ERROR,
                "control has no `owner`; name who answers for it (an id under `owners` in isms.yaml)",
                (),
                "管理策に責任者（owner）がありません。責任を負う人を isms.yaml の owners にある ID で指定してください",
            )
        last = ctx.last_reviewed(control)
        if last is None or not control.applicable:
            continue
        interval = repo.review_interval(control)
        due = add_duration(last, interval)
        if due < ctx.today:
            yield on_control(
                control,
                "review-overdue",
                Severity.WARNING,
                f"review overdue: last reviewed {last}, due every {interval} (by {due}); review it and "
                "update `review.last`",
                ("review", "last"),
                f"見直し期限を過ぎています。最終見直し {last}、見直し間隔 {interval}（期限 {due}）。"
                "見直しを行い、review.last を更新してください",
            )
