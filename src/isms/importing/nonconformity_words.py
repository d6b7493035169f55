"""The words of corrective-action logs kept as spreadsheets: column headers, sources and grades (ja and en)."""

from __future__ import annotations

from isms.importing.words import normalize
from isms.model.cycle import Grade, SourceKind

#: Header words of `isms import nonconformities`. A status column is not read: the status is computed.
NONCONFORMITY_HEADERS: dict[str, list[str]] = {
    "id": ["id", "番号", "管理番号", "不適合番号", "是正処置番号", "no", "no.", "#", "項番", "nc id", "ca id"],
    "title": [
        "件名",
        "不適合",
        "不適合内容",
        "指摘",
        "指摘事項",
        "指摘内容",
        "事象",
        "title",
        "finding",
        "nonconformity",
        "issue",
    ],
    "description": ["説明", "詳細", "内容", "description", "details"],
    "raised": ["発見日", "発生日", "起票日", "識別日", "登録日", "raised", "identified", "date raised", "opened"],
    "source": ["発生源", "出所", "起因", "検出元", "source", "origin"],
    "source_ref": ["発生源参照", "出所番号", "参照番号", "source ref", "source id", "reference"],
    "grade": ["等級", "不適合区分", "区分", "重要度", "grade", "severity", "category"],
    "requirements": [
        "要求事項",
        "該当要求事項",
        "関連要求事項",
        "条項",
        "管理策",
        "requirements",
        "clauses",
        "controls",
    ],
    "owner": ["責任者", "担当", "担当者", "対応責任者", "owner", "responsible"],
    "correction": ["修正", "応急処置", "correction", "containment"],
    "root_cause": ["原因", "根本原因", "原因分析", "root cause", "cause"],
    "action": ["是正処置", "是正処置内容", "対策", "処置内容", "action", "corrective action"],
    "due": ["期限", "期日", "完了予定日", "対応期限", "due", "due date", "deadline"],
    "done": ["完了日", "実施日", "対応完了日", "done", "completed", "done on", "completed on"],
    "closed": ["クローズ日", "終結日", "closed", "closed on", "date closed"],
}

_SOURCES: dict[SourceKind, list[str]] = {
    "audit": ["audit", "internal-audit", "internal audit", "external-audit", "監査", "内部監査", "外部監査", "審査"],
    "incident": ["incident", "security-incident", "インシデント", "事故", "セキュリティ事故"],
    "review": ["review", "management-review", "management review", "マネジメントレビュー", "レビュー"],
    "monitoring": ["monitoring", "監視", "モニタリング"],
    "exercise": ["exercise", "drill", "訓練", "演習"],
    "complaint": ["complaint", "苦情"],
    "other": ["other", "その他"],
}
#: Source words, longest first, so ``internal-audit-2026`` is read as ``internal-audit`` + ``2026``.
SOURCE_WORDS: tuple[tuple[str, SourceKind], ...] = tuple(
    sorted(
        ((normalize(word), kind) for kind, words in _SOURCES.items() for word in words),
        key=lambda pair: -len(pair[0]),
    )
)

_GRADES: dict[Grade, list[str]] = {
    "major": ["major", "major nonconformity", "重大", "重大な不適合"],
    "minor": ["minor", "minor nonconformity", "軽微", "軽微な不適合"],
    "observation": ["observation", "観察", "観察事項"],
    "improvement": ["improvement", "opportunity for improvement", "ofi", "改善", "改善の機会"],
}
GRADE_BY_WORD: dict[str, Grade] = {normalize(w): name for name, words in _GRADES.items() for w in words}
