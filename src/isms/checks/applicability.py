"""Every requirement in scope needs a decision; exclusions need a justification (Statement of Applicability)."""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `requirement-uncovered`, `justification-missing` and `requirement-mandatory`."""
    del ctx
    for framework in repo.in_scope():
        for rid in framework.requirements:
            if (framework.id, rid) in repo.unloaded_controls:
                path = repo.unloaded_controls[(framework.id, rid)]
                yield Finding(
                    "requirement-uncovered",
                    Severity.ERROR,
                    f"{framework.id} {rid}: its control file {path} exists but is invalid, so it decides "
                    "nothing; fix the errors reported for that file (`isms validate`)",
                    path,
                    framework=framework.id,
                    control=f"{framework.id}:{rid}",
                    message_ja=(
                        f"{framework.id} {rid} の管理策ファイル {path} はありますが不正です。"
                        "適用可否を何も決めていません。このファイルについて報告されたエラーを直してください（isms "
                        "validate）"
                    ),
                )
            elif (framework.id, rid) not in repo.controls:
                yield Finding(
                    "requirement-uncovered",
                    Severity.ERROR,
                    f"{framework.id} {rid} has no control file and no applicability decision; create it "
                    f"with `isms control new {framework.id} {rid}`",
                    f"controls/{framework.id}/{rid}.yaml",
                    framework=framework.id,
                    control=f"{framework.id}:{rid}",
                    message_ja=f"{framework.id} {rid} に管理策ファイルがなく、適用可否が判断されていません。"
                    f"isms control new {framework.id} {rid} で作成してください",
                )
    for control in repo.controls.values():
        if not control.applicable and control.doc.justification is None:
            yield on_control(
                control,
                "justification-missing",
                Severity.ERROR,
                "not-applicable control without `justification`; say why it is excluded (the Statement of "
                "Applicability needs it)",
                ("status",),
                "適用除外の管理策に理由（justification）がありません。除外する理由を書いてください（適用宣言書に必要です）",
            )
    yield from _mandatory(repo)


def _mandatory(repo: Repository) -> Iterator[Finding]:
    """A mandatory requirement (clauses 4–10) cannot be excluded, and needs no reason to be included."""
    for control in repo.controls.values():
        requirement = repo.requirement(control.key)
        if requirement is None or not requirement.mandatory:
            continue
        if not control.applicable:
            yield on_control(
                control,
                "requirement-mandatory",
                Severity.ERROR,
                f"{control.framework} {control.id} is mandatory and cannot be not-applicable (ISO/IEC 27001 "
                "allows no exclusion from clauses 4–10); set its status and describe how it is met",
                ("status",),
                f"{control.framework} {control.id} は必須の要求事項のため、適用除外にできません（ISO/IEC 27001 は"
                "箇条 4–10 の除外を認めていません）。status を設定し、どう満たしているかを記述してください",
            )
        if control.doc.reasons:
            yield on_control(
                control,
                "requirement-mandatory",
                Severity.ERROR,
                f"{control.framework} {control.id} is mandatory: `reasons` (why a control is included in the "
                "Statement of Applicability) do not apply to it; remove them",
                ("reasons",),
                f"{control.framework} {control.id} は必須の要求事項のため、適用理由（reasons。管理策を適用宣言書に含"
                "める理由）は"
                "当てはまりません。削除してください",
            )
