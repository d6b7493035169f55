"""Page models: plain, immutable data the templates render. No HTML or Markdown is made here.

Every string is raw text from the model (escaped later by the renderer); every link ``target`` is
a path inside the site's docs folder (``controls/iso27001-2022/5.15.md#history``), made relative to
the page when rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from isms.export.soa import SoaRow
from isms.metrics.types import FrameworkCoverage
from isms.model.base import Lang
from isms.site.pages.basics import Attribute, Ref
from isms.site.pages.cycle_types import (
    AuditPage,
    AuditProgrammePage,
    NonconformityRegisterPage,
    ObjectivesPage,
    ReviewsPage,
)
from isms.site.pages.risk_types import RiskPage, RiskRegisterPage
from isms.site.pages.supplier_types import SuppliersPage


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every page says about the build: organisation, as-of date, commit, check totals."""

    lang: Lang
    organisation: str
    scope: str | None
    as_of: str
    commit: str | None
    dirty: bool
    history_available: bool
    history_partial: bool
    errors: int
    warnings: int
    notes: int

    @property
    def commit_short(self) -> str | None:
        """Return the abbreviated commit id."""
        return self.commit[:10] if self.commit else None


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One evidence item as the site shows it (content of withheld items never appears)."""

    path: str
    anchor: str
    title: str
    description: str | None
    date: str
    expires: str | None
    state: str
    classification: str
    sha256: str | None
    withheld: bool
    file_target: str | None
    collected_by: str | None
    used_by: tuple[Ref, ...]
    signature: str = "unsigned"
    """good, invalid or unsigned: the collector's signature, or for a store item its attestation's."""
    store: str | None = None
    """The store a store item lives in (nothing of its content is on the site)."""
    verified: str | None = None
    """For a store item: "verified DATE by CUSTODIAN, signature good", or why it is not."""
    attestation_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class PeriodPoint:
    """A measure's value in one period.

    ``period`` is the label in the data (``FY2026-H1``, ``2026-06``); ``label`` is for people in
    the page's language (2026年度上期 / FY2026 H1; calendar periods as they are).
    """

    period: str
    value: float
    display: str
    rows: int
    label: str


@dataclass(frozen=True, slots=True)
class MeasureView:
    """An effectiveness measure with its trend and target."""

    id: str
    title: str
    target: str
    target_value: float
    percent: bool
    period: str
    state: str
    latest: str | None
    points: tuple[PeriodPoint, ...]
    problem: str | None


@dataclass(frozen=True, slots=True)
class CommitRow:
    """A commit that changed the control or its evidence."""

    date: str
    sha: str
    author: str
    subject: str
    files: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding of `isms check`."""

    severity: str
    rule: str
    message: str
    location: str
    control: Ref | None


@dataclass(frozen=True, slots=True)
class FrameworkRow:
    """A framework's link and its figures, exactly as `isms metrics` computes them (no copy of the numbers)."""

    ref: Ref
    numbers: FrameworkCoverage


@dataclass(frozen=True, slots=True)
class DashboardPage:
    """The home page: coverage, effectiveness, evidence health, top findings."""

    path: str
    title: str
    frameworks: tuple[FrameworkRow, ...]
    evidence: tuple[tuple[str, int], ...]
    evidence_total: int
    measures: tuple[tuple[str, int], ...]
    measures_total: int
    top_findings: tuple[FindingRow, ...]
    risk_bands: tuple[tuple[str, str, int], ...] = ()
    """(band id, title, risks whose current level is in it)."""
    risk_figures: tuple[tuple[str, int], ...] = ()
    """(treated / accepted / open / acceptance-expired / overdue, number of risks)."""
    calendar: str | None = None
    """The site path of the due-date feed (`downloads/isms.ics`)."""
    cycle_figures: tuple[tuple[str, int, str], ...] = ()
    """(label key, number, link): open nonconformities, overdue corrective actions, objectives not met."""
    supplier_figures: tuple[tuple[str, int, str], ...] = ()
    """(label key, number, link): suppliers, inspections overdue, insider suppliers' training overdue."""
    template: ClassVar[str] = "dashboard.md.j2"


