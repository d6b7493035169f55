"""The management-system cycle (ISO/IEC 27001 9.2, 10.2): internal audits, nonconformities, corrective actions.

Types only: reading them is the loader's job (`isms.loader.cycle`). A nonconformity's status is
computed from its dates as of the as-of day (`--today`), never typed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from isms import vocabulary
from isms.model.base import Identifier, IsmsModel, IsoDate, RequirementRef, Text, empty_list

#: How serious an audit finding is (major / minor nonconformity, observation, opportunity for improvement).
Grade = Literal["major", "minor", "observation", "improvement"]
GRADE_TITLES: dict[str, Text] = {key: Text(ja=ja, en=en) for key, (ja, en) in vocabulary.GRADE.items()}
AuditKind = Literal["internal", "certification", "surveillance", "recertification"]
SourceKind = Literal["audit", "incident", "review", "monitoring", "exercise", "complaint", "other"]


class AuditFinding(IsmsModel):
    """One result of an audit, graded."""

    id: Identifier = Field(description="Unique within the audit, e.g. `F1`.")
    grade: Grade = Field(description="major, minor (nonconformities), observation or improvement.")
    requirements: list[RequirementRef] = Field(
        default_factory=empty_list, description="The requirements and controls concerned."
    )
    description: Text
    evidence: list[str] = Field(default_factory=empty_list, description="Evidence examined (paths under `evidence/`).")
    nonconformity: Identifier | None = Field(
        default=None, description="The record under nonconformities/ that tracks it."
    )


class Period(IsmsModel):
    """The days an audit was carried out."""

    start: IsoDate
    end: IsoDate | None = Field(default=None, description="The last day; the start day when absent.")


class AuditDoc(IsmsModel):
    """A planned or performed audit: `audits/<id>.yaml`."""

    title: Text
    kind: AuditKind = Field(default="internal", description="internal, certification, surveillance, recertification.")
    scope: list[RequirementRef] = Field(
        default_factory=empty_list,
        description="What is audited: requirements (`iso27001-2022:5.15`) or whole clauses and themes "
        "(`iso27001-2022-clauses:9`, `iso27001-2022:5`).",
    )
    exclude: list[RequirementRef] = Field(
        default_factory=empty_list,
        description="Requirements of the scope this audit leaves out (e.g. the auditors' own work, audited by others).",
    )
    auditors: list[Identifier] = Field(default_factory=empty_list, description="Owner ids of the auditors.")
    body: Text | None = Field(default=None, description="The certification body, for external audits.")
    planned: IsoDate = Field(description="The planned (first) day.")
    performed: Period | None = Field(default=None, description="When it was carried out.")
    report: str | None = Field(default=None, description="The report, an evidence path under `evidence/`.")
    findings: list[AuditFinding] = Field(default_factory=empty_list)


class Source(IsmsModel):
    """Where a nonconformity came from."""

    kind: SourceKind = Field(description="audit, incident, review, monitoring, exercise, complaint or other.")
    ref: str | None = Field(
        default=None, description="The audit id (with `finding`), an incident id, a review date, an exercise…"
    )
    finding: Identifier | None = Field(default=None, description="With `kind: audit`: the finding's id.")


class CorrectiveAction(IsmsModel):
    """An action that removes the cause of a nonconformity (10.2 c)."""

    title: Text
    owner: Identifier
    due: IsoDate
    done: IsoDate | None = Field(default=None, description="The day it was completed.")


class EffectivenessReview(IsmsModel):
    """The review of whether the corrective actions worked (10.2 d)."""

    by: Identifier
    date: IsoDate
    result: Literal["effective", "not-effective"]
    note: Text | None = None


class NonconformityDoc(IsmsModel):
    """A nonconformity and its corrective actions: `nonconformities/<id>.yaml`."""

    title: Text
    description: Text | None = None
    raised: IsoDate = Field(description="The day it was identified.")
    source: Source
    grade: Grade | None = Field(default=None, description="As graded by the audit, when it came from one.")
    requirements: list[RequirementRef] = Field(default_factory=empty_list, description="Requirements affected.")
    owner: Identifier = Field(description="Who answers for handling it: an id from `owners`.")
    correction: Text | None = Field(default=None, description="What was done at once to contain it (10.2 a).")
    root_cause: Text | None = Field(default=None, description="Why it happened (10.2 b).")
    actions: list[CorrectiveAction] = Field(default_factory=empty_list)
    effectiveness: EffectivenessReview | None = None
    closed: IsoDate | None = Field(default=None, description="The day it was closed.")
    risks: list[Identifier] = Field(
        default_factory=empty_list,
        description="Risks it bears on (ids under `risks/`): linked in the OSCAL findings (`related-risks`).",
    )
