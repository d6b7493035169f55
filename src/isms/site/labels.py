"""The site's own words in Japanese and English (the data brings its own through `Text`)."""

from __future__ import annotations

from isms import vocabulary
from isms.model.base import Lang
from isms.model.supplier import CRITICALITY_TITLES, KIND_TITLES
from isms.site.escaping import html_text

_OWN: dict[str, tuple[str, str]] = {
    # the attribute values of ISO/IEC 27002:2022 (JIS Q 27002:2024 terms); tags and filters show these words,
    # the identifiers stay in the rows' data-tags and the tags' data-value
    "preventive": ("予防的", "Preventive"),
    "detective": ("発見的", "Detective"),
    "corrective": ("是正的", "Corrective"),
    "confidentiality": ("機密性", "Confidentiality"),
    "integrity": ("完全性", "Integrity"),
    "availability": ("可用性", "Availability"),
    "identify": ("識別", "Identify"),
    "protect": ("防御", "Protect"),
    "detect": ("検知", "Detect"),
    "respond": ("対応", "Respond"),
    "recover": ("復旧", "Recover"),
    "governance": ("ガバナンス", "Governance"),
    "asset_management": ("資産管理", "Asset management"),
    "information_protection": ("情報保護", "Information protection"),
    "human_resource_security": ("人的資源のセキュリティ", "Human resource security"),
    "physical_security": ("物理的セキュリティ", "Physical security"),
    "system_and_network_security": ("システム及びネットワークのセキュリティ", "System and network security"),
    "application_security": ("アプリケーションのセキュリティ", "Application security"),
    "secure_configuration": ("セキュリティを保った構成", "Secure configuration"),
    "identity_and_access_management": ("識別情報及びアクセスの管理", "Identity and access management"),
    "threat_and_vulnerability_management": ("脅威及びぜい弱性の管理", "Threat and vulnerability management"),
    "continuity": ("継続", "Continuity"),
    "supplier_relationships_security": ("供給者関係のセキュリティ", "Supplier relationships security"),
    "legal_and_compliance": ("法令及び規制の順守", "Legal and compliance"),
    "information_security_event_management": ("情報セキュリティ事象管理", "Information security event management"),
    "information_security_assurance": ("情報セキュリティ保証", "Information security assurance"),
    "governance_and_ecosystem": ("ガバナンス及びエコシステム", "Governance and ecosystem"),
    "protection": ("保護", "Protection"),
    "defence": ("防衛", "Defence"),
    "resilience": ("回復力", "Resilience"),
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
    "calendar_feed": ("期限のカレンダー（iCalendar）", "Due dates (iCalendar feed)"),
    "calendar_hint": (
        "証跡の有効期限、レビュー、リスク対応の期日をカレンダーアプリで購読できます"
        "（責任者ごとの一覧は isms remind）。",
        "Subscribe in a calendar app to every evidence expiry, review and risk deadline "
        "(isms remind lists them by owner).",
    ),
    # the management-system cycle (audits, nonconformities, reviews, objectives)
    "audit_programme": ("内部監査プログラム", "Internal audit programme"),
    "audits": ("監査", "Audits"),
    "audit_timeline": ("年度・領域別の監査計画", "Audits by year and area"),
    "audit_area": ("領域（箇条・テーマ）", "Area (clause or theme)"),
    "certification_cycle": ("認証サイクル", "Certification cycle"),
    "certification_body": ("認証機関", "Certification body"),
    "audit_kind": ("種別", "Kind"),
    "audit_internal": ("内部監査", "Internal audit"),
    "audit_certification": ("認証審査", "Certification audit"),
    "audit_surveillance": ("維持審査", "Surveillance audit"),
    "audit_recertification": ("更新審査", "Recertification audit"),
    "planned_date": ("予定日", "Planned"),
    "performed_date": ("実施日", "Performed"),
    "auditors": ("監査員", "Auditors"),
    "performed": ("実施済", "Performed"),
    "audit-overdue": ("予定日超過", "Overdue"),
    "audit_findings": ("監査所見", "Audit findings"),
    "audit_scope": ("監査範囲", "Scope"),
    "audit_exclude": ("範囲から除外（別の監査員が監査）", "Left out (audited by others)"),
    "audit_report": ("監査報告書", "Audit report"),
    "no_audit_findings": ("所見はありません。", "No findings."),
    "grade": ("区分", "Grade"),
    "evidence_examined": ("確認した証跡", "Evidence examined"),
    "nonconformity": ("不適合", "Nonconformity"),
    "nonconformity_register": ("不適合・是正処置台帳", "Nonconformity register"),
    "risk_nonconformities": ("このリスクに関わる不適合", "Nonconformities bearing on this risk"),
    "nc_source": ("発生源", "Source"),
    "overdue_actions": ("期限超過の処置あり", "With an overdue action"),
    "action-overdue": (vocabulary.OVERDUE[0], vocabulary.OVERDUE[1].capitalize()),
    "raised": ("発見日", "Raised"),
    "closed": ("完了日", "Closed"),
    "correction": ("修正", "Correction"),
    "root_cause": ("原因", "Root cause"),
    "effectiveness_review": ("有効性レビュー", "Effectiveness review"),
    "effective": ("有効", "effective"),
    "not-effective": ("有効でない", "not effective"),
    "corrective_actions": ("是正処置", "Corrective actions"),
    "management_reviews": ("マネジメントレビュー", "Management reviews"),
    "management_review": ("マネジメントレビュー", "Management review"),
    "next_review_due": ("次回の期限", "Next one due by"),
    "no_reviews": ("マネジメントレビューの記録はまだありません。", "No management review recorded yet."),
    "chair": ("議長", "Chair"),
    "attendees": ("出席者", "Attendees"),
    "minutes": ("議事録", "Minutes"),
    "review_inputs": ("インプット（9.3.2）", "Inputs (9.3.2)"),
    "review_input": ("インプット", "Input"),
    "covered": ("確認済", "covered"),
    "missing-input": ("未確認", "missing"),
    "summary_reviewed": ("内容", "What was reviewed"),
    "reviewed_refs": ("確認した記録", "Records reviewed"),
    "review_outputs": ("アウトプット（9.3.3）", "Outputs (9.3.3)"),
    "decision_kind": ("種別", "Kind"),
    "decision": ("決定事項", "Decision"),
    "actions_tracked": ("処置", "Actions"),
    "decision_improvement": ("改善", "improvement"),
    "decision_change": ("変更", "change"),
    "decision_resources": ("資源", "resources"),
    "decision_other": ("その他", "other"),
    "objectives": ("情報セキュリティ目的", "Information security objectives"),
    "resources": ("必要な資源", "Resources"),
    "evaluation": ("評価方法", "How it is evaluated"),
    "objectives_not_met": ("未達の目的", "Objectives not met"),
    "open_nonconformities": ("未完了の不適合", "Open nonconformities"),
    "overdue_corrective_actions": ("期限超過の是正処置", "Overdue corrective actions"),
    "audit_findings_section": ("監査所見（監査の記録）", "Audit findings (from audit records)"),
    "tool_findings_note": (
        "以下はツールによる点検結果です。監査で検出された所見は監査ごとのページにあります。",
        "Below are the tool's check results. Findings raised by audits are on each audit's page.",
    ),
    # the supplier register (Annex A 5.19-5.22)
    "suppliers": ("委託先管理台帳", "Supplier register"),
    "suppliers_counted": ("委託先", "Suppliers"),
    "supplier_name": ("委託先名", "Name"),
    "supplier_inspections_overdue": ("実地調査の期限超過", "Inspections overdue"),
    "supplier_training_overdue": ("研修の期限超過（インサイダー情報）", "Training overdue (insider information)"),
    "supplier_open_findings": ("未完了の指摘（不適合）", "Open findings (nonconformities)"),
    "supplier_kind": ("区分", "Kind"),
    "criticality": ("重要度", "Criticality"),
    "services": ("委託業務", "Services"),
    "handles": ("取り扱う情報", "Information handled"),
    "contract_clauses": ("契約上のセキュリティ条項", "Security clauses in the contract"),
    "inspection": ("実地調査", "Inspection"),
    "inspections": ("実地調査の記録", "Inspections"),
    "inspection_interval": ("実地調査の間隔", "Inspection interval"),
    "last_inspection": ("前回の実地調査", "Last inspection"),
    "next_inspection": ("次回の実地調査", "Next inspection"),
    "supplier_training": ("研修", "Training"),
    "training_records": ("研修の記録", "Training"),
    "training_interval": ("研修の間隔", "Training interval"),
    "last_training": ("前回の研修", "Last training"),
    "next_training": ("次回の研修", "Next training"),
    "participants": ("参加者数", "Participants"),
    "supplier_findings": ("指摘事項（不適合）", "Findings (nonconformities)"),
    "linked_suppliers": ("関連する委託先", "Linked suppliers"),
    "sup-overdue": (vocabulary.OVERDUE[0], vocabulary.OVERDUE[1].capitalize()),
    "sup-in-order": ("期限内", "In order"),
    "inspection_on-site": ("実地", "On site"),
    "inspection_remote": ("リモート", "Remote"),
    "inspection_questionnaire": ("質問票", "Questionnaire"),
    "inspection_conforming": ("適合", "Conforming"),
    "inspection_minor-findings": ("軽微な指摘あり", "Minor findings"),
    "inspection_major-findings": ("重大な指摘あり", "Major findings"),
    **{f"criticality-{key}": (title.ja or key, title.en or key) for key, title in CRITICALITY_TITLES.items()},
    **{f"supplier-{key}": (title.ja or key, title.en or key) for key, title in KIND_TITLES.items()},
    # navigation and page titles
    "dashboard": ("ダッシュボード", "Dashboard"),
    "soa": ("適用宣言書", "Statement of Applicability"),
    "frameworks": ("フレームワーク", "Frameworks"),
    "controls": ("管理策", "Controls"),
    "controls_counted": ("管理策", "controls"),
    "control_list_note": (
        "このフレームワークは管理策が多いため、個々の管理策はナビゲーションに載せず、この一覧とフレームワークのページから開きます:",
        "This framework has too many controls to list each in the navigation:"
        " open them from this list or the framework's pages:",
    ),
    "policies": ("方針", "Policies"),
    "evidence": ("証跡", "Evidence"),
    "evidence_register": ("証跡台帳", "Evidence register"),
    "evidence_part": ("ページ", "Page"),
    "evidence_parts_intro": (
        "証跡が多いため、台帳をパス順に複数ページに分けています。各証跡の詳細（説明・収集者・署名）は、それを使う管理策のページにあります。",
        "The register has many items, so it is split into pages by path. Each item's details (description, "
        "collector, signature) are on the page of the control that uses it.",
    ),
    "evidence_parts_back": ("証跡台帳の一覧へ", "Back to the list of register pages"),
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
    "requirement_summary": (
        "要求事項の要約（当方の言葉による要約で、規格の原文ではありません）",
        "Requirement, summarised in our words (not the standard's text)",
    ),
    "applicable": ("適用", "Applicable"),
    "applicable_count": ("適用数", "Applicable"),
    "evidenced": ("証跡あり", "Evidenced"),
    "coverage": ("カバレッジ", "Coverage"),
    "official_coverage": ("公式文言の要求事項のカバレッジ", "Coverage of official requirements"),
    "implemented_ratio": ("実施率", "Implemented %"),
    "soa_additional": ("組織独自の管理策", "The organisation's own controls"),
    "soa_additional_lead": (
        "適用宣言書のフレームワークのほかに当社が定めて適用する管理策（isms.yaml の soa.additional）。",
        "Controls the Company sets and applies beyond the SoA's framework (soa.additional in isms.yaml).",
    ),
    "soa_history": ("適用宣言書の改訂履歴", "Revision history of the SoA"),
    "soa_history_lead": (
        "適用宣言書の管理策ファイル又は isms.yaml を変更したコミット（新しい順）。",
        "The commits that changed a control file of the SoA or isms.yaml, newest first.",
    ),
    "soa_history_more": ("これより古い変更は CSV に。", "Older changes are in the CSV."),
    "commits_counted": ("件のコミット", "commits"),
    "latest_change": ("最新の変更", "Latest change"),
    "tested": ("試験合格", "Tested"),
    "tested_coverage": ("試験合格率", "Tested %"),
    "coverage_meaning": (
        "カバレッジ = 実施済で有効な証跡のある要求事項 ÷ 適用数。試験合格率 = 実施済で、管理策の試験（tests:）が"
        "すべて頻度内に合格している要求事項 ÷ 適用数。",
        "Coverage = requirements implemented with valid evidence ÷ applicable. Tested % = requirements implemented "
        "whose control tests (tests:) all passed within their frequency ÷ applicable.",
    ),
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
    "date_and_expiry": ("証跡日付 → 有効期限", "Dated → valid until"),
    "state_and_class": ("状態・区分", "State, class"),
    "valid_until": ("有効期限", "Valid until"),
    "state": ("状態", "State"),
    "class": ("区分", "Class"),
    "sha256": ("SHA-256", "SHA-256"),
    "file": ("ファイル", "File"),
    "path": ("パス", "Path"),
    "details": ("詳細", "Details"),
    "description": ("説明", "Description"),
    "signature": ("署名", "Signature"),
    "in_store": ("保管庫", "in store"),
    "attestation": ("検証記録", "Attestation"),
    "open_file": ("開く", "open"),
    "redacted": ("非公開（メタデータとハッシュのみ）", "withheld (metadata and hash only)"),
    "redacted_short": ("非公開", "withheld"),
    "themes": ("テーマ", "Themes"),
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
    "history_older": (
        "件の古いコミットはこの頁に載せていません（リポジトリの履歴にあります）:",
        "older commits are not listed here (they are in the repository's history):",
    ),
    "history_dirty": (
        "このファイルには未コミットの変更があり、表示内容は最新のコミットと異なります。",
        "This file has uncommitted changes: what is shown differs from the last commit.",
    ),
    "severity": ("重大度", "Severity"),
    "rule": ("ルール", "Rule"),
    "message": ("内容", "Message"),
    "location": ("場所", "Location"),
    "no_findings": ("指摘事項はありません。", "No findings."),
    "top_findings": ("主な指摘事項", "Top findings"),
    "all_findings": ("すべての指摘事項", "All findings"),
    "other_findings": ("管理策以外", "Not tied to a control"),
    "evidence_health": ("証跡の健全性", "Evidence health"),
    "total": ("合計", "Total"),
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
    "download_csv_additional": ("独自の管理策（CSV）", "Own controls (CSV)"),
    "download_csv_history": ("改訂履歴（CSV）", "History (CSV)"),
    "sort_hint": ("列見出しをクリックすると並べ替えできます。", "Click a column heading to sort."),
    "control_file": ("管理策ファイル", "Control file"),
    "source_file": ("原本ファイル", "Source file"),
    "no_control": ("管理策ファイルがありません", "no control file"),
    "new_in_edition": ("新規", "new"),
    "coverage_chart": ("フレームワーク別カバレッジ", "Coverage per framework"),
    "measures_summary": ("有効性測定の状況", "Effectiveness measures"),
    "undecided_long": ("管理策ファイルなし", "no control file yet"),
}

