"""Supplier inspections and the training of suppliers that handle insider information."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from isms.due.types import DueItem, text
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def inspections(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``supplier-inspection``: the next inspection of each supplier (today when never inspected)."""
    for supplier in sorted(repo.suppliers.values(), key=lambda s: s.id):
        name = supplier.doc.name
        yield DueItem(
            kind="supplier-inspection",
            subject=supplier.id,
            owner=supplier.doc.owner,
            due=supplier.inspection_due(ctx.cutoff) or ctx.today,
            title=text(f"委託先の実地調査: {name.get('ja')}", f"Supplier inspection: {name.get('en')}"),
            action=f"inspect the supplier and record it under `inspections:` in {supplier.path}",
            action_ja=f"実地調査を行い、{supplier.path} の `inspections:` に記録する",
            path=supplier.path,
        )


def training(repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
    """Yield ``supplier-training``: the next training of each supplier handling insider information."""
    for supplier in sorted(repo.suppliers.values(), key=lambda s: s.id):
        if not supplier.handles_insider:
            continue
        name = supplier.doc.name
        yield DueItem(
            kind="supplier-training",
            subject=supplier.id,
            owner=supplier.doc.owner,
            due=supplier.training_due(ctx.cutoff) or ctx.today,
            title=text(f"委託先の研修: {name.get('ja')}", f"Supplier training: {name.get('en')}"),
            action=f"train the supplier's people and record it under `training:` in {supplier.path}",
            action_ja=f"委託先の従業者に研修を行い、{supplier.path} の `training:` に記録する",
            path=supplier.path,
        )
