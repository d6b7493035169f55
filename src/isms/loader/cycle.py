"""Read `audits/`, `nonconformities/`, `management-reviews/` and `objectives/`; problems as findings at file:line."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from isms.findings import Finding, Pointer
from isms.loader.records import Context, CycleRecords, check_evidence, check_owner, resolve_refs, stem_id
from isms.loader.sources import Reader, error
from isms.model.cycle import AuditDoc, NonconformityDoc
from isms.model.cycle_records import Audit, ManagementReview, Nonconformity, Objective
from isms.model.repository import ReqKey
from isms.model.review import INPUTS, ManagementReviewDoc, ObjectiveDoc


def _scope(refs: list[str], ctx: Context, path: str, out: list[Finding]) -> tuple[ReqKey, ...]:
    """Expand a scope: a whole clause or theme (`framework:group`) or single requirements."""
    keys: list[ReqKey] = []
    for position, ref in enumerate(refs):
        framework_id, _, group = ref.rpartition(":")
        framework = ctx.frameworks.get(framework_id)
        if framework is not None and group in framework.groups:
            keys += [(framework.id, r.id) for r in framework.requirements.values() if r.group == group]
            continue
        keys += resolve_refs([ref], ctx, path, ("scope", position), out)
    return tuple(dict.fromkeys(keys))


def _audit(reader: Reader, path: str, ctx: Context, seen: dict[str, str]) -> Audit | None:
    out = reader.findings
    document = reader.read(path, AuditDoc)
    if document is None:
        return None
    aid = stem_id(path, "audit", seen, out)
    if aid is None:
        return None
    doc = document.doc
    if not doc.scope:
        message = "an audit needs a `scope:`: the clauses, themes or requirements it examines"
        ja = "監査には scope（対象とする箇条・テーマ・要求事項）が必要です"
        out.append(error("audit-no-scope", message, path, ("title",), ja=ja))
    excluded = set(resolve_refs(doc.exclude, ctx, path, ("exclude",), out))
    scope = tuple(key for key in _scope(doc.scope, ctx, path, out) if key not in excluded)
    for position, auditor in enumerate(doc.auditors):
        check_owner(auditor, ctx, path, ("auditors", position), out)
    if doc.performed is not None and doc.performed.end is not None and doc.performed.end < doc.performed.start:
        message = f"`end` {doc.performed.end} is before `start` {doc.performed.start}"
        ja = f"end（{doc.performed.end}）が start（{doc.performed.start}）より前です"
        out.append(error("invalid-value", message, path, ("performed", "end"), ja=ja))
    if doc.report is not None and doc.report not in ctx.evidence:
        message = f"report `{doc.report}` is not declared evidence"
        ja = f"報告書 {doc.report} は登録された証跡ではありません"
        out.append(error("unknown-evidence", message, path, ("report",), ja=ja))
    ids: set[str] = set()
    resolved: list[tuple[ReqKey, ...]] = []
    for position, finding in enumerate(doc.findings):
        pointer: Pointer = ("findings", position)
        if finding.id in ids:
            message = f"finding `{finding.id}` appears twice in this audit; give each finding its own id"
            ja = f"所見 {finding.id} がこの監査に2回あります（所見ごとに別の ID を付けてください）"
            out.append(error("duplicate-id", message, path, (*pointer, "id"), ja=ja))
        ids.add(finding.id)
        resolved.append(tuple(resolve_refs(finding.requirements, ctx, path, (*pointer, "requirements"), out)))
        check_evidence(finding.evidence, ctx, path, (*pointer, "evidence"), out)
    return Audit(aid, path, doc, scope, tuple(resolved))


def _nonconformity(reader: Reader, path: str, ctx: Context, seen: dict[str, str]) -> Nonconformity | None:
    out = reader.findings
    document = reader.read(path, NonconformityDoc)
    if document is None:
        return None
    nid = stem_id(path, "nonconformity", seen, out)
    if nid is None:
        return None
    doc = document.doc
    check_owner(doc.owner, ctx, path, ("owner",), out)
    requirements = resolve_refs(doc.requirements, ctx, path, ("requirements",), out)
    for position, action in enumerate(doc.actions):
        check_owner(action.owner, ctx, path, ("actions", position, "owner"), out)
    for position, risk in enumerate(doc.risks):
        if risk not in ctx.risks:
            message = f"risk `{risk}` has no file under risks/; name a risk id (its file name)"
            ja = f"リスク {risk} のファイルが risks/ にありません（リスクの ID＝ファイル名を書いてください）"
            out.append(error("unknown-reference", message, path, ("risks", position), ja=ja))
    done = [action.done for action in doc.actions if action.done is not None]
    review = doc.effectiveness
    if review is not None:
        check_owner(review.by, ctx, path, ("effectiveness", "by"), out)
        if done and review.date < max(done):
            message = (
                f"the effectiveness review of {review.date} is before the last corrective action was done "
                f"({max(done)}); review the effect after the actions are done"
            )
            ja = (
                f"有効性のレビュー（{review.date}）が最後の是正処置の完了（{max(done)}）より前です。"
                "処置が完了した後に効果をレビューしてください"
            )
            out.append(error("effectiveness-before-action", message, path, ("effectiveness", "date"), ja=ja))
    if doc.closed is not None:
        if doc.closed < doc.raised:
            message = f"closed on {doc.closed}, before it was raised on {doc.raised}"
            ja = f"完了日 {doc.closed} が発生日 {doc.raised} より前です"
            out.append(error("invalid-value", message, path, ("closed",), ja=ja))
        for position, action in enumerate(doc.actions):
            if action.done is None or action.done > doc.closed:
                message = (
                    f"closed on {doc.closed} while corrective action {position + 1} is not done by then; "
                    "finish the action (`done:`) before closing, or remove `closed:`"
                )
                ja = (
                    f"是正処置 {position + 1} がその時点で完了していないのに、{doc.closed} に完了とされています。"
                    "完了とする前に処置を終えて done: を記録するか、closed: を削除してください"
                )
                out.append(error("nonconformity-closed-open-actions", message, path, ("actions", position), ja=ja))
    return Nonconformity(nid, path, doc, tuple(requirements))


def _sources(records: CycleRecords, out: list[Finding]) -> None:
    """Tie nonconformities to the audit findings they come from, both ways."""
    for nc in records.nonconformities.values():
        source = nc.doc.source
        if source.kind != "audit" or source.ref is None:
            continue
        audit = records.audits.get(source.ref)
        if f"audit:{source.ref}" in records.invalid:
            continue
        if audit is None:
            message = f"audit `{source.ref}` has no file under audits/; name an audit id (its file name)"
            ja = f"監査 {source.ref} のファイルが audits/ にありません（監査の ID＝ファイル名を書いてください）"
            out.append(error("unknown-reference", message, nc.path, ("source", "ref"), ja=ja))
        elif source.finding is not None and all(f.id != source.finding for f in audit.doc.findings):
            message = f"audit `{source.ref}` has no finding `{source.finding}`"
            ja = f"監査 {source.ref} に所見 {source.finding} はありません"
            out.append(error("unknown-reference", message, nc.path, ("source", "finding"), ja=ja))
    for audit in records.audits.values():
        for position, finding in enumerate(audit.doc.findings):
            ref = finding.nonconformity
            if ref is not None and ref not in records.nonconformities and f"nonconformity:{ref}" not in records.invalid:
                message = f"nonconformity `{finding.nonconformity}` has no file under nonconformities/"
                ja = f"不適合 {finding.nonconformity} のファイルが nonconformities/ にありません"
                where = ("findings", position, "nonconformity")
                out.append(error("unknown-reference", message, audit.path, where, ja=ja))


def _review(reader: Reader, path: str, ctx: Context, seen: dict[str, str]) -> ManagementReview | None:
    out = reader.findings
    document = reader.read(path, ManagementReviewDoc)
    if document is None:
        return None
    rid = stem_id(path, "management review", seen, out)
    if rid is None:
        return None
    try:
        day = dt.date.fromisoformat(rid)
    except ValueError:
        message = "a management review file is named for its date: management-reviews/YYYY-MM-DD.yaml"
        ja = "マネジメントレビューのファイル名は日付です: management-reviews/YYYY-MM-DD.yaml"
        out.append(error("misplaced-file", message, path, ja=ja))
        return None
    doc = document.doc
    check_owner(doc.chair, ctx, path, ("chair",), out)
    for position, who in enumerate(doc.attendees):
        check_owner(who, ctx, path, ("attendees", position), out)
    if doc.minutes is not None and doc.minutes not in ctx.evidence:
        message = f"minutes `{doc.minutes}` are not declared evidence"
        ja = f"議事録 {doc.minutes} は登録された証跡ではありません"
        out.append(error("unknown-evidence", message, path, ("minutes",), ja=ja))
    for key in doc.inputs:
        if key not in INPUTS:
            message = f"`{key}` is not an input of 9.3.2; write one of {', '.join(INPUTS)}"
            ja = f"{key} は 9.3.2 のインプットではありません（{', '.join(INPUTS)} のいずれか）"
            out.append(error("unknown-key", message, path, ("inputs", key), ja=ja))
    for dindex, decision in enumerate(doc.decisions):
        for aindex, action in enumerate(decision.actions):
            check_owner(action.owner, ctx, path, ("decisions", dindex, "actions", aindex, "owner"), out)
    return ManagementReview(rid, day, path, doc)


def _objective(reader: Reader, path: str, ctx: Context, seen: dict[str, str]) -> Objective | None:
    out = reader.findings
    document = reader.read(path, ObjectiveDoc)
    if document is None:
        return None
    oid = stem_id(path, "objective", seen, out)
    if oid is None:
        return None
    doc = document.doc
    check_owner(doc.owner, ctx, path, ("owner",), out)
    if doc.due < doc.set:
        message = f"`due` {doc.due} is before `set` {doc.set}"
        out.append(error("invalid-value", message, path, ("due",), ja=f"期限 {doc.due} が設定日 {doc.set} より前です"))
    for position, item in enumerate(doc.measures):
        if measure_of(item.measure, ctx) is None:
            message = (
                f"`{item.measure}` names no measure; write `framework:control#measure` as in a control's `measures:`"
            )
            ja = f"{item.measure} はどの有効性指標も指していません（framework:control#measure の形で書いてください）"
            out.append(error("unknown-reference", message, path, ("measures", position, "measure"), ja=ja))
    return Objective(oid, path, doc)


def measure_of(ref: str, ctx: Context) -> tuple[ReqKey, str] | None:
    """Return (control key, measure id) when ``ref`` names a measure of a loaded control."""
    control_ref, _, measure = ref.partition("#")
    key, _problem = ctx.index.resolve(control_ref)
    control = ctx.controls.get(key) if key is not None else None
    if control is None or all(m.id != measure for m in control.doc.measures):
        return None
    return (control.key, measure)


#: The kinds of record a management review's input may cite (`kind:id`), in Japanese.
_REF_KINDS_JA = {
    "audit": "監査",
    "nonconformity": "不適合",
    "objective": "目的",
    "review": "マネジメントレビュー",
    "risk": "リスク",
    "evidence": "証跡",
    "control": "管理策",
    "measure": "有効性指標",
}


def _review_refs(records: CycleRecords, ctx: Context, out: list[Finding]) -> None:
    known = {
        "audit": set(records.audits),
        "nonconformity": set(records.nonconformities),
        "objective": set(records.objectives),
        "review": set(records.reviews),
        "risk": ctx.risks,
        "evidence": set(ctx.evidence),
    }
    for review in records.reviews.values():
        for key, item in review.doc.inputs.items():
            for position, ref in enumerate(item.refs):
                kind, _, target = ref.partition(":")
                if kind == "control":
                    found, _ = ctx.index.resolve(target)
                    ok = found is not None and found in ctx.controls
                elif kind == "measure":
                    ok = measure_of(target, ctx) is not None
                else:
                    ok = target in known[kind]
                if not ok and ref not in records.invalid:
                    message = f"`{ref}`: no {kind} `{target}` is loaded; fix the reference"
                    ja = f"{ref}: {_REF_KINDS_JA.get(kind, kind)} {target} は読み込まれていません。参照を直してください"
                    where = ("inputs", key, "refs", position)
                    out.append(error("unknown-reference", message, review.path, where, ja=ja))


def load_cycle_records(reader: Reader, folders: tuple[list[str], ...], ctx: Context) -> CycleRecords:
    """Read audits, nonconformities, management reviews and objectives (their files in this order of ``folders``)."""
    audit_paths, nc_paths, review_paths, objective_paths = folders
    records = CycleRecords()
    out = reader.findings
    seen: dict[str, str] = {}
    for path in audit_paths:
        audit = _audit(reader, path, ctx, seen)
        if audit is not None:
            records.audits[audit.id] = audit
            seen[audit.id] = path
        else:
            records.invalid.add(f"audit:{PurePosixPath(path).stem}")
    seen = {}
    for path in nc_paths:
        nc = _nonconformity(reader, path, ctx, seen)
        if nc is not None:
            records.nonconformities[nc.id] = nc
            seen[nc.id] = path
        else:
            records.invalid.add(f"nonconformity:{PurePosixPath(path).stem}")
    seen = {}
    for path in review_paths:
        review = _review(reader, path, ctx, seen)
        if review is not None:
            records.reviews[review.id] = review
            seen[review.id] = path
        else:
            records.invalid.add(f"review:{PurePosixPath(path).stem}")
    seen = {}
    for path in objective_paths:
        objective = _objective(reader, path, ctx, seen)
        if objective is not None:
            records.objectives[objective.id] = objective
            seen[objective.id] = path
        else:
            records.invalid.add(f"objective:{PurePosixPath(path).stem}")
    _sources(records, out)
    _review_refs(records, ctx, out)
    return records
