"""Corrective actions, review actions, planned audits, the next management review, objectives, control tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from isms.due.types import DueItem, open_actions, text
from isms.model.base import add_duration
from isms.model.repository import Repository
from isms.state.assessment import Assessment
from isms.state.cycle import last_run

_NC_LABEL = text("是正処置", "Corrective action")


def corrective_actions(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``corrective-action``: actions of nonconformities raised by the as-of day and not done, on `due`."""
    for nc in sorted(repo.nonconformities.values(), key=lambda n: n.id):
        if not ctx.counts(nc.doc.raised) or nc.status(ctx.cutoff) == "closed":
            continue
        yield from open_actions("corrective-action", nc.id, nc.path, nc.doc.actions, _NC_LABEL, ctx)


def review_actions(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``review-action``: actions decided by management reviews held by the as-of day, not done."""
    for review in sorted(repo.reviews.values(), key=lambda r: r.date):
        if not ctx.counts(review.date):
            continue
        number = 0
        for decision in review.doc.decisions:
            for action in decision.actions:
                number += 1
                if ctx.counts(action.done):
                    continue
                yield DueItem(
                    kind="review-action",
                    subject=f"{review.id}#{number}",
                    owner=action.owner,
                    due=action.due,
                    title=text(
                        f"マネジメントレビュー {review.id} の処置: {action.title.get('ja')}",
                        f"Management review {review.id} action: {action.title.get('en')}",
                    ),
                    action=f"complete it and record `done:` in {review.path}",
                    action_ja=f"実施して {review.path} に `done:` を記録する",
                    path=review.path,
                )


def audits(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``audit``: planned audits not performed by the as-of day, on their planned date."""
    programme = repo.config.audit_programme
    for audit in sorted(repo.audits.values(), key=lambda a: (a.doc.planned, a.id)):
        if audit.performed_by(ctx.cutoff):
            continue
        owner = audit.doc.auditors[0] if audit.doc.auditors else (programme.owner if programme else None)
        yield DueItem(
            kind="audit",
            subject=audit.id,
            owner=owner,
            due=audit.doc.planned,
            title=text(
                f"監査 {audit.id}: {audit.doc.title.get('ja')}", f"Audit {audit.id}: {audit.doc.title.get('en')}"
            ),
            action=f"carry out the audit and record `performed:` and its `findings:` in {audit.path}",
            action_ja=f"監査を実施し、{audit.path} に `performed:` と `findings:` を記録する",
            path=audit.path,
        )


def management_review(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``management-review``: the day the next review is due (after the last one held)."""
    schedule = repo.config.management_review
    held = sorted((r for r in repo.reviews.values() if ctx.counts(r.date)), key=lambda r: r.date)
    if schedule is None or not held:
        return
    last = held[-1]
    yield DueItem(
        kind="management-review",
        subject="management-review",
        owner=last.doc.chair,
        due=add_duration(last.date, schedule.interval),
        title=text("次回のマネジメントレビュー", "Next management review"),
        action="hold the review and record it as management-reviews/YYYY-MM-DD.yaml",
        action_ja="マネジメントレビューを実施し、management-reviews/YYYY-MM-DD.yaml に記録する",
        path=last.path,
    )


def objectives(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``objective``: each objective set by the as-of day, on its `due` date."""
    for objective in sorted(repo.objectives.values(), key=lambda o: o.id):
        if not ctx.counts(objective.doc.set):
            continue
        yield DueItem(
            kind="objective",
            subject=objective.id,
            owner=objective.doc.owner,
            due=objective.doc.due,
            title=text(
                f"情報セキュリティ目的 {objective.id}: {objective.doc.title.get('ja')}",
                f"Objective {objective.id}: {objective.doc.title.get('en')}",
            ),
            action=f"evaluate the result and set the next objective in {objective.path}",
            action_ja=f"結果を評価し、{objective.path} に次の目的を設定する",
            path=objective.path,
        )


def control_tests(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``control-test``: the next run of each test of a control in force (its last run plus its frequency)."""
    for control in sorted(repo.controls.values(), key=lambda c: c.key):
        if control.doc.status not in ("implemented", "partial"):
            continue
        for test in control.doc.tests:
            run = last_run(test, ctx.cutoff)
            yield DueItem(
                kind="control-test",
                subject=f"{control.framework}:{control.id}#{test.id}",
                owner=control.doc.owner,
                due=add_duration(run.date, test.frequency) if run is not None else ctx.today,
                title=text(
                    f"管理策テスト {control.id}: {test.title.get('ja')}",
                    f"Control test {control.id}: {test.title.get('en')}",
                ),
                action=f"run the test and record the result under `tests` in {control.path}",
                action_ja=f"テストを実施し、{control.path} の `tests` に結果を記録する",
                path=control.path,
            )
