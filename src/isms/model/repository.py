"""The Repository aggregate: everything loaded, indexed once, read-only afterwards."""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from isms.model.base import Lang, Text, add_duration
from isms.model.catalog import AttributeDef, FrameworkInfo, Group, Requirement
from isms.model.config import ConfigDoc
from isms.model.control import ControlDoc, is_applicable
from isms.model.evidence import Classification
from isms.model.outline import Outline, RegisterOutline

if TYPE_CHECKING:  # the policies' and the record kinds' models are imported only by what reads or uses them
    from isms.model.cycle_records import Audit, ManagementReview, Nonconformity, Objective
    from isms.model.policy import PolicyDoc
    from isms.model.risk_records import Asset, Risk, RiskException
    from isms.model.supplier import Supplier

#: A requirement's key: (framework id, requirement id).
ReqKey = tuple[str, str]


def key_str(key: ReqKey) -> str:
    """Return ``framework:id``."""
    return f"{key[0]}:{key[1]}"


@dataclass(frozen=True, slots=True)
class Framework:
    """A loaded catalog."""

    info: FrameworkInfo
    groups: dict[str, Group]
    requirements: dict[str, Requirement]
    attributes: tuple[AttributeDef, ...]
    source: str
    origin: Literal["package", "repository", "policy"]

    @property
    def id(self) -> str:
        """Return the framework id."""
        return self.info.id

    def requirement_id(self, written: str) -> str | None:
        """Return the catalog's id for an id as someone wrote it (`A.5.15` -> `5.15`), or None."""
        if written in self.requirements:
            return written
        prefix = self.info.id_prefix
        if prefix and written[: len(prefix)].upper() == prefix.upper() and written[len(prefix) :] in self.requirements:
            return written[len(prefix) :]
        return None

    @property
    def in_scope_by_kind(self) -> bool:
        """Return False for reference-only catalogs."""
        return self.info.kind == "requirements"


@dataclass(frozen=True, slots=True)
class Control:
    """A control file, tied to the requirement it implements."""

    framework: str
    id: str
    path: str
    doc: ControlDoc

    @property
    def key(self) -> ReqKey:
        """Return the requirement key."""
        return (self.framework, self.id)

    @property
    def applicable(self) -> bool:
        """Return False when marked not-applicable."""
        return is_applicable(self.doc.status)


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A declared evidence file with its effective metadata (register defaults applied)."""

    path: str
    file: str
    register: str
    index: int
    title: Text
    date: dt.date
    collected_by: str | None
    valid_for: str | None
    valid_until: dt.date | None
    classification: Classification
    sha256: str | None
    description: Text | None
    store: str | None = None
    """The store the file lives in (then `file` names it as ``store:ref`` and nothing is in git)."""
    ref: str | None = None
    """The file's path inside its store."""
    signature: str | None = None
    """The collector's SSH signature over path, sha256, date, class and collector (armoured)."""

    @property
    def in_store(self) -> bool:
        """Return True for an item that lives in a store, outside the repository."""
        return self.store is not None

    def expires(self, fallback_interval: str | None) -> dt.date | None:
        """Return the last day it is current: its own validity, else the control's review interval."""
        if self.valid_until is not None:
            return self.valid_until
        interval = self.valid_for or fallback_interval
        return add_duration(self.date, interval) if interval else None


@dataclass(frozen=True, slots=True)
class EvidenceSeries:
    """A recurring record declared under `expects:` of a register."""

    register: str
    index: int
    pattern: str
    period: Literal["month", "quarter", "half", "year"]
    since: dt.date | None
    title: Text | None

    def matches(self, path: str) -> bool:
        """Return True when an evidence path (relative to `evidence/`) belongs to the series."""
        return fnmatch.fnmatchcase(path, self.pattern)


@dataclass(frozen=True, slots=True)
class Policy:
    """A policy document."""

    id: str
    path: str
    doc: PolicyDoc


@dataclass(frozen=True, slots=True)
class Mapping:
    """One correspondence between requirements of two frameworks."""

    source: ReqKey
    target: ReqKey
    origin: str


