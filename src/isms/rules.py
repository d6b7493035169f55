"""Every rule id, with its default severity and a one-line description (ja/en).

Used by SARIF output (rule metadata), the site's findings page and the docs.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    """A rule's metadata."""

    default: str
    en: str
    ja: str


RULES: dict[str, Rule] = {
    # loading and validation
    "yaml-syntax": Rule("error", "The file is not valid YAML.", "YAML の構文エラー"),
    "yaml-duplicate-key": Rule("error", "A key appears twice in one mapping.", "キーの重複"),
    "yaml-alias": Rule("error", "YAML aliases are refused.", "YAML エイリアスは使用できません"),
    "encoding": Rule("error", "The file is not UTF-8.", "UTF-8 ではないファイル"),
    "empty-file": Rule("error", "The file is empty.", "空のファイル"),
    "unreadable": Rule("error", "The file cannot be read.", "読み取れないファイル"),
    "unknown-key": Rule("error", "A key the schema does not know (a typo?).", "未知のキー"),
    "missing-key": Rule("error", "A required key is missing.", "必須キーの欠落"),
    "invalid-value": Rule("error", "A value of the wrong type or form.", "不正な値"),
    "unknown-reference": Rule("error", "A reference to an unknown requirement or group.", "未知の参照"),
    "ambiguous-reference": Rule("error", "A bare id that several frameworks have.", "曖昧な参照"),
    "unknown-evidence": Rule("error", "A reference to undeclared evidence.", "未登録の証跡への参照"),
    "unknown-owner": Rule("error", "An owner not defined in isms.yaml.", "未定義の責任者"),
    "unknown-framework": Rule("error", "A framework that is not loaded.", "未知のフレームワーク"),
    "unknown-requirement": Rule("error", "A control file for a requirement the framework lacks.", "未知の要求事項"),
    "misplaced-file": Rule("error", "A file outside the expected layout.", "配置の誤り"),
    "duplicate-id": Rule("error", "The same id is defined twice.", "ID の重複"),
    "path-escape": Rule("error", "A path that leaves the repository.", "リポジトリ外を指すパス"),
    "evidence-missing": Rule("error", "Declared evidence whose file does not exist.", "証跡ファイルがありません"),
    # checks
    "control-no-evidence": Rule("error", "An implemented or partial control without evidence.", "証跡のない管理策"),
    "control-no-implementation": Rule(
        "warning", "An implemented or partial control that does not say how it is done.", "実施内容のない管理策"
    ),
    "control-never-reviewed": Rule(
        "warning", "An implemented or partial control never reviewed.", "一度も見直されていない管理策"
    ),
    "evidence-stale": Rule("error", "A control in force relies on expired evidence.", "期限切れの証跡"),
    "evidence-not-yet-valid": Rule(
        "note", "Evidence dated after the as-of date (--today): it does not count yet.", "基準日より後の証跡（未発効）"
    ),
    "date-in-future": Rule(
        "error", "A recorded date after the real current date (one day of tolerance).", "未来の日付"
    ),
    "evidence-gap": Rule("warning", "A recurring record (`expects:`) missing for a period.", "定期記録の欠落"),
    "control-due-passed": Rule("warning", "A planned or partial control past its `due:` date.", "管理策の期限超過"),
    "policy-changed-after-approval": Rule(
        "warning", "A policy changed in git after its approval date.", "承認後に変更された方針"
    ),
    "policy-review-overdue": Rule("warning", "A policy whose review is overdue.", "方針の見直し期限切れ"),
    "evidence-expiring": Rule("warning", "Evidence expires within the warning window.", "期限が近い証跡"),
    "evidence-tampered": Rule("error", "Evidence does not match its recorded sha256.", "ハッシュ不一致（改ざん）"),
    "evidence-unreadable": Rule(
        "error", "Evidence that cannot be read, so its hash cannot be checked.", "読み取れない証跡（ハッシュ未確認）"
    ),
    "evidence-rewritten": Rule(
        "error",
        "Evidence changed after the commit that recorded it, without a new date.",
        "証跡の書き換え（日付据え置き）",
    ),
    "evidence-unhashed": Rule(
        "error", "Evidence without a recorded sha256 (a change would go unnoticed).", "ハッシュ未記録の証跡"
    ),
    "evidence-unreferenced": Rule("warning", "Evidence nothing declares or uses.", "参照されていない証跡"),
    "requirement-uncovered": Rule("error", "A requirement in scope without a decision.", "適用可否が未決定"),
    "requirement-mandatory": Rule(
        "error", "A mandatory requirement (clauses 4–10) excluded, or given SoA reasons.", "必須の要求事項の適用除外"
    ),
    "justification-missing": Rule("error", "Not applicable without a justification.", "除外理由がありません"),
    "control-no-owner": Rule("error", "A control without an owner.", "責任者がいない管理策"),
    "review-overdue": Rule("warning", "A control whose review is overdue.", "見直し期限切れ"),
    "requirement-unmapped": Rule("warning", "A guideline or METI item mapped to no control.", "管理策への対応付けなし"),
    "statement-unlinked": Rule("warning", "A policy statement linked to no control.", "管理策に結び付かない方針"),
    "measure-not-met": Rule("warning", "An effectiveness measure misses its target.", "有効性指標の目標未達"),
    "measure-no-data": Rule("warning", "A measure without data for its latest period.", "有効性指標のデータなし"),
    "measure-column-missing": Rule(
        "error", "A column a measure names is not in one of its data files.", "有効性指標が参照する列がありません"
    ),
    "measure-value-unknown": Rule(
        "warning",
        "A `where` value of a measure occurs in none of its data files.",
        "有効性指標の条件値がデータにありません",
    ),
    "history-partial": Rule("warning", "Git history is shallow: dates may be wrong.", "git 履歴が不完全"),
    "codeowners-outdated": Rule(
        "warning", "CODEOWNERS does not match the owners of controls and policies.", "CODEOWNERS が古い"
    ),
    "unknown-store": Rule("error", "Evidence in a store that isms.yaml does not declare.", "未定義の保管庫"),
    "evidence-not-in-store": Rule(
        "error",
        "Evidence of a class that must live in a store is committed.",
        "保管庫に置くべき証跡がリポジトリにあります",
    ),
    "evidence-unverified": Rule(
        "error", "A store item without a valid, unexpired attestation that matched its hash.", "保管庫の証跡が未検証"
    ),
    "evidence-attestation-invalid": Rule(
        "error", "A store attestation whose signature does not hold, or for an undeclared store.", "検証記録が無効"
    ),
    "evidence-signature-invalid": Rule(
        "error", "An evidence signature that is bad or by someone else than the collector.", "証跡の署名が無効"
    ),
    "evidence-unsigned": Rule("error", "Evidence of a class that must be signed is not.", "署名のない証跡"),
    "custodian-no-key": Rule("error", "A store custodian without `ssh_keys:`.", "保管庫の管理者に公開鍵がありません"),
    "measure-data-in-store": Rule(
        "error",
        "A measure reads evidence that lives in a store (unreadable outside the zone).",
        "保管庫の証跡を指標に使用",
    ),
    "commit-unsigned": Rule(
        "error", "A commit to a path of `require_signed_commits` without a good signature.", "署名のないコミット"
    ),
    "commit-signer-not-owner": Rule(
        "error", "A signed commit to files another owner answers for.", "責任者以外が署名したコミット"
    ),
    # risk management (6.1.2, 6.1.3, 8.2, 8.3)
    "unknown-asset": Rule("error", "A risk citing an asset no register defines.", "未登録の資産への参照"),
    "unknown-scale-label": Rule("error", "A likelihood or impact label not on its scale.", "尺度にないラベル"),
    "level-outside-scale": Rule("error", "A likelihood or impact value outside its scale.", "尺度外の値"),
    "acceptance-before-assessment": Rule(
        "error", "A risk accepted before it was assessed.", "評価前に受容されたリスク"
    ),
    "risk-no-criteria": Rule("error", "Risks without `risk:` criteria in isms.yaml.", "リスク基準が未定義"),
    "risk-untreated": Rule(
        "error", "A risk at or above the acceptance threshold without treatment.", "対応が決まっていないリスク"
    ),
    "risk-acceptance-missing": Rule(
        "error", "A residual risk at or above the threshold that nobody accepted.", "残留リスクが受容されていません"
    ),
    "risk-acceptance-not-allowed": Rule(
        "error", "Accepted by someone the criteria do not allow at that level.", "受容権限のない者による受容"
    ),
    "risk-acceptance-expired": Rule("error", "A risk acceptance past its `valid_until`.", "リスク受容の期限切れ"),
    "risk-action-overdue": Rule("error", "A treatment action past its due date.", "リスク対応策の期限超過"),
    "risk-control-not-in-force": Rule(
        "error", "A treating control that is planned or not applicable.", "対応する管理策が未実施・適用除外"
    ),
    "risk-control-outside-soa": Rule(
        "error", "A risk citing a control that the SoA does not include.", "適用宣言書にない管理策を引用"
    ),
    "soa-reason-untraced": Rule(
        "error", "A control with reason `risk` that no risk cites.", "リスクに結び付かない適用理由"
    ),
    "asset-no-owner": Rule("error", "An asset without an owner.", "管理責任者のいない資産"),
    "exception-expired": Rule("error", "An exception past its `valid_until`.", "期限切れの例外"),
    "risk-review-overdue": Rule("warning", "A risk whose review is overdue.", "リスクの見直し期限切れ"),
    # the management-system cycle (6.2, 9.2, 9.3, 10.2)
    "audit-no-scope": Rule("error", "An audit without a scope.", "監査範囲のない監査"),
    "effectiveness-before-action": Rule(
        "error", "An effectiveness review dated before the corrective action was done.", "処置完了前の有効性レビュー"
    ),
    "nonconformity-closed-open-actions": Rule(
        "error", "A nonconformity closed while a corrective action is not done.", "処置未完了のまま完了した不適合"
    ),
    "corrective-action-overdue": Rule("error", "A corrective action past its due date.", "是正処置の期限超過"),
    "nonconformity-no-root-cause": Rule("warning", "A nonconformity without a root cause.", "原因が未記録の不適合"),
    "nonconformity-no-effectiveness-review": Rule(
        "error", "A nonconformity closed without an effectiveness review.", "有効性レビューのない完了"
    ),
    "nonconformity-closed-ineffective": Rule(
        "error", "A nonconformity closed although its actions were not effective.", "有効でない処置のまま完了"
    ),
    "audit-overdue": Rule("warning", "A planned audit not carried out by its date.", "監査の予定日超過"),
    "auditor-not-independent": Rule(
        "error", "An auditor who owns what the audit examines.", "監査員の独立性がありません"
    ),
    "audit-programme-incomplete": Rule(
        "warning",
        "The audit programme misses a clause or Annex A theme within the cycle.",
        "監査プログラムが箇条・テーマを網羅していません",
    ),
    "management-review-overdue": Rule(
        "warning", "No management review within the interval of isms.yaml.", "マネジメントレビューの期限超過"
    ),
    "management-review-input-missing": Rule(
        "error", "A management review without an input that 9.3.2 requires.", "マネジメントレビューのインプット不足"
    ),
    "management-review-no-outputs": Rule(
        "warning", "A management review that records no decisions.", "マネジメントレビューのアウトプットなし"
    ),
    "review-action-overdue": Rule(
        "error", "An action decided by a management review past its due date.", "レビュー決定事項の期限超過"
    ),
    "objective-not-met": Rule("warning", "An objective whose measure misses its target.", "目的の未達"),
    "objective-past-due": Rule("warning", "An objective past its due date and not met.", "目的の期限超過"),
    "control-test-failed": Rule("error", "A control test whose latest run failed.", "管理策テストの不合格"),
    "control-test-overdue": Rule(
        "warning", "A control test not run (and passed) within its frequency.", "管理策テストの実施期限超過"
    ),
    # the supplier register (Annex A 5.19-5.22)
    "supplier-inspection-overdue": Rule(
        "warning", "A supplier not inspected within its inspection interval.", "委託先の実地調査の期限超過"
    ),
    "supplier-training-missing": Rule(
        "error",
        "A supplier handling insider information without training records.",
        "インサイダー情報を扱う委託先の研修記録なし",
    ),
    "supplier-training-stale": Rule(
        "warning",
        "A supplier handling insider information not trained within its training interval.",
        "インサイダー情報を扱う委託先の研修期限超過",
    ),
    "supplier-critical-no-contract-clauses": Rule(
        "error",
        "A critical supplier without security clauses in its contract.",
        "重要な委託先の契約にセキュリティ条項なし",
    ),
}


def describe(rule: str) -> Rule:
    """Return a rule's metadata (a generic one for unknown ids)."""
    return RULES.get(rule, Rule("warning", rule, rule))
