"""Page models of the management-system cycle: audits, nonconformities, management reviews, objectives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from isms.site.pages.basics import Attribute, Ref

if TYPE_CHECKING:
    from isms.site.pages.types import MeasureView


@dataclass(frozen=True, slots=True)
class AuditRow:
    """An audit as the programme lists it."""

    id: str
    title: str
    target: str
    kind: str
    state: str
    """planned, performed or overdue (as of the as-of day)."""
    planned: str
    performed: str | None
    auditors: str
    grades: tuple[tuple[str, int], ...]
    """(grade, number of findings) for the grades it has."""


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One area (a clause or Annex A theme) and the audits covering it in each year of the cycle."""

    area: str
    cells: tuple[tuple[Ref, ...], ...]


@dataclass(frozen=True, slots=True)
class AuditProgrammePage:
    """The internal audit programme: the cycle, a timeline by year and area, and every audit."""

    path: str
    title: str
    cycle: str | None
    years: tuple[int, ...]
    timeline: tuple[TimelineRow, ...]
    rows: tuple[AuditRow, ...]
    template: ClassVar[str] = "audits.md.j2"


@dataclass(frozen=True, slots=True)
class AuditFindingView:
    """A graded audit finding with what it concerns and the nonconformity that tracks it."""

    id: str
    grade: str
    grade_title: str
    description: str
    requirements: tuple[Ref, ...]
    evidence: tuple[Ref, ...]
    nonconformity: Ref | None


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One audit: scope, auditors, dates, report and findings."""

    path: str
    title: str
    row: AuditRow
    body: str | None
    scope: tuple[str, ...]
    exclude: tuple[Ref, ...]
    report: Ref | None
    findings: tuple[AuditFindingView, ...]
    template: ClassVar[str] = "audit.md.j2"


@dataclass(frozen=True, slots=True)
class ActionView:
    """A corrective action or a review's action, as of the as-of day."""

    title: str
    owner: str
    due: str
    done: str
    overdue: bool


@dataclass(frozen=True, slots=True)
class NonconformityView:
    """A nonconformity with its whole handling: correction, cause, actions, effectiveness."""

    id: str
    anchor: str
    title: str
    status: str
    overdue: bool
    source: str
    source_ref: Ref | None
    grade: str | None
    owner: str
    raised: str
    closed: str | None
    description: str | None
    correction: str | None
    root_cause: str | None
    requirements: tuple[Ref, ...]
    actions: tuple[ActionView, ...]
    effectiveness: tuple[str, str, str] | None
    """(by, date, result) when reviewed by the as-of day."""
    tags: str
    risks: tuple[Ref, ...] = ()
    """The risks it names (`risks:`), linked to their pages."""


@dataclass(frozen=True, slots=True)
class NonconformityRegisterPage:
    """The nonconformity register: open and closed, overdue actions, by source."""

    path: str
    title: str
    items: tuple[NonconformityView, ...]
    filters: tuple[Attribute, ...]
    totals: tuple[tuple[str, int], ...]
    """(label key, number): open, actions done, closed, with an overdue action."""
    by_source: tuple[tuple[str, int], ...]
    template: ClassVar[str] = "nonconformities.md.j2"


@dataclass(frozen=True, slots=True)
class ReviewInputView:
    """One input of 9.3.2: whether the review covered it, its summary and what was looked at."""

    key: str
    title: str
    present: bool
    summary: str | None
    refs: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class ReviewView:
    """A management review with its input checklist and decisions."""

    id: str
    anchor: str
    chair: str
    attendees: tuple[str, ...]
    minutes: Ref | None
    inputs: tuple[ReviewInputView, ...]
    decisions: tuple[tuple[str, str, tuple[ActionView, ...]], ...]
    """(kind, decision, actions)."""


@dataclass(frozen=True, slots=True)
class ReviewsPage:
    """Every management review held by the as-of day, newest first."""

    path: str
    title: str
    reviews: tuple[ReviewView, ...]
    next_due: str | None
    template: ClassVar[str] = "management-reviews.md.j2"


@dataclass(frozen=True, slots=True)
class ObjectiveMeasureView:
    """A measure of an objective, against the objective's target, with its trend."""

    ref: Ref
    target: str
    latest: str
    state: str
    measure: MeasureView | None


@dataclass(frozen=True, slots=True)
class ObjectiveView:
    """An objective (6.2) with its status computed from its measures."""

    id: str
    anchor: str
    title: str
    owner: str
    due: str
    status: str
    resources: str | None
    evaluation: str | None
    measures: tuple[ObjectiveMeasureView, ...]


@dataclass(frozen=True, slots=True)
class ObjectivesPage:
    """Every objective set by the as-of day."""

    path: str
    title: str
    objectives: tuple[ObjectiveView, ...]
    template: ClassVar[str] = "objectives.md.j2"
