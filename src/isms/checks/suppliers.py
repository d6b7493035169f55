"""The supplier register as of the as-of day: inspections due, training of insider suppliers, contract clauses.

Inspections and training dated after the as-of day have not happened yet and do not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from isms.findings import Finding, Pointer, Severity
from isms.model.repository import Repository
from isms.model.supplier import Supplier
from isms.state.assessment import Assessment


def _at(rule: str, severity: Severity, supplier: Supplier, pointer: Pointer, en: str, ja: str) -> Finding:
    return Finding(
        rule, severity, f"{supplier.id}: {en}", supplier.path, pointer=pointer, message_ja=f"{supplier.id}: {ja}"
    )


def _inspection(supplier: Supplier, ctx: Assessment) -> Iterator[Finding]:
    doc = supplier.doc
    last = supplier.last_inspection(ctx.cutoff)
    if last is None:
        yield _at(
            "supplier-inspection-overdue",
            Severity.WARNING,
            supplier,
            ("inspections",) if doc.inspections else ("name",),
            f"no inspection recorded by {ctx.today}; inspect it (every {doc.inspection_interval}) and record it "
            "under `inspections:` with its evidence",
            f"{ctx.today} までの実地調査の記録がありません。間隔 {doc.inspection_interval} ごとに実地調査し、証跡と"
            "ともに"
            "inspections: に記録してください",
        )
        return
    position, inspection = last
    due = supplier.inspection_due(ctx.cutoff)
    if supplier.inspection_overdue(ctx.today, ctx.cutoff):
        yield _at(
            "supplier-inspection-overdue",
            Severity.WARNING,
            supplier,
            ("inspections", position, "date"),
            f"the last inspection was on {inspection.date} and the next was due on {due} "
            f"(every {doc.inspection_interval}); inspect it and record the inspection under `inspections:`",
            f"前回の実地調査は {inspection.date} で、次は {due} が期限でした（間隔 {doc.inspection_interval}）。"
            "実地調査して inspections: に記録してください",
        )


def _training(supplier: Supplier, ctx: Assessment) -> Iterator[Finding]:
    doc = supplier.doc
    if not supplier.handles_insider:
        return
    last = supplier.last_training(ctx.cutoff)
    if last is None:
        yield _at(
            "supplier-training-missing",
            Severity.ERROR,
            supplier,
            ("handles",),
            f"handles insider information but no training of its people is recorded by {ctx.today}; train them "
            "and record it under `training:` with its evidence",
            f"インサイダー情報を取り扱いますが、{ctx.today} までに要員の研修の記録がありません。研修を行い、証跡とと"
            "もに"
            "training: に記録してください",
        )
        return
    position, training = last
    due = supplier.training_due(ctx.cutoff)
    if supplier.training_overdue(ctx.today, ctx.cutoff):
        yield _at(
            "supplier-training-stale",
            Severity.WARNING,
            supplier,
            ("training", position, "date"),
            f"handles insider information and its people were last trained on {training.date}; the next "
            f"training was due on {due} (every {doc.training_interval}): train them again and record it",
            f"インサイダー情報を取り扱いますが、前回の要員の研修は {training.date} で、次は {due} が期限でした"
            f"（間隔 {doc.training_interval}）。もう一度研修を行い、記録してください",
        )


def _contract(supplier: Supplier) -> Iterator[Finding]:
    if supplier.doc.criticality == "critical" and not supplier.doc.contract_clauses:
        yield _at(
            "supplier-critical-no-contract-clauses",
            Severity.ERROR,
            supplier,
            ("criticality",),
            "a critical supplier without security clauses in its contract; agree them and list the requirements "
            "they meet under `contract_clauses:` (e.g. `iso27001-2022:5.20`)",
            "重要な委託先ですが、契約に情報セキュリティ条項がありません。条項に合意し、それが満たす要求事項を"
            "contract_clauses: に列挙してください（例: iso27001-2022:5.20）",
        )


def supplier_findings(suppliers: Iterable[Supplier], ctx: Assessment) -> Iterator[Finding]:
    """Yield the findings of the given suppliers as of the as-of day (in-memory inputs, for any caller)."""
    for supplier in suppliers:
        yield from _inspection(supplier, ctx)
        yield from _training(supplier, ctx)
        yield from _contract(supplier)


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield inspection, training and contract findings of every supplier as of the as-of day."""
    yield from supplier_findings(sorted(repo.suppliers.values(), key=lambda s: s.id), ctx)
