"""Risk treatment and acceptance, exceptions and the SoA's trace to risks, judged as of the as-of day."""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Pointer, Severity
from isms.model.base import add_duration
from isms.model.config import RiskCriteria
from isms.model.repository import Repository, key_str
from isms.model.risk_records import Risk
from isms.state.assessment import Assessment


def _at(rule: str, message: str, path: str, pointer: Pointer, ja: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule, severity, message, path, pointer=pointer, message_ja=ja)


def _treatment(risk: Risk, criteria: RiskCriteria) -> Iterator[Finding]:
    inherent = risk.inherent
    if inherent is None or not criteria.needs_acceptance(inherent.band):
        return
    doc = risk.doc
    if doc.treatment is None or (doc.treatment == "modify" and not doc.controls and not doc.actions):
        yield _at(
            "risk-untreated",
            f"inherent level `{inherent.band}` is at or above the acceptance threshold "
            f"`{criteria.acceptance_threshold}` but the risk has no treatment; choose `treatment:` "
            "(modify, retain, avoid, share) and, to modify it, list the treating `controls:` or `actions:`",
            risk.path,
            ("treatment",) if doc.treatment else ("inherent",),
            f"固有リスクレベル {inherent.band} が受容基準 {criteria.acceptance_threshold} 以上ですが、リスク対応があ"
            "りません。"
            "treatment:（modify、retain、avoid、share）を選び、modify の場合は対応する controls: か actions: を"
            "列挙してください",
        )


def _acceptance(risk: Risk, criteria: RiskCriteria, ctx: Assessment) -> Iterator[Finding]:
    level = risk.current
    if level is None or not criteria.needs_acceptance(level.band):
        return
    acceptance = risk.doc.acceptance
    if acceptance is None or not ctx.counts(acceptance.date):
        yield _at(
            "risk-acceptance-missing",
            f"residual level `{level.band}` is at or above the acceptance threshold "
            f"`{criteria.acceptance_threshold}` and nobody has accepted it; the risk owner records "
            "`acceptance: {by, date, valid_until}`, or treat it further",
            risk.path,
            ("residual",) if risk.doc.residual else ("inherent",),
            f"残留リスクレベル {level.band} が受容基準 {criteria.acceptance_threshold} 以上ですが、誰も受容していま"
            "せん。"
            "リスク所有者が acceptance: {by, date, valid_until} を記録するか、さらに対応してください",
        )
        return
    allowed = criteria.bands[criteria.rank(level.band)].accept_by
    if acceptance.by not in allowed:
        who = ", ".join(allowed) or "nobody (set `accept_by` for the band)"
        who_ja = ", ".join(allowed) or "なし（そのレベルの accept_by を設定）"
        yield _at(
            "risk-acceptance-not-allowed",
            f"`{acceptance.by}` may not accept a risk at level `{level.band}` (the criteria allow: {who}); "
            "if the criteria changed since, the acceptance no longer covers the risk: have it accepted again",
            risk.path,
            ("acceptance", "by"),
            f"{acceptance.by} にはレベル {level.band} のリスクを受容する権限がありません（基準で受容できるのは: "
            f"{who_ja}）。"
            "その後に基準が変わったのなら、この受容はもうリスクを覆いません。受容し直してください",
        )
    if acceptance.valid_until < ctx.today:
        yield _at(
            "risk-acceptance-expired",
            f"the acceptance expired on {acceptance.valid_until}; review the risk and have its owner accept "
            "it again (new `date` and `valid_until`), or treat it",
            risk.path,
            ("acceptance", "valid_until"),
            f"リスク受容の有効期限 {acceptance.valid_until} が切れています。リスクを見直して所有者が受容し直す"
            "（新しい date と valid_until）か、対応してください",
        )


def _actions_and_review(repo: Repository, risk: Risk, criteria: RiskCriteria, ctx: Assessment) -> Iterator[Finding]:
    for position, action in enumerate(risk.doc.actions):
        done = action.done is not None and ctx.counts(action.done)
        if not done and action.due < ctx.today:
            yield _at(
                "risk-action-overdue",
                f"treatment action `{action.title.get('en')}` was due on {action.due} and is not done; "
                "complete it and record `done:`, or agree a new `due` date",
                risk.path,
                ("actions", position, "due"),
                f"リスク対応の処置「{action.title.get('ja')}」の期限 {action.due} を過ぎても完了していません。"
                "完了して done: を記録するか、新しい due の日付に合意してください",
            )
    last = risk.doc.review.last if ctx.counts(risk.doc.review.last) else None
    start = last or risk.doc.assessed
    interval = risk.doc.review.interval or criteria.review_interval
    due = add_duration(start, interval)
    if ctx.counts(risk.doc.assessed) and due < ctx.today:
        yield _at(
            "risk-review-overdue",
            f"risk review overdue: last reviewed {start}, due every {interval} (by {due}); review it and "
            "update `review.last`",
            risk.path,
            ("review", "last") if last else ("assessed",),
            f"リスクの見直し期限を過ぎています。最終見直し {start}、見直し間隔 {interval}（期限 {due}）。"
            "見直しを行い、review.last を更新してください",
            Severity.WARNING,
        )
    del repo


