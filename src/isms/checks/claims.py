"""A control claimed implemented or partial says how it is done and has been reviewed (no empty claims).

Its evidence is `control-no-evidence` (evidence_freshness). A guideline or METI item of a mapped
framework that maps to controls is carried by them: it needs neither text nor review of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import is_in_force, on_control
from isms.findings import Finding, Severity
from isms.model.repository import Control, Repository
from isms.state.assessment import Assessment


def _carried(repo: Repository, control: Control) -> bool:
    """Return True when the control is a mapped framework's item that maps to other controls."""
    framework = repo.frameworks.get(control.framework)
    return framework is not None and framework.info.coverage == "mapped" and bool(repo.maps_to(control.key))


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `control-no-implementation` and `control-never-reviewed` for implemented and partial controls."""
    for control in repo.controls.values():
        if not is_in_force(control) or _carried(repo, control):
            continue
        status = control.doc.status
        text = control.doc.implementation
        if text is None or not (text.ja or text.en or "").strip():
            yield on_control(
                control,
                "control-no-implementation",
                Severity.WARNING,
                f"control is {status} but does not say how: write `implementation:` "
                "(what is done, by whom, with which tool), or set `status: planned`",
                ("status",),
                f"管理策は {status} ですが、実施方法が書かれていません。implementation:（何を、誰が、どのツールで行"
                "うか）を"
                "書くか、status: planned にしてください",
            )
        if ctx.last_reviewed(control) is None:
            yield on_control(
                control,
                "control-never-reviewed",
                Severity.WARNING,
                f"control is {status} but has never been reviewed by {ctx.today}: review it and set "
                "`review.last` (or commit the review with a subject starting 'Review')",
                ("status",),
                f"管理策は {status} ですが、基準日 {ctx.today} までに一度も見直されていません。見直して review.last を"
                "記録してください（または件名が 'Review' で始まるコミットで見直しを記録）",
            )
