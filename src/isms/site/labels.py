"""The site's own words in Japanese and English (the data brings its own through `Text`)."""

from __future__ import annotations

from isms import vocabulary
from isms.model.base import Lang

_OWN: dict[str, tuple[str, str]] = {
    # risk register
    "risk_register": ("リスク台帳", "Risk register"),
    "risk_level": ("リスクレベル", "Risk level"),
    "heat_inherent": ("固有リスク", "Inherent risk"),
    "heat_residual": ("残留リスク", "Residual risk"),
    "axis_likelihood": ("起こりやすさ", "Likelihood"),
    "axis_impact": ("影響度", "Impact"),
    "treatment": ("リスク対応", "Treatment"),
    "modify": ("低減", "Modify"),
    "retain": ("保有", "Retain"),
    "avoid": ("回避", "Avoid"),
    "share": ("共有", "Share"),
    "untreated": ("未対応", "Untreated"),
    "open": ("未受容", "Open"),
    "treated": ("対応済", "Treated"),
    "accepted": ("受容済", "Accepted"),
    "acceptance-expired": ("受容期限切れ", "Acceptance expired"),
    "assessed": ("評価日", "Assessed"),
    "acceptance": ("リスク受容", "Acceptance"),
    "threat": ("脅威", "Threat"),
    "vulnerability": ("脆弱性", "Vulnerability"),
    "assets": ("資産", "Assets"),
    "treating_controls": ("対応する管理策", "Treating controls"),
    "actions": ("リスク対応策", "Treatment actions"),
    "done": ("完了日", "Done"),
    "metadata_only": ("機密区分によりメタデータのみ表示", "metadata only (classification)"),
    "linked_risks": ("関連するリスク", "Linked risks"),
    "risks_counted": ("リスク数", "Risks"),
    "overdue": ("対応策の期限超過", "Action overdue"),
    # navigation and page titles
    "dashboard": ("ダッシュボード", "Dashboard"),
    "soa": ("適用宣言書", "Statement of Applicability"),
    "frameworks": ("フレームワーク", "Frameworks"),
    "controls": ("管理策", "Controls"),
    "controls_counted": ("管理策", "controls"),
    "policies": ("方針", "Policies"),
    "evidence": ("証跡", "Evidence"),
    "evidence_register": ("証跡台帳", "Evidence register"),
    "findings": ("指摘事項", "Findings"),
    "about": ("このサイトについて", "About this site"),
    # site-wide
    "as_of": ("基準日", "As of"),
    "commit": ("コミット", "Commit"),
    "no_commit": ("（git 管理外）", "(not in git)"),
    "built_from": ("作成元", "Built from"),
    "check_summary": ("点検結果", "Check results"),
    "errors": ("エラー", "errors"),
    "warnings": ("警告", "warnings"),
    "notes": ("注記", "notes"),
    # columns
    "id": ("ID", "ID"),
    "title": ("名称", "Title"),
    "framework": ("フレームワーク", "Framework"),
    "requirements": ("要求事項", "Requirements"),
    "requirement": ("要求事項", "Requirement"),
    "applicable": ("適用", "Applicable"),
    "applicable_count": ("適用数", "Applicable"),
    "evidenced": ("証跡あり", "Evidenced"),
    "coverage": ("カバレッジ", "Coverage"),
    "implemented_ratio": ("実施率", "Implemented %"),
    "effectiveness": ("有効性", "Effectiveness"),
    "measures": ("有効性測定", "Effectiveness measures"),
    "measures_met": ("目標達成", "Measures met"),
    "status": ("状態", "Status"),
    "owner": ("責任者", "Owner"),
    "reasons": ("採用理由", "Reasons"),
    "justification": ("根拠", "Justification"),
    "implementation": ("実施内容", "Implementation"),
    "notes_field": ("備考", "Notes"),
    "due": ("期限", "Due"),
    "last_review": ("最終レビュー", "Last review"),
    "review_interval": ("レビュー間隔", "Review interval"),
    "next_review": ("次回レビュー", "Next review"),
    "reviewed_by": ("レビュー者", "Reviewed by"),
    "theme": ("テーマ", "Theme"),
    "attributes": ("属性", "Attributes"),
    "filter": ("絞り込み", "Filter"),
    "all": ("すべて", "All"),
    "yes": ("はい", "Yes"),
    "no": ("いいえ", "No"),
    "none": ("なし", "None"),
    "via": ("経由", "via"),
    "maps_to": ("対応先", "Maps to"),
    "mapped_from": ("対応元", "Mapped from"),
    "mappings": ("他フレームワークとの対応", "Mappings to other frameworks"),
    "evidence_date": ("証跡日付", "Evidence date"),
    "valid_until": ("有効期限", "Valid until"),
    "state": ("状態", "State"),
    "class": ("区分", "Class"),
    "sha256": ("SHA-256", "SHA-256"),
    "file": ("ファイル", "File"),
    "signature": ("署名", "Signature"),
    "sig_good": ("署名有効", "signature good"),
    "sig_invalid": ("署名無効", "signature invalid"),
    "sig_unsigned": ("署名なし", "unsigned"),
    "in_store": ("保管庫", "in store"),
    "attestation": ("検証記録", "Attestation"),
    "open_file": ("開く", "open"),
    "redacted": ("非公開（メタデータとハッシュのみ）", "withheld (metadata and hash only)"),
    "used_by": ("利用する管理策", "Used by"),
    "collected_by": ("収集者", "Collected by"),
    "target": ("目標", "Target"),
    "latest": ("直近", "Latest"),
    "period": ("期間", "Period"),
    "period_month": ("月次", "monthly"),
    "period_quarter": ("四半期", "quarterly"),
    "period_half": ("半期", "half-yearly"),
    "period_year": ("年次", "yearly"),
    "value": ("値", "Value"),
    "rows": ("件数", "Rows"),
    "trend": ("推移", "Trend"),
    "no_data": ("データなし", "no data"),
    "met": ("達成", "met"),
    "not_met": ("未達", "not met"),
    "history": ("変更履歴", "Change history"),
    "date": ("日付", "Date"),
    "author": ("作成者", "Author"),
    "subject": ("内容", "Subject"),
    "history_partial": (
        "この履歴は浅いクローン（shallow clone）から作られたため不完全です。古いコミットがなく、"
        "日付が正しくない可能性があります。完全な履歴で作成してください（git fetch --unshallow）。",
        "This history comes from a shallow clone and is incomplete: older commits are missing and the "
        "dates may be wrong. Build from a full clone (git fetch --unshallow).",
    ),
    "history_unavailable": (
        "git リポジトリではないため、変更履歴はありません。",
        "Not built from a git repository: no change history.",
    ),
    "history_none": ("コミットされた変更はありません。", "No committed change."),
    "history_dirty": (
        "このファイルには未コミットの変更があり、表示内容は最新のコミットと異なります。",
        "This file has uncommitted changes: what is shown differs from the last commit.",
    ),
    "severity": ("重大度", "Severity"),
    "error": ("エラー", "Error"),
    "warning": ("警告", "Warning"),
    "note": ("注記", "Note"),
    "rule": ("ルール", "Rule"),
    "message": ("内容", "Message"),
    "location": ("場所", "Location"),
    "no_findings": ("指摘事項はありません。", "No findings."),
    "top_findings": ("主な指摘事項", "Top findings"),
    "all_findings": ("すべての指摘事項", "All findings"),
    "other_findings": ("管理策以外", "Not tied to a control"),
    "evidence_health": ("証跡の健全性", "Evidence health"),
    "total": ("合計", "Total"),
    "public": ("公開", "public"),
    "internal": ("社内", "internal"),
    "confidential": ("機密", "confidential"),
    "insider": ("インサイダー", "insider"),
    "version": ("版", "Version"),
    "approved": ("承認", "Approved"),
    "summary": ("目的", "Purpose"),
    "statements": ("条項", "Statements"),
    "implemented_by": ("実施する管理策", "Implemented by"),
    "scope": ("適用範囲", "Scope"),
    "reference": ("参照用", "reference"),
    "out-of-scope": ("適用範囲外", "not in scope"),
    "source_paraphrase": ("要約（公式文言ではない）", "paraphrase (not the official wording)"),
    "print": ("印刷", "Print"),
    "download_xlsx": ("Excel 形式 (.xlsx)", "Excel workbook (.xlsx)"),
    "download_csv": ("CSV 形式", "CSV"),
    "sort_hint": ("列見出しをクリックすると並べ替えできます。", "Click a column heading to sort."),
    "control_file": ("管理策ファイル", "Control file"),
    "source_file": ("原本ファイル", "Source file"),
    "no_control": ("管理策ファイルがありません", "no control file"),
    "new_in_edition": ("新規", "new"),
    "coverage_chart": ("フレームワーク別カバレッジ", "Coverage per framework"),
    "measures_summary": ("有効性測定の状況", "Effectiveness measures"),
    "undecided_long": ("管理策ファイルなし", "no control file yet"),
}

#: Statuses, reasons and evidence states come from `isms.vocabulary`, shared with the workbook.
_LABELS: dict[str, tuple[str, str]] = {
    **_OWN,
    **vocabulary.STATUS,
    "undecided": vocabulary.UNDECIDED,
    **vocabulary.REASON,
    **vocabulary.EVIDENCE_STATE,
    "dirty": vocabulary.UNCOMMITTED,
}


class Labels:
    """The site's words in one language."""

    def __init__(self, lang: Lang) -> None:
        """Pick the language."""
        self.lang = lang

    def __call__(self, key: str) -> str:
        """Return the label for ``key``; an unknown key is returned as is (and shows in review)."""
        pair = _LABELS.get(key)
        if pair is None:
            return key
        return pair[0] if self.lang == "ja" else pair[1]


def known(key: str) -> bool:
    """Return True when ``key`` has a label."""
    return key in _LABELS