#: The words every output shares come from `isms.vocabulary` (none of them is in `_OWN`): statuses,
#: applicability, reasons, evidence states, classes, signatures, severities, measure results, audit finding
#: grades, nonconformities' statuses and sources, and the SoA's column headers.
SHARED: dict[str, tuple[str, str]] = {
    **vocabulary.STATUS,
    "undecided": vocabulary.UNDECIDED,
    **{f"applicable-{key}": pair for key, pair in vocabulary.APPLICABLE.items()},
    **vocabulary.REASON,
    **vocabulary.EVIDENCE_STATE,
    **vocabulary.CLASSIFICATION,
    **{f"sig_{key}": pair for key, pair in vocabulary.SIGNATURE.items()},
    **vocabulary.SEVERITY,
    **vocabulary.MEASURE_RESULT,
    **{f"grade_{key}": pair for key, pair in vocabulary.GRADE.items()},
    **{f"nc-{key}": pair for key, pair in vocabulary.NC_STATUS.items()},
    **{f"source_{key}": pair for key, pair in vocabulary.NC_SOURCE.items()},
    "dirty": vocabulary.UNCOMMITTED,
    "list_separator": vocabulary.LIST_SEPARATOR,
    # the SoA page's column headers are the workbook's
    **{f"soa-{key}": pair for key, pair in vocabulary.SOA_COLUMN.items()},
}
_LABELS: dict[str, tuple[str, str]] = {**_OWN, **SHARED}


