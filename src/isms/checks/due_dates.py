"""Dates the ISMS promised: a planned or partial control's `due:`, a policy's next review."""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Severity
from isms.model.base import add_duration
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `control-due-passed`, `policy-review-overdue` and `policy-changed-after-approval`."""
    yield from _changed_after_approval(repo, ctx)
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
                f"管理策の期限 {due} を過ぎても {control.doc.status} のままです。実施するか、新しい due: を設定して"
                "理由を notes に書いてください",
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
                message_ja=f"方針の見直し期限を過ぎています。最終見直しまたは承認 {since}、見直し間隔 {interval}"
                f"（期限 {next_review}）。見直しを行い、review.last を更新してください",
            )


def _changed_after_approval(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """A policy committed again after the day it was approved, other than by the commit that added it."""
    for policy in repo.policies.values():
        approved = ctx.approval(policy)
        commits = ctx.history.of(policy.path)
        if approved is None or len(commits) < 2:
            continue  # no approval yet, or the file was only ever added
        later = [c for c in commits[:-1] if c.date.date() > approved.date]
        if not later:
            continue
        newest = later[0]
        yield Finding(
            "policy-changed-after-approval",
            Severity.WARNING,
            f"policy changed on {newest.date.date()} ({newest.short} {newest.headline!r}) after its approval "
            f"of {approved.date}; have the change approved and update `approved:`",
            policy.path,
            pointer=("approved", "date"),
            message_ja=f"方針が承認（{approved.date}）の後の {newest.date.date()} に変更されています"
            f"（{newest.short} {newest.headline!r}）。変更の承認を受け、approved: を更新してください",
        )
