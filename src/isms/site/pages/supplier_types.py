"""Page models of the supplier register."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from isms.site.pages.basics import Attribute, Ref


@dataclass(frozen=True, slots=True)
class DatedRecordView:
    """An inspection or a training as of the as-of day, with the evidence that records it."""

    date: str
    what: str
    """The method and result of an inspection, or the course of a training."""
    note: str | None
    evidence: Ref


@dataclass(frozen=True, slots=True)
class SupplierView:
    """One supplier: what it does, what it handles, its contract, inspections and training."""

    id: str
    anchor: str
    name: str
    kind: str
    services: tuple[str, ...]
    criticality: str
    handles: tuple[str, ...]
    owner: str | None
    clauses: tuple[Ref, ...]
    inspection_interval: str
    last_inspection: str | None
    next_inspection: str | None
    inspection_overdue: bool
    insider: bool
    training_interval: str
    last_training: str | None
    next_training: str | None
    training_overdue: bool
    """True for a supplier handling insider information whose training is missing or past due."""
    inspections: tuple[DatedRecordView, ...]
    training: tuple[DatedRecordView, ...]
    findings: tuple[Ref, ...]
    tags: str


@dataclass(frozen=True, slots=True)
class SuppliersPage:
    """The supplier register: a filterable table, then each supplier's records."""

    path: str
    title: str
    suppliers: tuple[SupplierView, ...]
    filters: tuple[Attribute, ...]
    totals: tuple[tuple[str, int], ...]
    template: ClassVar[str] = "suppliers.md.j2"