@dataclass(frozen=True, slots=True)
class SoaEntry:
    """One row of the SoA, the workbook's own (`isms.export.soa.SoaRow`), with the site's links."""

    row: SoaRow
    ref: Ref
    """The requirement's control page (or its row on the framework page)."""
    evidence: tuple[Ref, ...]
    """The row's evidence, linked to the register (an undeclared path has no link)."""
    risks: tuple[Ref, ...] = ()
    """The risks that cite the control as a treating control."""
    suppliers: tuple[Ref, ...] = ()
    """The suppliers whose contracts cover the requirement (Annex A 5.19–5.22)."""


@dataclass(frozen=True, slots=True)
class SoaPage:
    """The Statement of Applicability: one printable, sortable table."""

    path: str
    title: str
    framework: Ref
    rows: tuple[SoaEntry, ...]
    downloads: tuple[tuple[str, str], ...]
    """(label, path in the site) of the SoA as a workbook and as CSV."""
    version: str = ""
    """The version and its approval, as in the workbook's header block."""
    print_header: str = ""
    """The organisation and the document's version, printed at the top of every page."""
    history: tuple[tuple[str, str, str, str], ...] = ()
    """Changes: (date, commit, author, subject), newest first; on the SoA the latest, on its history page
    (:data:`isms.site.pages.common.SOA_HISTORY`) the table."""
    history_total: int = 0
    """On the history page: how many changes there are (the CSV has them all, the page the latest)."""
    history_page: Ref | None = None
    """On the SoA: its revision history's page."""
    additional: tuple[tuple[Ref, tuple[SoaEntry, ...]], ...] = ()
    """The organisation's own controls (`soa.additional`): their framework and rows, a section each
    (on the page of its own, :data:`isms.site.pages.common.SOA_ADDITIONAL`)."""
    companion: Ref | None = None
    """The other page of the SoA: the own controls' page from the SoA, the SoA from that page."""
    template: ClassVar[str] = "soa.md.j2"


@dataclass(frozen=True, slots=True)
class RequirementRow:
    """A requirement with its standing and what stands behind it."""

    ref: Ref
    anchor: str
    description: str | None
    paraphrase: bool
    new: bool
    attributes: tuple[Attribute, ...]
    status: str
    evidenced: bool | None
    control: Ref | None
    via: tuple[Ref, ...]
    evidence: tuple[Ref, ...]
    maps_to: tuple[Ref, ...]
    mapped_from: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class GroupSection:
    """A theme, section or chapter of a framework."""

    id: str
    title: str
    description: str | None
    rows: tuple[RequirementRow, ...]


@dataclass(frozen=True, slots=True)
class FrameworkPage:
    """A framework: its requirements by group, with filters on their attributes."""

    path: str
    title: str
    id: str
    version: str
    publisher: str | None
    url: str | None
    description: str | None
    notes: tuple[str, ...]
    in_scope: bool
    reference: bool
    coverage: FrameworkRow | None
    attributes: tuple[Attribute, ...]
    groups: tuple[GroupSection, ...]
    #: a split framework's overview links its groups' pages (title with the number of requirements)
    themes: tuple[Ref, ...] = ()
    #: a group's page links back to the framework's page
    parent: Ref | None = None
    template: ClassVar[str] = "framework.md.j2"


@dataclass(frozen=True, slots=True)
class ControlPage:
    """A control: how it is done, who owns it, the proof, the measures, the history."""

    path: str
    title: str
    ref: Ref
    framework: Ref
    source: str
    requirement: str | None
    status: str
    owner: str | None
    reasons: tuple[str, ...]
    justification: str | None
    implementation: str | None
    notes: str | None
    due: str | None
    review_last: str | None
    review_interval: str
    review_next: str | None
    review_by: str | None
    evidence: tuple[EvidenceRow, ...]
    measures: tuple[MeasureView, ...]
    maps_to: tuple[Ref, ...]
    mapped_from: tuple[Ref, ...]
    findings: tuple[FindingRow, ...]
    history: tuple[CommitRow, ...]
    history_state: str
    dirty: bool
    risks: tuple[Ref, ...] = ()
    """The risks that cite this control as treating it."""
    history_older: int = 0
    """How many older commits the page leaves to git (it lists the latest; the page's size stays bounded)."""
    history_paths: tuple[str, ...] = ()
    """The files whose commits the history lists (the control's and its evidence's), for `git log`."""
    suppliers: tuple[Ref, ...] = ()
    """The suppliers whose contracts cover the requirement (Annex A 5.19–5.22)."""
    template: ClassVar[str] = ""
    """No template: a control page is written in Python (`isms.site.control_markdown`)."""


