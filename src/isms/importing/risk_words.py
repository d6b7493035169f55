"""The words of risk registers kept as spreadsheets: column headers and treatment options (ja and en)."""

from __future__ import annotations

from isms.importing.words import normalize
from isms.model.risk import Treatment

#: Header words of `isms import risks`. Level and score columns are not read: levels are computed.
RISK_HEADERS: dict[str, list[str]] = {
    "id": ["id", "リスクid", "リスク番号", "リスクno", "リスクno.", "番号", "no", "no.", "#", "項番", "risk id", "ref"],
    "title": ["リスク", "リスク名", "リスク項目", "タイトル", "件名", "title", "risk", "name", "risk title"],
    "description": ["説明", "リスクの説明", "詳細", "概要", "description", "details"],
    "assets": ["資産", "対象資産", "資産id", "関連資産", "情報資産", "assets", "asset", "asset ids"],
    "threat": ["脅威", "threat", "threats"],
    "vulnerability": ["脆弱性", "vulnerability", "vulnerabilities", "weakness"],
    "owner": ["リスク所有者", "リスクオーナー", "リスク責任者", "責任者", "担当", "owner", "risk owner"],
    "classification": ["機密区分", "分類", "classification", "class"],
    "assessed": ["評価日", "アセスメント日", "リスク評価日", "assessed", "assessment date", "assessed on"],
    "likelihood": [
        "発生可能性",
        "起こりやすさ",
        "可能性",
        "発生頻度",
        "固有発生可能性",
        "固有リスク発生可能性",
        "likelihood",
        "inherent likelihood",
        "probability",
    ],
    "impact": ["影響度", "影響", "固有影響度", "固有リスク影響度", "impact", "inherent impact", "consequence"],
    "treatment": ["リスク対応", "対応", "対応方針", "対応区分", "リスク対応方針", "treatment", "treatment option"],
    "controls": [
        "管理策",
        "対応する管理策",
        "対策管理策",
        "管理策番号",
        "controls",
        "treating controls",
        "annex a controls",
    ],
    "residual_likelihood": [
        "残留発生可能性",
        "残留リスク発生可能性",
        "対応後発生可能性",
        "residual likelihood",
    ],
    "residual_impact": ["残留影響度", "残留リスク影響度", "対応後影響度", "residual impact"],
    "accepted_by": ["受容者", "リスク受容者", "受容承認者", "accepted by", "acceptance by"],
    "accepted_on": ["受容日", "リスク受容日", "accepted on", "acceptance date", "accepted"],
    "accepted_until": [
        "受容期限",
        "受容有効期限",
        "有効期限",
        "valid until",
        "accepted until",
        "acceptance valid until",
    ],
    "reviewed": ["最終レビュー日", "レビュー日", "見直し日", "last review", "reviewed", "last reviewed"],
}

_TREATMENT: dict[Treatment, list[str]] = {
    "modify": ["modify", "低減", "軽減", "リスク低減", "mitigate", "reduce", "treat"],
    "retain": ["retain", "保有", "受容", "リスク保有", "リスク受容", "accept"],
    "avoid": ["avoid", "回避", "リスク回避", "terminate"],
    "share": ["share", "共有", "移転", "リスク移転", "リスク共有", "transfer"],
}
TREATMENT_BY_WORD: dict[str, Treatment] = {normalize(w): name for name, words in _TREATMENT.items() for w in words}

_CLASSES = {
    "public": ["public", "公開"],
    "internal": ["internal", "社内", "社内限り", "社外秘"],
    "confidential": ["confidential", "機密", "秘"],
    "insider": ["insider", "インサイダー", "インサイダー情報", "極秘"],
}
CLASS_BY_WORD: dict[str, str] = {normalize(w): name for name, words in _CLASSES.items() for w in words}
