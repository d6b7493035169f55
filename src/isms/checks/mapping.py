"""Guidelines, METI items and policy statements must be carried out by controls."""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `requirement-unmapped` and `statement-unlinked`."""
    del ctx
    for control in repo.controls.values():
        framework = repo.frameworks.get(control.framework)
        if framework is None or framework.info.coverage != "mapped" or not control.applicable:
            continue
        if not repo.maps_to(control.key):
            yield on_control(
                control,
                "requirement-unmapped",
                Severity.WARNING,
                f"{control.framework} {control.id} is not mapped to any control; list the controls that carry "
                "it out under `maps_to`",
                ("status",),
                f"{control.framework} {control.id} はどの管理策にも対応付けられていません"
                "（maps_to に実施する管理策を列挙してください）",
            )
    for policy in repo.policies.values():
        if policy.doc.framework is not None:
            continue  # its statements are requirements, mapped through their control files
        for index, statement in enumerate(policy.doc.statements):
            if not statement.implemented_by:
                yield Finding(
                    "statement-unlinked",
                    Severity.WARNING,
                    f"statement `{statement.id}` is not linked to any control; list them under `implemented_by`",
                    policy.path,
                    pointer=("statements", index, "id"),
                    message_ja=f"方針の記述 {statement.id} はどの管理策にも結び付いていません（implemented_by に管理"
                    "策を列挙してください）",
                )
