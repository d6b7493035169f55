"""Dates the ISMS promised: a planned or partial control's `due:`, a policy's next review."""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Severity
from isms.model.base import add_duration
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `control-due-passed` and `policy-review-overdue`."""
    for control in repo.controls.values():
        due = control.doc.due
        if control.doc.status in ("planned", "partial") and due is not None and due < ctx.today:
            yield on_control(
                control,
                "control-due-passed",
                Severity.WARNING,
                f"control is still {control.doc.status} and its due date {due} has passed; implement it, or "
                "set a new `due:` with the reason in `notes`",
                ("due",),
                f"管理策の期限（{due}）を過ぎても {control.doc.status} のままです",
            )
    for policy in repo.policies.values():
        last = policy.doc.review.last
        approved = ctx.approval(policy)
        since = last if last is not None and ctx.counts(last) else (approved.date if approved else None)
        if since is None:
            continue
        interval = policy.doc.review.interval or repo.config.review_interval
        next_review = add_duration(since, interval)
        if next_review < ctx.today:
            yield Finding(
                "policy-review-overdue",
                Severity.WARNING,
                f"policy review overdue: last reviewed or approved {since}, due every {interval} (by "
                f"{next_review}); review it and update `review.last`",
                policy.path,
                pointer=("review", "last") if last is not None else ("approved", "date"),
                message_ja=f"方針の見直し期限（{next_review}）を過ぎています",
            )
