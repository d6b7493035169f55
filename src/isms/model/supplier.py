"""The supplier register (ISO/IEC 27001 Annex A 5.19–5.22): `suppliers/<id>.yaml`.

A supplier's inspections and training are dated records with evidence; as of a day (`--today`)
only those dated on or before it count, so the last inspection, what falls due next and whether
it is overdue are computed, never typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from isms.model.base import Duration, Identifier, IsmsModel, IsoDate, RequirementRef, Text, add_duration, empty_list
from isms.model.evidence import Classification

#: A requirement's key: (framework id, requirement id).
Key = tuple[str, str]

Criticality = Literal["low", "medium", "high", "critical"]
CRITICALITY_TITLES: dict[str, Text] = {
    "low": Text(ja="低", en="Low"),
    "medium": Text(ja="中", en="Medium"),
    "high": Text(ja="高", en="High"),
    "critical": Text(ja="重要", en="Critical"),
}
SupplierKind = Literal["contractor", "outsourcee", "group-company", "cloud-service", "vendor"]
KIND_TITLES: dict[str, Text] = {
    "contractor": Text(ja="協力会社", en="Contractor"),
    "outsourcee": Text(ja="業務委託先", en="Outsourcee"),
    "group-company": Text(ja="グループ会社", en="Group company"),
    "cloud-service": Text(ja="クラウドサービス", en="Cloud service"),
    "vendor": Text(ja="購入先", en="Vendor"),
}
InspectionMethod = Literal["on-site", "remote", "questionnaire"]
InspectionResult = Literal["conforming", "minor-findings", "major-findings"]

#: The Annex A requirements on supplier relationships a contract clause may cite (2022 and 2013 editions).
SUPPLIER_REQUIREMENTS: frozenset[Key] = frozenset(
    [("iso27001-2022", rid) for rid in ("5.19", "5.20", "5.21", "5.22")]
    + [("iso27001-2013", rid) for rid in ("A.15.1.1", "A.15.1.2", "A.15.1.3", "A.15.2.1", "A.15.2.2")]
)


class Inspection(IsmsModel):
    """An inspection of the supplier: on site, remote, or by questionnaire."""

    date: IsoDate = Field(description="The day it was carried out.")
    method: InspectionMethod = Field(default="on-site", description="on-site, remote or questionnaire.")
    evidence: str = Field(description="The inspection record: an evidence path under `evidence/`.")
    result: InspectionResult | None = Field(default=None, description="conforming, minor-findings or major-findings.")
    note: Text | None = None


class Training(IsmsModel):
    """Training given to the supplier's people."""

    date: IsoDate = Field(description="The day it was given.")
    course: Text = Field(description="What was taught.")
    participants: int | None = Field(default=None, ge=0, description="How many of its people took part.")
    evidence: str = Field(description="The training record: an evidence path under `evidence/`.")


class SupplierDoc(IsmsModel):
    """A supplier, contractor or outsourcee: `suppliers/<id>.yaml` (the id is the file name)."""

    name: Text
    kind: SupplierKind = Field(
        default="contractor", description="contractor, outsourcee, group-company, cloud-service or vendor."
    )
    services: list[Text] = Field(default_factory=empty_list, description="What it does for the organisation.")
    criticality: Criticality = Field(description="low, medium, high or critical.")
    handles: list[Classification] = Field(
        default_factory=empty_list,
        description="The classes of information it handles (`insider`, `confidential`, …): "
        "a supplier handling `insider` information must be trained.",
    )
    owner: Identifier | None = Field(default=None, description="Who manages the relationship: an id from `owners`.")
    contract_clauses: list[RequirementRef] = Field(
        default_factory=empty_list,
        description="The supplier requirements its contract covers (`iso27001-2022:5.20` …, Annex A 5.19–5.22).",
    )
    inspection_interval: Duration = Field(default="1y", description="How often it is inspected (default yearly).")
    training_interval: Duration = Field(
        default="1y", description="How often its people are trained when it handles insider information."
    )
    inspections: list[Inspection] = Field(default_factory=empty_list)
    training: list[Training] = Field(default_factory=empty_list)
    findings: list[Identifier] = Field(
        default_factory=empty_list, description="Nonconformities raised about it: ids of files under nonconformities/."
    )


@dataclass(frozen=True, slots=True)
class Supplier:
    """A supplier file, with its contract clauses resolved."""

    id: str
    path: str
    doc: SupplierDoc
    clauses: tuple[Key, ...] = ()

    @property
    def handles_insider(self) -> bool:
        """Return True when it handles insider information (its people must be trained)."""
        return "insider" in self.doc.handles

    def last_inspection(self, cutoff: dt.date) -> tuple[int, Inspection] | None:
        """Return (position, inspection) of the newest inspection carried out by ``cutoff``."""
        done = [(i.date, n) for n, i in enumerate(self.doc.inspections) if i.date <= cutoff]
        if not done:
            return None
        position = max(done)[1]
        return position, self.doc.inspections[position]

    def last_training(self, cutoff: dt.date) -> tuple[int, Training] | None:
        """Return (position, training) of the newest training given by ``cutoff``."""
        done = [(t.date, n) for n, t in enumerate(self.doc.training) if t.date <= cutoff]
        if not done:
            return None
        position = max(done)[1]
        return position, self.doc.training[position]

    def inspection_due(self, cutoff: dt.date) -> dt.date | None:
        """Return the day the next inspection falls due (None when it was never inspected by ``cutoff``)."""
        last = self.last_inspection(cutoff)
        return add_duration(last[1].date, self.doc.inspection_interval) if last else None

    def training_due(self, cutoff: dt.date) -> dt.date | None:
        """Return the day its people's next training falls due (None without training by ``cutoff``)."""
        last = self.last_training(cutoff)
        return add_duration(last[1].date, self.doc.training_interval) if last else None

    def inspection_overdue(self, today: dt.date, cutoff: dt.date) -> bool:
        """Return True when it was never inspected by ``cutoff`` or its next inspection was due before ``today``."""
        due = self.inspection_due(cutoff)
        return due is None or due < today

    def training_overdue(self, today: dt.date, cutoff: dt.date) -> bool:
        """Return True for a supplier handling insider information whose training is missing or past due."""
        if not self.handles_insider:
            return False
        due = self.training_due(cutoff)
        return due is None or due < today