def _controls(repo: Repository, risk: Risk, ctx: Assessment) -> Iterator[Finding]:
    soa = repo.config.soa_framework
    planned = any(action.done is None or not ctx.counts(action.done) for action in risk.doc.actions)
    for position, key in enumerate(risk.controls):
        control = repo.controls.get(key)
        pointer: Pointer = ("controls", position)
        if key[0] != soa or control is None:
            yield _at(
                "risk-control-outside-soa",
                f"`{key_str(key)}` is not a control of the SoA ({soa}); cite the SoA control that treats the "
                "risk, or add a control file for it",
                risk.path,
                pointer,
                f"{key_str(key)} は適用宣言書（{soa}）の管理策ではありません。リスクに対応する適用宣言書の管理策を挙"
                "げるか、"
                "その管理策ファイルを追加してください",
            )
        elif control.doc.status == "not-applicable" or (control.doc.status == "planned" and not planned):
            yield _at(
                "risk-control-not-in-force",
                f"treating control `{key_str(key)}` is {control.doc.status}; the risk is not treated by it yet: "
                "implement it, plan it as an open treatment action (`actions:`), or cite another control",
                risk.path,
                pointer,
                f"対応する管理策 {key_str(key)} は {control.doc.status} で、まだこのリスクに対応していません。実施す"
                "るか、"
                "未完了のリスク対応の処置（actions:）として計画するか、別の管理策を挙げてください",
            )


def _untraced(repo: Repository) -> Iterator[Finding]:
    cited = {key for risk in repo.risks.values() for key in risk.controls}
    for control in repo.controls.values():
        in_soa = control.framework == repo.config.soa_framework
        if in_soa and "risk" in control.doc.reasons and control.applicable and control.key not in cited:
            yield on_control(
                control,
                "soa-reason-untraced",
                Severity.ERROR,
                "reason `risk` but no risk under risks/ cites this control; list it in the treating risk's "
                "`controls:`, or give the reason that applies (legal, contract, business)",
                ("reasons",),
                "適用理由が risk ですが、risks/ のどのリスクもこの管理策を挙げていません。対応するリスクの controls: に"
                "列挙するか、当てはまる理由（legal、contract、business）にしてください",
            )


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield the risk, asset, exception and SoA trace findings.

    A planned treating control counts as planned treatment while the risk has an open action.
    """
    for asset in repo.assets.values():
        if asset.doc.owner is None:
            yield _at(
                "asset-no-owner",
                f"asset `{asset.id}` has no `owner`; name who answers for it (an id under `owners` in isms.yaml)",
                asset.path,
                ("assets", asset.index, "id"),
                f"資産 {asset.id} に責任者（owner）がありません。責任を負う人を isms.yaml の owners にある ID で指定"
                "してください",
            )
    for exception in repo.exceptions.values():
        if ctx.counts(exception.doc.approved.date) and exception.doc.valid_until < ctx.today:
            yield _at(
                "exception-expired",
                f"the exception expired on {exception.doc.valid_until}; end the deviation, or have it approved "
                "again with a new `valid_until`",
                exception.path,
                ("valid_until",),
                f"例外の有効期限 {exception.doc.valid_until} が切れています。逸脱を終わらせるか、新しい valid_until で"
                "承認し直してください",
            )
    criteria = repo.config.risk
    if criteria is not None:
        for risk in repo.risks.values():
            if not ctx.counts(risk.doc.assessed):
                continue  # not assessed yet on the as-of day
            yield from _treatment(risk, criteria)
            yield from _acceptance(risk, criteria, ctx)
            yield from _actions_and_review(repo, risk, criteria, ctx)
            yield from _controls(repo, risk, ctx)
    if repo.risks or repo.config.risk is not None:
        yield from _untraced(repo)
