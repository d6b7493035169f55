"""Suppliers in OSCAL assessment results: one observation per supplier, related to 5.19–5.22.

Each supplier is observed as of the as-of day (method EXAMINE): its criticality, the classes of
information it handles, its last inspection and training and when the next fall due, overdue or
not. The findings of the requirements its contract clauses cite relate to the observation. Its
inspection and training records are named by evidence path, never linked or included.
"""

from __future__ import annotations

from isms.evaluation import Evaluation
from isms.export.oscal import JsonObject, compact, line, prop, stable_uuid, timestamp
from isms.model.base import Lang
from isms.model.repository import key_str
from isms.model.supplier import Supplier


def _props(supplier: Supplier, result: Evaluation) -> list[JsonObject]:
    ctx = result.assessment
    doc = supplier.doc
    props = [prop("supplier", supplier.id), prop("supplier-kind", doc.kind), prop("criticality", doc.criticality)]
    props += [prop("handles", handled) for handled in doc.handles]
    props += [prop("contract-clause", key_str(key)) for key in supplier.clauses]
    inspected, due = supplier.last_inspection(ctx.cutoff), supplier.inspection_due(ctx.cutoff)
    if inspected is not None:
        props.append(prop("last-inspection", inspected[1].date.isoformat()))
    if due is not None:
        props.append(prop("next-inspection", due.isoformat()))
    props.append(prop("inspection-overdue", str(supplier.inspection_overdue(ctx.today, ctx.cutoff)).lower()))
    if supplier.handles_insider:
        trained, training_due = supplier.last_training(ctx.cutoff), supplier.training_due(ctx.cutoff)
        if trained is not None:
            props.append(prop("last-training", trained[1].date.isoformat()))
        if training_due is not None:
            props.append(prop("next-training", training_due.isoformat()))
        props.append(prop("training-overdue", str(supplier.training_overdue(ctx.today, ctx.cutoff)).lower()))
    props += [
        prop("nonconformity", nid)
        for nid in supplier.doc.findings
        if (nc := result.repository.nonconformities.get(nid)) is not None and ctx.counts(nc.doc.raised)
    ]
    return props


def supplier_observations(result: Evaluation, lang: Lang) -> tuple[list[JsonObject], dict[str, list[str]]]:
    """Return the supplier observations and, per requirement (``framework:id``), their uuids."""
    ctx = result.assessment
    observations: list[JsonObject] = []
    by_requirement: dict[str, list[str]] = {}
    for sid, supplier in sorted(result.repository.suppliers.items()):
        uuid = stable_uuid("supplier", sid)
        records = [i.evidence for i in supplier.doc.inspections if i.date <= ctx.cutoff]
        records += [t.evidence for t in supplier.doc.training if t.date <= ctx.cutoff]
        observations.append(
            compact(
                {
                    "uuid": uuid,
                    "title": line(f"Supplier {sid}: {supplier.doc.name.get(lang)}"),
                    "description": ", ".join(s.get(lang) for s in supplier.doc.services)
                    or f"Supplier `{sid}` ({supplier.doc.kind}).",
                    "props": _props(supplier, result),
                    "methods": ["EXAMINE"],
                    "types": ["control-objective"],
                    "relevant-evidence": [
                        {"description": line(f"Evidence `{path}` (see its own observation; not linked here).")}
                        for path in dict.fromkeys(records)
                    ],
                    "collected": timestamp(ctx.today),
                }
            )
        )
        for key in supplier.clauses:
            by_requirement.setdefault(key_str(key), []).append(uuid)
    return observations, by_requirement