@dataclass(frozen=True)
class Repository:
    """An ISMS repository, loaded."""

    root: Path
    config: ConfigDoc
    frameworks: dict[str, Framework]
    controls: dict[ReqKey, Control]
    policies: dict[str, Policy]
    evidence: dict[str, EvidenceItem]
    evidence_files: frozenset[str]
    mappings: tuple[Mapping, ...]
    texts: dict[str, str] = field(repr=False)
    assets: dict[str, Asset] = field(default_factory=dict)
    risks: dict[str, Risk] = field(default_factory=dict)
    exceptions: dict[str, RiskException] = field(default_factory=dict)
    series: tuple[EvidenceSeries, ...] = ()
    unloaded_controls: dict[ReqKey, str] = field(default_factory=dict)
    """Control files named for a known requirement that failed validation (key -> path)."""
    audits: dict[str, Audit] = field(default_factory=dict)
    nonconformities: dict[str, Nonconformity] = field(default_factory=dict)
    reviews: dict[str, ManagementReview] = field(default_factory=dict)
    objectives: dict[str, Objective] = field(default_factory=dict)
    suppliers: dict[str, Supplier] = field(default_factory=dict)
    outlines: dict[str, Outline] = field(default_factory=dict, repr=False)
    """Where each file's top-level sequences put their items, as the load's fast path saw (`isms.loader.positions`)."""
    registers: dict[str, RegisterOutline] = field(default_factory=dict, repr=False)
    """Evidence registers as loaded: where their entries start and what each recorded (`isms.loader.revisions`)."""

    @cached_property
    def _targets(self) -> dict[ReqKey, list[ReqKey]]:
        index: dict[ReqKey, list[ReqKey]] = defaultdict(list)
        for mapping in self.mappings:
            if mapping.target not in index[mapping.source]:
                index[mapping.source].append(mapping.target)
        return index

    @cached_property
    def _sources(self) -> dict[ReqKey, list[ReqKey]]:
        index: dict[ReqKey, list[ReqKey]] = defaultdict(list)
        for mapping in self.mappings:
            if mapping.source not in index[mapping.target]:
                index[mapping.target].append(mapping.source)
        return index

    @cached_property
    def evidence_users(self) -> dict[str, list[ReqKey]]:
        """Return, for each evidence path, the controls that reference it or read it for a measure."""
        users: dict[str, list[ReqKey]] = defaultdict(list)
        for control in self.controls.values():
            used = list(control.doc.evidence)
            for measure in control.doc.measures:
                used += [p for pattern in measure.data for p in self.evidence if fnmatch.fnmatchcase(p, pattern)]
                others = [other for other, _ in measure.compute.other_files()]
                used += [p for other in others for p in self.evidence if fnmatch.fnmatchcase(p, other)]
            for path in dict.fromkeys(used):
                users[path].append(control.key)
        return users

    @cached_property
    def suppliers_by_requirement(self) -> dict[ReqKey, list[Supplier]]:
        """Return, per supplier requirement (Annex A 5.19–5.22), the suppliers whose contracts cover it, by id."""
        index: dict[ReqKey, list[Supplier]] = defaultdict(list)
        for supplier in sorted(self.suppliers.values(), key=lambda s: s.id):
            for key in supplier.clauses:
                index[key].append(supplier)
        return dict(index)

    def maps_to(self, key: ReqKey) -> list[ReqKey]:
        """Return the requirements this one maps to (catalog, control and policy mappings)."""
        return list(self._targets.get(key, ()))

    def mapped_from(self, key: ReqKey) -> list[ReqKey]:
        """Return the requirements that map to this one."""
        return list(self._sources.get(key, ()))

    def requirement(self, key: ReqKey) -> Requirement | None:
        """Return a requirement by key."""
        framework = self.frameworks.get(key[0])
        return framework.requirements.get(key[1]) if framework else None

    def title(self, key: ReqKey, lang: Lang) -> str:
        """Return a requirement's title, or its id when unknown."""
        requirement = self.requirement(key)
        return requirement.title.get(lang) if requirement else key[1]

    def in_scope(self) -> list[Framework]:
        """Return the frameworks in scope, in the order isms.yaml lists them."""
        return [self.frameworks[fid] for fid in self.config.frameworks if fid in self.frameworks]

    def review_interval(self, control: Control) -> str:
        """Return the control's review interval, or the repository default."""
        return control.doc.review.interval or self.config.review_interval
