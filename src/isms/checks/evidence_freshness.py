"""Controls in force need current evidence; evidence about to expire is announced."""

from __future__ import annotations

from collections.abc import Iterator

from isms.checks.base import is_in_force, on_control
from isms.findings import Finding, Severity
from isms.model.repository import Control, Repository
from isms.state.assessment import Assessment
from isms.state.evidence import EvidenceState


def _existing(control: Control, ctx: Assessment) -> list[str]:
    """Return the control's evidence that existed on the as-of day (not dated after it)."""
    return [
        ref for ref in control.doc.evidence if (status := ctx.evidence.get(ref)) is None or ctx.counts(status.item.date)
    ]


def _evidence_reachable(repo: Repository, control: Control, ctx: Assessment) -> bool:
    """Own evidence, or for guidelines and METI items, evidence of the controls they map to.

    Evidence dated after the as-of day did not exist on it: it evidences nothing.
    """
    if _existing(control, ctx):
        return True
    framework = repo.frameworks.get(control.framework)
    if framework is None or framework.info.coverage != "mapped":
        return False
    return any(
        (target := repo.controls.get(key)) is not None and bool(_existing(target, ctx))
        for key in repo.maps_to(control.key)
    )


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `control-no-evidence`, `evidence-stale`, `evidence-not-yet-valid` and `evidence-expiring`."""
    for control in repo.controls.values():
        if not is_in_force(control):
            continue
        if not _evidence_reachable(repo, control, ctx):
            if control.doc.evidence:
                yield on_control(
                    control,
                    "control-no-evidence",
                    Severity.ERROR,
                    f"control is {control.doc.status} but all its evidence is dated after {ctx.today}: "
                    "on that day it had none",
                    ("evidence",),
                    f"管理策は {control.doc.status} ですが、証跡はすべて基準日 {ctx.today} より後の日付です。その日"
                    "の時点では証跡がありません",
                )
                continue
            yield on_control(
                control,
                "control-no-evidence",
                Severity.ERROR,
                f"control is {control.doc.status} but lists no evidence; add evidence "
                "(`isms evidence add FILE --for ...`) or set `status: planned`",
                ("status",),
                f"管理策は {control.doc.status} ですが、証跡が登録されていません。証跡を追加するか"
                "（isms evidence add FILE --for ...）、status: planned にしてください",
            )
        for index, ref in enumerate(control.doc.evidence):
            status = ctx.evidence.get(ref)
            if status is not None and status.state is EvidenceState.STALE:
                yield on_control(
                    control,
                    "evidence-stale",
                    Severity.ERROR,
                    f"evidence `{ref}` (dated {status.item.date}) expired on {status.expires}; "
                    "collect new evidence and run `isms evidence refresh`",
                    ("evidence", index),
                    f"証跡 {ref}（{status.item.date} 付）の有効期限が {status.expires} に切れています。"
                    "新しい証跡を集めて isms evidence refresh を実行してください",
                )
    for status in ctx.evidence.values():
        if status.state is EvidenceState.NOT_YET_VALID and ctx.pinned:
            item = status.item
            yield Finding(
                "evidence-not-yet-valid",
                Severity.NOTE,
                f"evidence `{item.path}` is dated {item.date}, after {ctx.today}: on that day it did not exist yet "
                "and counts for no control",
                item.register,
                pointer=("evidence", item.index, "date"),
                message_ja=f"証跡 {item.path} の日付（{item.date}）は基準日 {ctx.today} より後です。その日にはまだ存"
                "在せず、"
                "どの管理策の証跡にも数えません",
            )
        if status.state is EvidenceState.EXPIRING:
            item = status.item
            yield Finding(
                "evidence-expiring",
                Severity.WARNING,
                f"evidence `{item.path}` expires on {status.expires}; plan its renewal",
                item.register,
                pointer=("evidence", item.index, "date"),
                message_ja=f"証跡 {item.path} は {status.expires} に有効期限が切れます。更新を計画してください",
            )
