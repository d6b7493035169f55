"""Reviews and target dates written in control and policy files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from isms.due.types import DueItem
from isms.model.base import Text, add_duration
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def control_reviews(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``control-review``: the last review plus the interval, for applicable controls (as `review-overdue`)."""
    for control in repo.controls.values():
        last = ctx.last_reviewed(control)
        if last is None or not control.applicable:
            continue
        name = f"{control.framework}:{control.id}"
        title = repo.title(control.key, "ja"), repo.title(control.key, "en")
        yield DueItem(
            kind="control-review",
            subject=name,
            owner=control.doc.owner,
            due=add_duration(last, repo.review_interval(control)),
            title=Text.model_construct(
                ja=f"管理策の見直し: {control.id} {title[0]}", en=f"Control review: {control.id} {title[1]}"
            ),
            action=f"review the control and set `review.last` in {control.path}",
            action_ja=f"管理策を見直し、{control.path} の `review.last` を更新する",
            path=control.path,
        )


def control_targets(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``control-due``: the `due:` date of controls not yet implemented."""
    for control in repo.controls.values():
        if control.doc.due is None or control.doc.status in ("implemented", "not-applicable"):
            continue
        title = repo.title(control.key, "ja"), repo.title(control.key, "en")
        yield DueItem(
            kind="control-due",
            subject=f"{control.framework}:{control.id}",
            owner=control.doc.owner,
            due=control.doc.due,
            title=Text.model_construct(
                ja=f"管理策の実施期限: {control.id} {title[0]}", en=f"Control due: {control.id} {title[1]}"
            ),
            action=f"implement it and set `status: implemented` in {control.path} (or move `due:`)",
            action_ja=f"実施して {control.path} の `status: implemented` を設定する（または `due:` を変更する）",
            path=control.path,
        )


def policy_reviews(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``policy-review``: the last review (or approval) plus the interval, as `policy-review-overdue`."""
    for policy in sorted(repo.policies.values(), key=lambda p: p.id):
        doc = policy.doc
        approved = ctx.approval(policy)
        last = doc.review.last if ctx.counts(doc.review.last) else (approved.date if approved else None)
        if last is None:
            continue
        yield DueItem(
            kind="policy-review",
            subject=policy.id,
            owner=doc.owner,
            due=add_duration(last, doc.review.interval or repo.config.review_interval),
            title=Text.model_construct(
                ja=f"方針の見直し: {doc.title.get('ja')}", en=f"Policy review: {doc.title.get('en')}"
            ),
            action=f"review the policy and set `review.last` in {policy.path}",
            action_ja=f"方針を見直し、{policy.path} の `review.last` を更新する",
            path=policy.path,
        )