@dataclass(frozen=True, slots=True)
class ControlListRow:
    """A control on a list page: its id, title, status, owner and how many evidence items it has."""

    id: str
    title: str
    target: str
    status: str
    owner: str | None
    evidence: int


@dataclass(frozen=True, slots=True)
class ControlListPage:
    """Some controls of a framework too big to list its controls in the nav (`isms.site.pages.control_lists`)."""

    path: str
    title: str
    framework: str
    framework_target: str
    rows: tuple[ControlListRow, ...]
    template: ClassVar[str] = "control-list.md.j2"


@dataclass(frozen=True, slots=True)
class EvidencePart:
    """One page of a split evidence register, as the register's first page lists it."""

    path: str
    label: str
    """The first and the last path on the page (its nav title)."""
    first: str
    last: str
    counts: tuple[tuple[str, int], ...]
    """Items by state, in the dashboard's order."""


@dataclass(frozen=True, slots=True)
class EvidencePage:
    """The evidence register, filterable by state and class; or, when it is split, its list of parts or one part.

    A part's rows are compact: an item used by a control has its details (description, collector,
    signature, store) on that control's page, linked from the row; the part is left out of search.
    """

    path: str
    title: str
    rows: tuple[EvidenceRow, ...]
    filters: tuple[Attribute, ...]
    parts: tuple[EvidencePart, ...] = ()
    register: str | None = None
    """On a part: the register's first page (the list of parts)."""
    template: ClassVar[str] = "evidence.md.j2"


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """Findings of one severity about one control (or one file)."""

    label: str
    control: Ref | None
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True, slots=True)
class FindingsPage:
    """Everything `isms check` reports, by severity and control."""

    path: str
    title: str
    severities: tuple[tuple[str, tuple[FindingGroup, ...]], ...]
    audit_findings: tuple[tuple[Ref, tuple[tuple[str, int], ...]], ...] = ()
    """Performed audits with findings, and their number per grade (kept apart from the tool's findings)."""
    template: ClassVar[str] = "findings.md.j2"


@dataclass(frozen=True, slots=True)
class StatementRow:
    """A policy statement and what carries it out."""

    id: str
    anchor: str
    text: str
    note: str | None
    control: Ref | None
    implemented_by: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class PolicyPage:
    """A policy and its statements."""

    path: str
    title: str
    id: str
    source: str
    version: str | None
    owner: str | None
    approved_by: str | None
    approved_on: str | None
    review_last: str | None
    summary: str | None
    framework: Ref | None
    sections: tuple[tuple[str | None, tuple[StatementRow, ...]], ...]
    notes: tuple[str, ...]
    template: ClassVar[str] = "policy.md.j2"


PageModel = (
    DashboardPage
    | SoaPage
    | FrameworkPage
    | ControlPage
    | ControlListPage
    | EvidencePage
    | FindingsPage
    | PolicyPage
    | RiskRegisterPage
    | RiskPage
    | AuditProgrammePage
    | AuditPage
    | NonconformityRegisterPage
    | ReviewsPage
    | ObjectivesPage
    | SuppliersPage
)


@dataclass(frozen=True, slots=True)
class NavEntry:
    """A nav entry: a page (``path``) or a section (``children``)."""

    title: str
    path: str | None = None
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True)
class Site:
    """Every generated page, the nav over them, and the evidence files to publish."""

    info: SiteInfo
    pages: tuple[PageModel, ...]
    nav: tuple[NavEntry, ...]
    files: tuple[tuple[str, str], ...] = field(default=())
