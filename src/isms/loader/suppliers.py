"""Read `suppliers/`: the supplier register; problems as findings at file:line."""

from __future__ import annotations

from collections.abc import Collection

from isms.findings import Finding
from isms.loader.records import Context, check_evidence, check_owner, resolve_refs, stem_id
from isms.loader.sources import Reader, error
from isms.model.repository import key_str
from isms.model.supplier import SUPPLIER_REQUIREMENTS, Supplier, SupplierDoc


def _clauses(doc: SupplierDoc, ctx: Context, path: str, out: list[Finding]) -> tuple[tuple[str, str], ...]:
    """Resolve the contract clauses; a requirement outside Annex A 5.19–5.22 is an error too."""
    resolve_refs(doc.contract_clauses, ctx, path, ("contract_clauses",), out)  # reports the unknown ones
    keys = []
    for position, ref in enumerate(doc.contract_clauses):
        key, _problem = ctx.index.resolve(ref)
        if key is None:
            continue
        if key not in SUPPLIER_REQUIREMENTS:
            message = (
                f"`{ref}` ({key_str(key)}) is not a supplier requirement; a contract clause cites one of "
                "Annex A 5.19, 5.20, 5.21 or 5.22"
            )
            ja = (
                f"{ref}（{key_str(key)}）は供給者の要求事項ではありません"
                "（附属書A 5.19、5.20、5.21、5.22 のいずれかを引用してください）"
            )
            out.append(error("invalid-value", message, path, ("contract_clauses", position), ja=ja))
        else:
            keys.append(key)
    return tuple(dict.fromkeys(keys))


def _supplier(
    reader: Reader, path: str, ctx: Context, nonconformities: Collection[str], seen: dict[str, str]
) -> Supplier | None:
    out = reader.findings
    document = reader.read(path, SupplierDoc)
    if document is None:
        return None
    sid = stem_id(path, "supplier", seen, out)
    if sid is None:
        return None
    doc = document.doc
    if doc.owner is not None:
        check_owner(doc.owner, ctx, path, ("owner",), out)
    clauses = _clauses(doc, ctx, path, out)
    for position, inspection in enumerate(doc.inspections):
        check_evidence([inspection.evidence], ctx, path, ("inspections", position, "evidence"), out)
    for position, training in enumerate(doc.training):
        check_evidence([training.evidence], ctx, path, ("training", position, "evidence"), out)
    for position, ref in enumerate(doc.findings):
        if ref not in nonconformities:
            message = f"nonconformity `{ref}` has no file under nonconformities/; name a nonconformity id"
            ja = f"不適合 {ref} のファイルが nonconformities/ にありません（不適合の ID を書いてください）"
            out.append(error("unknown-reference", message, path, ("findings", position), ja=ja))
    return Supplier(sid, path, doc, clauses)


def load_suppliers(
    reader: Reader, paths: list[str], ctx: Context, nonconformities: Collection[str]
) -> dict[str, Supplier]:
    """Read every supplier file; ``nonconformities`` are the ids a supplier's `findings` may name.

    ``nonconformities`` includes files that exist but did not load (their errors are reported already).
    """
    suppliers: dict[str, Supplier] = {}
    seen: dict[str, str] = {}
    for path in paths:
        supplier = _supplier(reader, path, ctx, nonconformities, seen)
        if supplier is not None:
            suppliers[supplier.id] = supplier
            seen[supplier.id] = path
    return suppliers
