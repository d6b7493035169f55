"""The words of `isms diff` text and Markdown in Japanese and English: ``(ja, en)`` templates.

Each template names its figures as ``{placeholders}``; both languages of a phrase have the same
ones, so the Japanese comment on a pull request carries the very figures of the English one
(tests/unit/test_messages.py holds every pair to that). Statuses and evidence states take the
site's words (`isms.vocabulary`) in Japanese and stay the JSON values in English.
"""

from __future__ import annotations

from isms.model.base import Lang
from isms.vocabulary import EVIDENCE_STATE, STATUS, UNDECIDED, Words

PHRASES: dict[str, Words] = {
    # Markdown (the pull request's job summary)
    "title": ("## ISMS の変更: {sides}", "## ISMS changes: {sides}"),
    "as_of": ("{day} 時点の評価です。", "As of {day}."),
    "coverage": ("{framework} のカバレッジ {ratio}", "{framework} coverage {ratio}"),
    "official": ("（公式文言の要求事項 {ratio}）", " (official requirements {ratio})"),
    "not_in_scope": ("（対象外）", "(not in scope)"),
    "findings": (
        "指摘事項 解消 {fixed} 件・新規 {new} 件（エラー {errors}、警告 {warnings}）",
        "{fixed} findings fixed, {new} new (errors {errors}, warnings {warnings})",
    ),
    "state_count": ("{state} {count} 件", "{count} {state}"),
    "comma": ("、", ", "),
    "became": ("状態が変わった証跡: {states}", "evidence that became {states}"),
    "rewritten_count": (
        "内容が差し替わった証跡ファイル {count} 件",
        "{count} evidence files with new content (rewritten)",
    ),
    "framework_header": (
        "| フレームワーク | カバレッジ | 試験合格率 | 実施率 | 証跡あり / 適用 | 計画中 | 未決定 | 有効性 |",
        "| framework | coverage | tested and passed | implemented | evidenced / applicable | planned | undecided "
        "| effectiveness |",
    ),
    "newly_covered": ("新たにカバーされた要求事項", "Newly covered"),
    "no_longer_covered": ("カバーされなくなった要求事項", "No longer covered"),
    "status_changes": ("ステータスの変更", "Status changes"),
    "status_header": ("| 要求事項 | 変更前 | 変更後 |", "| requirement | base | head |"),
    "evidence": ("証跡", "Evidence"),
    "state_header": ("| 状態 | 変更前 | 変更後 |", "| state | base | head |"),
    "became_paths": ("**{state}** になった証跡: {paths}", "Became **{state}**: {paths}"),
    "added": ("追加: ", "Added: "),
    "removed": ("削除: ", "Removed: "),
    "rewritten": ("差し替え（内容が変わった証跡）:", "Rewritten (new content):"),
    "rewritten_header": ("| 証跡 | 日付 | SHA-256 |", "| evidence | date | SHA-256 |"),
    "more_rows": ("… ほか {count} 件", "… {count} more"),
    "and_more": ("… ほか {count} 件", "… and {count} more"),
    "risks": ("リスク", "Risks"),
    "new": ("新規: ", "New: "),
    "closed": ("クローズ: ", "Closed: "),
    "level": ("リスクレベル {risk}: {moved}", "Level {risk}: {moved}"),
    "nonconformities": ("不適合", "Nonconformities"),
    "nc_closed": ("完了: ", "Closed: "),
    "audit_findings": ("新たな監査所見: ", "New audit findings: "),
    "overdue": ("期限超過の是正処置: {moved}", "Overdue corrective actions: {moved}"),
    "new_findings": ("新たな指摘事項", "New findings"),
    "fixed_findings": ("解消した指摘事項", "Fixed findings"),
    "findings_header": ("| 重大度 | 場所 | ルール | メッセージ |", "| severity | location | rule | message |"),
    # plain text (a terminal)
    "t_title": ("isms diff {sides}（{day} 時点）", "isms diff {sides} as of {day}"),
    "t_newly_covered": ("新たにカバー: ", "newly covered: "),
    "t_no_longer_covered": ("カバーされなくなった: ", "no longer covered: "),
    "t_status": ("ステータス: {requirement} {moved}", "status: {requirement} {moved}"),
    "t_evidence": ("証跡: {path} {moved}", "evidence: {path} {moved}"),
    "t_rewritten": (
        "証跡の差し替え: {path} sha256 {hashes}（日付 {dates}）",
        "evidence rewritten: {path} sha256 {hashes} (date {dates})",
    ),
    "none": ("（なし）", "(none)"),
    "t_new_risk": ("新規リスク: ", "new risk: "),
    "t_closed_risk": ("クローズしたリスク: ", "closed risk: "),
    "t_level": ("リスクレベル: {risk} {moved}", "risk level: {risk} {moved}"),
    "t_new_nc": ("新規の不適合: ", "new nonconformity: "),
    "t_closed_nc": ("完了した不適合: ", "closed nonconformity: "),
    "t_audit_finding": ("新たな監査所見: ", "new audit finding: "),
    "t_overdue": ("期限超過の是正処置: {moved}", "overdue corrective actions: {moved}"),
    "t_new": ("新規: ", "new: "),
    "t_fixed": ("解消: ", "fixed: "),
}

#: A requirement's status on one side; ``absent`` where the framework or requirement is not there.
_STATUSES: dict[str, Words] = {**STATUS, "undecided": UNDECIDED, "absent": ("（なし）", "absent")}
#: Evidence states, and ``total`` (the row of the state table counting every item).
_STATES: dict[str, Words] = {**EVIDENCE_STATE, "total": ("合計", "total")}


def say(key: str, lang: Lang, **values: object) -> str:
    """Return the phrase ``key`` in ``lang`` with its placeholders filled in."""
    ja, en = PHRASES[key]
    return (ja if lang == "ja" else en).format(**values)


def status(value: str, lang: Lang) -> str:
    """Return a requirement status: the site's word in Japanese, the JSON value in English."""
    pair = _STATUSES.get(value)
    return pair[0] if lang == "ja" and pair else value


def evidence_state(value: str, lang: Lang) -> str:
    """Return an evidence state: the site's word in Japanese, the JSON value in English."""
    pair = _STATES.get(value)
    return pair[0] if lang == "ja" and pair else value
