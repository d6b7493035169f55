"""The ja/en words for statuses, reasons and evidence states: one table for every output.

The site (`site/labels.py`), the SoA workbook, CSV and Markdown (`export/soa.py`, `export/xlsx.py`),
the terminal texts (`isms metrics`, `isms evidence`, `isms check`), `isms diff` and the
`isms import controls` reader all take their words from here, so a word on a page is the word in
the workbook it links to and in the terminal. Keys are the values the YAML and the JSON outputs use.
tests/unit/test_vocabulary_outputs.py renders every word through every output that shows it.
"""

from __future__ import annotations

Words = tuple[str, str]
"""A ``(ja, en)`` pair."""

#: The SoA's column headers (the workbook, its CSV and Markdown, `isms import controls`, the site's SoA page).
SOA_COLUMN: dict[str, Words] = {
    "id": ("管理策番号", "ID"),
    "title": ("管理策", "Control"),
    "theme": ("テーマ", "Theme"),
    "applicable": ("適用", "Applicable"),
    "reasons": ("採用理由", "Reasons"),
    "justification": ("適用・除外の根拠", "Justification"),
    "status": ("実施状況", "Status"),
    "implementation": ("実施内容", "Implementation"),
    "owner": ("責任者", "Owner"),
    "owner_id": ("責任者ID", "Owner ID"),
    "evidence": ("証跡", "Evidence"),
    "last_review": ("最終レビュー", "Last review"),
    "risks": ("関連リスク", "Linked risks"),
    "suppliers": ("関連する委託先", "Linked suppliers"),
}

#: What separates the items of a list in a cell (reasons of a SoA row).
LIST_SEPARATOR: Words = ("、", ", ")

#: Control statuses (`status:` of a control), and ``undecided`` for a requirement without a control.
STATUS: dict[str, Words] = {
    "implemented": ("実施済", "Implemented"),
    "partial": ("一部実施", "Partial"),
    "planned": ("計画中", "Planned"),
    "not-applicable": ("適用除外", "Not applicable"),
}
UNDECIDED: Words = ("未決定", "Undecided")

#: Applicability marks of the SoA (`applicable` of a row): the ○/× of Japanese SoA sheets.
APPLICABLE: dict[str, Words] = {
    "yes": ("○", "Yes"),
    "no": ("×", "No"),
}

#: Why a control is applicable (`reasons:` of a control).
REASON: dict[str, Words] = {
    "risk": ("リスク対応", "Risk treatment"),
    "legal": ("法令・規制", "Legal or regulatory"),
    "contract": ("契約", "Contractual"),
    "business": ("事業上の必要", "Business need"),
}

#: Evidence states (`isms evidence list`), and ``undeclared`` for a path no register declares.
#: The words say what was found, not what someone may have done: a file whose hash differs is
#: ハッシュ不一致 (hash mismatch), not 改ざん (tampering), which would claim an intent.
EVIDENCE_STATE: dict[str, Words] = {
    "current": ("有効", "current"),
    "expiring": ("期限間近", "expiring"),
    "stale": ("期限切れ", "stale"),
    "missing": ("ファイルなし", "missing"),
    "tampered": ("ハッシュ不一致", "tampered"),
    "unverified": ("未検証（保管庫）", "unverified (store)"),
    "not-yet-valid": ("未発効", "not yet valid"),
    "undeclared": ("未登録", "undeclared"),
}

#: Confidentiality classes (`class:` of an evidence item).
CLASSIFICATION: dict[str, Words] = {
    "public": ("公開", "public"),
    "internal": ("社内", "internal"),
    "confidential": ("機密", "confidential"),
    "insider": ("インサイダー情報", "insider"),
}

#: The signature state of an evidence item (`signature` of `isms evidence list --format json`).
SIGNATURE: dict[str, Words] = {
    "good": ("署名有効", "signature good"),
    "invalid": ("署名無効", "signature invalid"),
    "unsigned": ("署名なし", "unsigned"),
}

#: What `isms evidence verify` found for a store file (`result` of an attestation's item).
VERIFY_RESULT: dict[str, Words] = {
    "match": ("一致", "match"),
    "mismatch": ("ハッシュ不一致", "mismatch"),
    "missing": ("ファイルなし", "missing"),
    "unreadable": ("読めない", "unreadable"),
    "outside": ("保管庫の外", "outside"),
}

#: Finding severities (`severity` of a finding in the JSON outputs).
SEVERITY: dict[str, Words] = {
    "error": ("エラー", "error"),
    "warning": ("警告", "warning"),
    "note": ("注記", "note"),
}

#: Where an effectiveness measure stands (keys of `measures` in `isms metrics --format json`).
MEASURE_RESULT: dict[str, Words] = {
    "met": ("達成", "met"),
    "not_met": ("未達", "not met"),
    "no_data": ("データなし", "no data"),
}

#: Audit finding grades (`grade:` of an audit finding and of a nonconformity).
GRADE: dict[str, Words] = {
    "major": ("重大な不適合", "Major nonconformity"),
    "minor": ("軽微な不適合", "Minor nonconformity"),
    "observation": ("観察事項", "Observation"),
    "improvement": ("改善の機会", "Opportunity for improvement"),
}

#: Where a nonconformity stands as of the as-of day (computed from its actions and closure, never typed).
NC_STATUS: dict[str, Words] = {
    "open": ("未完了", "Open"),
    "actions-done": ("処置完了・有効性確認待ち", "Actions done, awaiting closure"),
    "closed": ("完了", "Closed"),
}

#: Where a nonconformity came from (`source.kind` of a nonconformity).
NC_SOURCE: dict[str, Words] = {
    "audit": ("監査", "audit"),
    "incident": ("インシデント", "incident"),
    "review": ("レビュー", "review"),
    "monitoring": ("監視", "monitoring"),
    "exercise": ("訓練", "exercise"),
    "complaint": ("苦情", "complaint"),
    "other": ("その他", "other"),
}

#: How an entity of a group stands (`status` of an entity in `isms group metrics --format json`), and
#: ``stale``: its figures are older than the group's as-of day allows.
ENTITY_STATUS: dict[str, Words] = {
    "ok": ("正常", "OK"),
    "errors": ("エラーあり", "Has errors"),
    "unavailable": ("取得不可", "Unavailable"),
    "stale": ("基準日が古い", "Stale"),
}

#: Said of a date that has passed (a reminder, a corrective action, an inspection or training); the site's
#: badges capitalise it in English (Overdue).
OVERDUE: Words = ("期限超過", "overdue")

#: Said next to a commit when ISMS files differ from it (see `isms.loader.discover.is_isms_path`).
UNCOMMITTED: Words = ("未コミットの変更あり", "with uncommitted changes")


def word(pair: Words, lang: str) -> str:
    """Return the Japanese or English member of a ``(ja, en)`` pair."""
    return pair[0] if lang == "ja" else pair[1]
