"""Evidence that expires: its last valid day (stale once passed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from isms.due.types import DueItem
from isms.model.base import Text
from isms.model.repository import EvidenceItem, Repository
from isms.state.assessment import Assessment
from isms.state.evidence import EvidenceState

_NOT_DUE = frozenset({EvidenceState.MISSING, EvidenceState.TAMPERED})


def evidence_owner(repo: Repository, item: EvidenceItem) -> str | None:
    """Return who renews it: `collected_by` when it names an owner, else the owner of the first control using it."""
    if item.collected_by in repo.config.owners:
        return item.collected_by
    for key in repo.evidence_users.get(item.path, []):
        owner = repo.controls[key].doc.owner
        if owner is not None:
            return owner
    return None


def _actions(item: EvidenceItem) -> tuple[str, str]:
    """Return what to do, in English and Japanese: refresh a file in git, or verify a store item."""
    if item.in_store:
        store, ref = item.store, item.ref
        return (
            f"put the new file at {ref} in store {store}, update its register entry, then run "
            f"`isms evidence verify --store {store}=PATH --key KEY` inside the zone",
            f"新しいファイルを証跡ストア {store} の {ref} に置いて台帳を更新し、区画内で "
            f"`isms evidence verify --store {store}=PATH --key KEY` を実行する",
        )
    path = item.path
    return (
        f"collect new evidence into evidence/{path}, then run `isms evidence refresh evidence/{path}`",
        f"新しい証跡を evidence/{path} に置き、`isms evidence refresh evidence/{path}` を実行する",
    )


def provide(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``evidence-expiry`` for every declared item whose validity ends by ``until``.

    Missing and tampered files are check errors, not reminders.
    """
    for path, status in ctx.evidence.items():
        if status.expires is None or status.expires > until or status.state in _NOT_DUE:
            continue
        item = status.item
        action, action_ja = _actions(item)
        yield DueItem(
            kind="evidence-expiry",
            subject=path,
            owner=evidence_owner(repo, item),
            due=status.expires,
            title=Text.model_construct(
                ja=f"証跡の有効期限: {item.title.get('ja')}", en=f"Evidence expires: {item.title.get('en')}"
            ),
            action=action,
            action_ja=action_ja,
            path=item.register,
        )