class Labels:
    """The site's words in one language."""

    def __init__(self, lang: Lang) -> None:
        """Pick the language."""
        self.lang = lang
        self._html: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        """Return the label for ``key``; an unknown key is returned as is (and shows in review)."""
        pair = _LABELS.get(key)
        if pair is None:
            return key
        return pair[0] if self.lang == "ja" else pair[1]

    def html(self, key: str) -> str:
        """Return the label for ``key`` escaped for HTML (`isms.site.escaping.html_text`), escaped once per key."""
        found = self._html.get(key)
        if found is None:
            found = self._html[key] = html_text(self(key))
        return found


def known(key: str) -> bool:
    """Return True when ``key`` has a label."""
    return key in _LABELS


_UNITS: dict[str, tuple[str, str, str]] = {
    "d": ("日", "day", "days"),
    "w": ("週間", "week", "weeks"),
    "m": ("か月", "month", "months"),
    "y": ("年", "year", "years"),
}


def duration_words(duration: str, lang: Lang) -> str:
    """Return a duration such as ``1y`` or ``6m`` in words (1年 / 1 year, 6か月 / 6 months); other text as is."""
    value = duration.strip()
    amount, unit = value[:-1], value[-1:]
    if not amount.isdigit() or not amount.isascii() or unit not in _UNITS:
        return duration
    ja, one, many = _UNITS[unit]
    number = int(amount)
    if lang == "ja":
        return f"{number}{ja}"
    return f"{number} {one if number == 1 else many}"
