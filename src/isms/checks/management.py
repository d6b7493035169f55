"""Management reviews, objectives and control tests, judged as of the as-of day."""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Pointer, Severity
from isms.model.base import add_duration
from isms.model.repository import Repository
from isms.model.review import INPUTS
from isms.state.assessment import Assessment
from isms.state.cycle import evaluate_objective, last_run, run_status


def _at(rule: str, message: str, path: str, pointer: Pointer, ja: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule, severity, message, path, pointer=pointer, message_ja=ja)


def _reviews(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    held = sorted((r for r in repo.reviews.values() if ctx.counts(r.date)), key=lambda r: r.date)
    for review in held:
        missing = [key for key in INPUTS if key not in review.doc.inputs]
        if missing:
            yield _at(
                "management-review-input-missing",
                f"management review {review.id} lacks inputs required by 9.3.2: {', '.join(missing)}; "
                "record what was reviewed under `inputs:`",
                review.path,
                ("inputs",),
                f"マネジメントレビュー {review.id} に 9.3.2 が求めるインプットがありません: {', '.join(missing)}。"
                "レビューした内容を inputs: に記録してください",
            )
        if not review.doc.decisions:
            yield _at(
                "management-review-no-outputs",
                f"management review {review.id} records no decisions (9.3.3); list them under `decisions:`",
                review.path,
                ("chair",),
                f"マネジメントレビュー {review.id} に決定事項が記録されていません（9.3.3）。decisions: に列挙してく"
                "ださい",
                Severity.WARNING,
            )
        for dindex, decision in enumerate(review.doc.decisions):
            for aindex, action in enumerate(decision.actions):
                if action.due < ctx.today and not ctx.counts(action.done):
                    yield _at(
                        "review-action-overdue",
                        f"action `{action.title.get('en')}` (owner `{action.owner}`) decided by the management "
                        f"review of {review.id} was due on {action.due} and is not done; complete it and record "
                        "`done:`, or have a review set a new `due`",
                        review.path,
                        ("decisions", dindex, "actions", aindex, "due"),
                        f"マネジメントレビュー {review.id} で決定した処置「{action.title.get('ja')}」（担当 "
                        f"{action.owner}）の期限 "
                        f"{action.due} を過ぎても完了していません。完了して done: を記録するか、レビューで新しい due を"
                        "決めてください",
                    )
    schedule = repo.config.management_review
    if schedule is None:
        return
    if not held:
        yield _at(
            "management-review-overdue",
            "no management review has been recorded; hold one and record it under management-reviews/",
            "isms.yaml",
            ("management_review",),
            "マネジメントレビューの記録がありません。実施して management-reviews/ に記録してください",
            Severity.WARNING,
        )
        return
    last = held[-1]
    due = add_duration(last.date, schedule.interval)
    if due < ctx.today:
        yield _at(
            "management-review-overdue",
            f"the last management review was on {last.date}; one is due every {schedule.interval} (by {due})",
            last.path,
            ("chair",),
            f"前回のマネジメントレビューは {last.date} です。間隔 {schedule.interval} ごとに必要です（期限 {due}）",
            Severity.WARNING,
        )


#: An objective's status, in Japanese.
_STATUS_JA = {"met": "達成", "not-met": "未達成", "no-data": "データなし"}


def _objectives(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    for objective in repo.objectives.values():
        if not ctx.counts(objective.doc.set):
            continue
        result = evaluate_objective(objective, ctx.measures)
        for position, item in enumerate(result.measures):
            if item.state.value == "not_met" and item.target is not None and item.latest is not None:
                yield _at(
                    "objective-not-met",
                    f"objective `{objective.id}`: `{item.ref}` is {item.shown} in its latest period, "
                    f"missing the target `{item.target_text}`; act on it or revise the objective",
                    objective.path,
                    ("measures", position, "measure"),
                    f"目的 {objective.id}: 指標 {item.ref} が直近の期間で {item.shown} で、目標 {item.target_text} に"
                    "達していません。対処するか、目的を見直してください",
                    Severity.WARNING,
                )
        if objective.doc.due < ctx.today and result.status != "met":
            yield _at(
                "objective-past-due",
                f"objective `{objective.id}` was due on {objective.doc.due} and is {result.status}; "
                "evaluate it and set a new objective or due date",
                objective.path,
                ("due",),
                f"目的 {objective.id} の期限 {objective.doc.due} を過ぎましたが、"
                f"{_STATUS_JA.get(result.status, result.status)}のままです。評価して、新しい目的か"
                "期限を設定してください",
                Severity.WARNING,
            )


def _tests(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    for control in repo.controls.values():
        if control.doc.status not in ("implemented", "partial"):
            continue
        for position, test in enumerate(control.doc.tests):
            status = run_status(test, ctx.today, ctx.cutoff)
            run = last_run(test, ctx.cutoff)
            if status == "failed" and run is not None:
                yield on_control(
                    control,
                    "control-test-failed",
                    Severity.ERROR,
                    f"test `{test.id}` failed on {run.date}; correct the control and run the test again",
                    ("tests", position, "results", test.results.index(run), "result"),
                    f"テスト {test.id} が {run.date} に不合格でした。管理策を直して、テストをもう一度実施してください",
                )
            elif status in ("overdue", "untested"):
                since = f"last run on {run.date}" if run else "never run"
                since_ja = f"前回の実施 {run.date}" if run else "未実施"
                yield on_control(
                    control,
                    "control-test-overdue",
                    Severity.WARNING,
                    f"test `{test.id}` is due every {test.frequency} ({since}); run it and record the result",
                    ("tests", position, "frequency"),
                    f"テスト {test.id} は間隔 {test.frequency} ごとに実施が必要です（{since_ja}）。実施して結果を記"
                    "録してください",
                )


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield management review, objective and control test findings as of the as-of day."""
    yield from _reviews(repo, ctx)
    yield from _objectives(repo, ctx)
    yield from _tests(repo, ctx)
