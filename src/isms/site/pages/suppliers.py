"""The supplier register page, the dashboard's supplier rows and the supplier links of the SoA.

Shown as of the as-of day: inspections and training dated after it have not happened yet, and a
nonconformity raised after it is not listed. Evidence is linked to the evidence register, which
shows a withheld item's metadata only; no evidence content reaches this page.
"""

from __future__ import annotations

from isms.model.supplier import CRITICALITY_TITLES, KIND_TITLES, Supplier
from isms.site.labels import duration_words
from isms.site.pages.basics import Attribute, Ref
from isms.site.pages.common import SUPPLIERS, Context, natural_key, supplier_anchor
from isms.site.pages.cycle import nc_target
from isms.site.pages.supplier_types import DatedRecordView, SuppliersPage, SupplierView

CRITICALITIES = tuple(f"criticality-{c}" for c in reversed(CRITICALITY_TITLES))
KINDS = tuple(f"supplier-{k}" for k in KIND_TITLES)


def _inspections(ctx: Context, supplier: Supplier) -> tuple[DatedRecordView, ...]:
    cutoff = ctx.ev.assessment.cutoff
    shown = sorted((i for i in supplier.doc.inspections if i.date <= cutoff), key=lambda i: i.date, reverse=True)
    return tuple(
        DatedRecordView(
            date=i.date.isoformat(),
            what=ctx.t(f"inspection_{i.method}") + (f" · {ctx.t(f'inspection_{i.result}')}" if i.result else ""),
            note=i.note.get(ctx.lang) if i.note else None,
            evidence=ctx.evidence_ref(i.evidence),
        )
        for i in shown
    )


def _training(ctx: Context, supplier: Supplier) -> tuple[DatedRecordView, ...]:
    cutoff = ctx.ev.assessment.cutoff
    shown = sorted((t for t in supplier.doc.training if t.date <= cutoff), key=lambda t: t.date, reverse=True)
    return tuple(
        DatedRecordView(
            date=t.date.isoformat(),
            what=t.course.get(ctx.lang),
            note=f"{ctx.t('participants')}: {t.participants}" if t.participants is not None else None,
            evidence=ctx.evidence_ref(t.evidence),
        )
        for t in shown
    )


def _findings(ctx: Context, supplier: Supplier) -> tuple[Ref, ...]:
    assessment = ctx.ev.assessment
    refs = []
    for nid in supplier.doc.findings:
        nc = ctx.repo.nonconformities.get(nid)
        if nc is not None and assessment.counts(nc.doc.raised):
            refs.append(Ref(nid, nc.doc.title.get(ctx.lang), nc_target(nid), f"nc-{nc.status(assessment.cutoff)}"))
    return tuple(refs)


def _state(overdue: bool) -> str:
    return "sup-overdue" if overdue else "sup-in-order"


def supplier_view(ctx: Context, supplier: Supplier) -> SupplierView:
    """Return a supplier with its inspections, training and findings as of the as-of day."""
    doc = supplier.doc
    today, cutoff = ctx.ev.assessment.today, ctx.ev.assessment.cutoff
    last_inspection = supplier.last_inspection(cutoff)
    last_training = supplier.last_training(cutoff)
    next_inspection = supplier.inspection_due(cutoff)
    next_training = supplier.training_due(cutoff)
    inspection_overdue = supplier.inspection_overdue(today, cutoff)
    training_overdue = supplier.training_overdue(today, cutoff)
    tags = (
        f"criticality:criticality-{doc.criticality} kind:supplier-{doc.kind} "
        f"inspection:{_state(inspection_overdue)} training:{_state(training_overdue)}"
    )
    return SupplierView(
        id=supplier.id,
        anchor=supplier_anchor(supplier.id),
        name=doc.name.get(ctx.lang),
        kind=f"supplier-{doc.kind}",
        services=tuple(service.get(ctx.lang) for service in doc.services),
        criticality=f"criticality-{doc.criticality}",
        handles=tuple(doc.handles),
        owner=ctx.owner(doc.owner),
        clauses=tuple(ctx.req_ref(key) for key in supplier.clauses),
        inspection_interval=duration_words(doc.inspection_interval, ctx.lang),
        last_inspection=last_inspection[1].date.isoformat() if last_inspection else None,
        next_inspection=next_inspection.isoformat() if next_inspection else None,
        inspection_overdue=inspection_overdue,
        insider=supplier.handles_insider,
        training_interval=duration_words(doc.training_interval, ctx.lang),
        last_training=last_training[1].date.isoformat() if last_training else None,
        next_training=next_training.isoformat() if next_training and supplier.handles_insider else None,
        training_overdue=training_overdue,
        inspections=_inspections(ctx, supplier),
        training=_training(ctx, supplier),
        findings=_findings(ctx, supplier),
        tags=tags,
    )


def suppliers_page(ctx: Context) -> SuppliersPage | None:
    """Return the supplier register, or None when the repository keeps no supplier records."""
    if not ctx.repo.suppliers:
        return None
    views = tuple(supplier_view(ctx, s) for s in sorted(ctx.repo.suppliers.values(), key=lambda s: natural_key(s.id)))
    kinds = {f"supplier-{s.doc.kind}" for s in ctx.repo.suppliers.values()}
    criticalities = {v.criticality for v in views}
    states = ("sup-overdue", "sup-in-order")
    filters = (
        Attribute("criticality", ctx.t("criticality"), tuple(c for c in CRITICALITIES if c in criticalities)),
        Attribute("kind", ctx.t("supplier_kind"), tuple(k for k in KINDS if k in kinds)),
        Attribute("inspection", ctx.t("inspection"), states),
        Attribute("training", ctx.t("supplier_training"), states),
    )
    totals = (
        ("suppliers_counted", len(views)),
        ("supplier_inspections_overdue", sum(v.inspection_overdue for v in views)),
        ("supplier_training_overdue", sum(v.training_overdue for v in views)),
        ("supplier_open_findings", sum(1 for v in views for f in v.findings if f.status != "nc-closed")),
    )
    return SuppliersPage(SUPPLIERS, ctx.t("suppliers"), views, filters, totals)


def supplier_figures(ctx: Context) -> tuple[tuple[str, int, str], ...]:
    """Return the dashboard's supplier rows: suppliers, inspections overdue, insider suppliers' training overdue."""
    if not ctx.repo.suppliers:
        return ()
    today, cutoff = ctx.ev.assessment.today, ctx.ev.assessment.cutoff
    suppliers = list(ctx.repo.suppliers.values())
    return (
        ("suppliers_counted", len(suppliers), SUPPLIERS),
        (
            "supplier_inspections_overdue",
            sum(s.inspection_overdue(today, cutoff) for s in suppliers),
            f"{SUPPLIERS}?inspection=sup-overdue",
        ),
        (
            "supplier_training_overdue",
            sum(s.training_overdue(today, cutoff) for s in suppliers),
            f"{SUPPLIERS}?training=sup-overdue",
        ),
    )
