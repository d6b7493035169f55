"""Supplier rules on in-memory suppliers: inspections due, training of insider suppliers, contract clauses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from isms.checks.suppliers import supplier_findings
from isms.history.types import History
from isms.model.supplier import Supplier, SupplierDoc
from isms.state.assessment import Assessment

INSPECTION = {"date": "2026-03-10", "method": "on-site", "evidence": "suppliers/audits.csv"}
TRAINING = {"date": "2026-03-10", "course": {"ja": "研修", "en": "Training"}, "evidence": "suppliers/training.csv"}


def supplier(**fields: Any) -> Supplier:
    """Return a supplier `S1` built from the given document fields (defaults: medium, nothing handled)."""
    doc = SupplierDoc.model_validate({"name": {"ja": "委託先", "en": "Supplier"}, "criticality": "medium", **fields})
    return Supplier("S1", "suppliers/S1.yaml", doc)


def on(day: str) -> Assessment:
    return Assessment(dt.date.fromisoformat(day), History(available=False), {}, [])


def rules(item: Supplier, day: str) -> list[tuple[str, str, tuple[str | int, ...] | None]]:
    return [(f.rule, f.severity.value, f.pointer) for f in supplier_findings([item], on(day))]


def test_an_inspection_within_its_interval_is_in_order() -> None:
    assert rules(supplier(inspections=[INSPECTION]), "2027-03-10") == []


def test_the_day_after_the_interval_the_inspection_is_overdue() -> None:
    assert rules(supplier(inspections=[INSPECTION]), "2027-03-11") == [
        ("supplier-inspection-overdue", "warning", ("inspections", 0, "date"))
    ]
    (finding,) = supplier_findings([supplier(inspections=[INSPECTION], inspection_interval="6m")], on("2026-09-11"))
    assert finding.message == (
        "S1: the last inspection was on 2026-03-10 and the next was due on 2026-09-10 (every 6m); inspect it and "
        "record the inspection under `inspections:`"
    )
    assert finding.message_ja == (
        "S1: 前回の実地調査は 2026-03-10 で、次は 2026-09-10 が期限でした（間隔 6m）。"
        "実地調査して inspections: に記録してください"
    )


def test_an_inspection_after_the_as_of_day_does_not_count() -> None:
    later = {**INSPECTION, "date": "2027-04-01"}
    item = supplier(inspections=[INSPECTION, later])
    assert rules(item, "2027-03-31") == [("supplier-inspection-overdue", "warning", ("inspections", 0, "date"))]
    assert rules(item, "2027-04-01") == []
    assert rules(supplier(inspections=[later]), "2026-12-01") == [
        ("supplier-inspection-overdue", "warning", ("inspections",))
    ]


def test_a_supplier_never_inspected_is_overdue() -> None:
    (finding,) = supplier_findings([supplier()], on("2026-05-01"))
    assert (finding.rule, finding.pointer) == ("supplier-inspection-overdue", ("name",))
    assert finding.message.startswith("S1: no inspection recorded by 2026-05-01;")


def test_insider_information_needs_training() -> None:
    item = supplier(handles=["insider"], inspections=[INSPECTION])
    assert rules(item, "2026-05-01") == [("supplier-training-missing", "error", ("handles",))]
    assert rules(supplier(handles=["confidential"], inspections=[INSPECTION]), "2026-05-01") == []


def test_training_after_the_as_of_day_does_not_count() -> None:
    item = supplier(handles=["insider"], inspections=[INSPECTION], training=[{**TRAINING, "date": "2026-06-01"}])
    assert rules(item, "2026-05-31") == [("supplier-training-missing", "error", ("handles",))]
    assert rules(item, "2026-06-01") == []


def test_stale_training_of_an_insider_supplier() -> None:
    item = supplier(handles=["insider"], inspections=[INSPECTION, {**INSPECTION, "date": "2027-03-01"}])
    item = supplier(**{**item.doc.model_dump(), "training": [TRAINING], "training_interval": "6m"})
    assert rules(item, "2026-09-10") == []
    (finding,) = supplier_findings([item], on("2026-09-11"))
    assert (finding.rule, finding.severity.value, finding.pointer) == (
        "supplier-training-stale",
        "warning",
        ("training", 0, "date"),
    )
    assert "last trained on 2026-03-10; the next training was due on 2026-09-10 (every 6m)" in finding.message


def test_a_critical_supplier_needs_contract_clauses() -> None:
    critical = supplier(criticality="critical", inspections=[INSPECTION])
    assert rules(critical, "2026-05-01") == [("supplier-critical-no-contract-clauses", "error", ("criticality",))]
    covered = supplier(criticality="critical", inspections=[INSPECTION], contract_clauses=["iso27001-2022:5.20"])
    assert rules(covered, "2026-05-01") == []
    assert rules(supplier(criticality="high", inspections=[INSPECTION]), "2026-05-01") == []
