"""Nonconformities, corrective actions and the internal audit programme, judged as of the as-of day."""

from __future__ import annotations

from collections.abc import Iterator

from isms.findings import Finding, Pointer, Severity
from isms.model.base import add_duration
from isms.model.cycle_records import Audit, Nonconformity
from isms.model.repository import Repository, ReqKey, key_str
from isms.state.assessment import Assessment

#: Grades that are nonconformities (the others need no root cause).
NONCONFORMITY_GRADES = (None, "major", "minor")


def _at(rule: str, message: str, path: str, pointer: Pointer, ja: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule, severity, message, path, pointer=pointer, message_ja=ja)


def _nonconformity(nc: Nonconformity, ctx: Assessment) -> Iterator[Finding]:
    doc = nc.doc
    for position in nc.overdue(ctx.today, ctx.cutoff):
        action = doc.actions[position]
        yield _at(
            "corrective-action-overdue",
            f"{nc.id}: corrective action `{action.title.get('en')}` (owner `{action.owner}`) was due on "
            f"{action.due} and is not done; complete it and record `done:`, or agree a new `due` date",
            nc.path,
            ("actions", position, "due"),
            f"{nc.id}: 是正処置「{action.title.get('ja')}」（担当 {action.owner}）の期限 {action.due} を過ぎても完了"
            "していません。"
            "完了して done: を記録するか、新しい due の日付に合意してください",
        )
    if doc.root_cause is None and doc.grade in NONCONFORMITY_GRADES:
        yield _at(
            "nonconformity-no-root-cause",
            f"{nc.id}: no `root_cause:`; determine why it happened (10.2 b) before choosing corrective actions",
            nc.path,
            ("title",),
            f"{nc.id}: 原因（root_cause:）が記録されていません。是正処置を選ぶ前に、なぜ起きたかを明確にしてください"
            "（10.2 b）",
            Severity.WARNING,
        )
    if nc.status(ctx.cutoff) != "closed":
        return
    review = doc.effectiveness
    if review is None or not ctx.counts(review.date):
        yield _at(
            "nonconformity-no-effectiveness-review",
            f"{nc.id}: closed on {doc.closed} without a review of the corrective actions' effectiveness "
            "(10.2 d); record `effectiveness: {by, date, result}`",
            nc.path,
            ("closed",),
            f"{nc.id}: 是正処置の有効性のレビューがないまま {doc.closed} に完了とされています（10.2 d）。"
            "effectiveness: {by, date, result} を記録してください",
        )
    elif review.result == "not-effective":
        yield _at(
            "nonconformity-closed-ineffective",
            f"{nc.id}: closed although its effectiveness review found the actions not effective; "
            "plan further corrective actions and reopen it (remove `closed:`)",
            nc.path,
            ("effectiveness", "result"),
            f"{nc.id}: 有効性のレビューで是正処置が有効でないと判定されたまま完了とされています。"
            "追加の是正処置を計画し、再開してください（closed: を削除）",
        )


def _audit(repo: Repository, audit: Audit, ctx: Assessment) -> Iterator[Finding]:
    doc = audit.doc
    if doc.planned < ctx.today and not audit.performed_by(ctx.cutoff):
        yield _at(
            "audit-overdue",
            f"audit `{audit.id}` was planned for {doc.planned} and has not been carried out; record "
            "`performed:` or plan it again",
            audit.path,
            ("planned",),
            f"監査 {audit.id} は {doc.planned} に予定されていましたが、実施されていません。performed: を記録するか、"
            "計画し直してください",
            Severity.WARNING,
        )
    for position, auditor in enumerate(doc.auditors):
        own = [key for key in audit.scope if (c := repo.controls.get(key)) is not None and c.doc.owner == auditor]
        if own:
            listed = ", ".join(key_str(key) for key in own[:5])
            shown = listed + (f" and {len(own) - 5} more" if len(own) > 5 else "")
            shown_ja = listed + (f" ほか {len(own) - 5} 件" if len(own) > 5 else "")
            yield _at(
                "auditor-not-independent",
                f"auditor `{auditor}` owns what this audit examines ({shown}); auditors may not audit their own "
                "work (9.2.2): have another auditor examine it, or list it under `exclude:`",
                audit.path,
                ("auditors", position),
                f"監査員 {auditor} がこの監査の対象（{shown_ja}）の責任者です。監査員は自らの仕事を監査できません"
                "（9.2.2）。別の監査員に監査させるか、exclude: に列挙してください",
            )


def _programme(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    programme = repo.config.audit_programme
    if programme is None or not ctx.counts(programme.start):
        return
    end = add_duration(programme.start, programme.length)
    covered: set[ReqKey] = set()
    for audit in repo.audits.values():
        day = audit.doc.performed.start if audit.doc.performed else audit.doc.planned
        if programme.start <= day < end:
            covered.update(audit.scope)
    soa = repo.config.soa_framework
    missing: list[str] = []
    for fid in (f"{soa}-clauses", soa):
        framework = repo.frameworks.get(fid)
        if framework is None or fid not in repo.config.frameworks:
            continue
        for group in framework.groups:
            keys = {(fid, r.id) for r in framework.requirements.values() if r.group == group}
            if keys and not keys <= covered:
                missing.append(f"{fid}:{group}")
    if missing:
        yield _at(
            "audit-programme-incomplete",
            f"the audit programme for {programme.start}–{end} does not cover all of {', '.join(missing)}; "
            "plan audits whose scope covers every clause and Annex A theme within the cycle",
            "isms.yaml",
            ("audit_programme",),
            f"監査プログラム（{programme.start}〜{end}）が {', '.join(missing)} を網羅していません。"
            "サイクル内にすべての箇条と附属書 A のテーマを対象とする監査を計画してください",
            Severity.WARNING,
        )


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield nonconformity, corrective-action and audit programme findings as of the as-of day."""
    for nc in repo.nonconformities.values():
        if ctx.counts(nc.doc.raised):
            yield from _nonconformity(nc, ctx)
    for audit in repo.audits.values():
        yield from _audit(repo, audit, ctx)
    yield from _programme(repo, ctx)
