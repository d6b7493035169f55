"""Risk treatment actions, risk acceptances and reviews, and exceptions (as the risk checks judge them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from isms.due.types import DueItem, open_actions, text
from isms.model.base import add_duration
from isms.model.repository import Repository
from isms.state.assessment import Assessment

_RISK_LABEL = text("リスク対応策", "Risk treatment action")


def risk_actions(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``risk-action``: treatment actions not done by the as-of day, on their `due` date."""
    for risk in sorted(repo.risks.values(), key=lambda r: r.id):
        if not ctx.counts(risk.doc.assessed):
            continue
        yield from open_actions("risk-action", risk.id, risk.path, risk.doc.actions, _RISK_LABEL, ctx)


def risk_acceptances(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``risk-acceptance``: the `valid_until` of each acceptance given by the as-of day."""
    for risk in sorted(repo.risks.values(), key=lambda r: r.id):
        acceptance = risk.doc.acceptance
        if acceptance is None or not ctx.counts(acceptance.date):
            continue
        yield DueItem(
            kind="risk-acceptance",
            subject=risk.id,
            owner=risk.doc.owner,
            due=acceptance.valid_until,
            title=text(
                f"リスク受容の期限 {risk.id}: {risk.doc.title.get('ja')}",
                f"Risk acceptance ends {risk.id}: {risk.doc.title.get('en')}",
            ),
            action=f"review the risk and record a new `acceptance` (by, date, valid_until) in {risk.path}",
            action_ja=f"リスクを見直し、{risk.path} に新しい `acceptance`（by, date, valid_until）を記録する",
            path=risk.path,
        )


def risk_reviews(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``risk-review``: the last review (else the assessment) plus the interval, as `risk-review-overdue`."""
    criteria = repo.config.risk
    if criteria is None:
        return
    for risk in sorted(repo.risks.values(), key=lambda r: r.id):
        if not ctx.counts(risk.doc.assessed):
            continue
        last = risk.doc.review.last if ctx.counts(risk.doc.review.last) else None
        start = last or risk.doc.assessed
        yield DueItem(
            kind="risk-review",
            subject=risk.id,
            owner=risk.doc.owner,
            due=add_duration(start, risk.doc.review.interval or criteria.review_interval),
            title=text(
                f"リスクの見直し {risk.id}: {risk.doc.title.get('ja')}",
                f"Risk review {risk.id}: {risk.doc.title.get('en')}",
            ),
            action=f"review the risk and set `review.last` in {risk.path}",
            action_ja=f"リスクを見直し、{risk.path} の `review.last` を更新する",
            path=risk.path,
        )


def exceptions(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``exception-expiry``: the `valid_until` of each exception approved by the as-of day."""
    for exception in sorted(repo.exceptions.values(), key=lambda e: e.id):
        doc = exception.doc
        if not ctx.counts(doc.approved.date):
            continue
        yield DueItem(
            kind="exception-expiry",
            subject=exception.id,
            owner=doc.owner or doc.approved.by,
            due=doc.valid_until,
            title=text(
                f"例外の期限 {exception.id}: {doc.title.get('ja')}",
                f"Exception ends {exception.id}: {doc.title.get('en')}",
            ),
            action=f"end the deviation, or have it approved again with a new `valid_until` in {exception.path}",
            action_ja=f"逸脱を解消する、または {exception.path} の `valid_until` を更新して再承認を得る",
            path=exception.path,
        )
