"""Controls: how the organisation meets one requirement, and how it knows it works."""

# Annotations as objects, not strings (no `from __future__ import annotations`): see isms.model.base.

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from isms.model.base import (
    Duration,
    Identifier,
    IsmsModel,
    IsoDate,
    RequirementRef,
    Text,
    empty_dict,
    empty_list,
    of_defaults,
)

Status = Literal["planned", "partial", "implemented", "not-applicable"]
Reason = Literal["risk", "legal", "contract", "business"]

EvidenceRef = Annotated[
    str,
    StringConstraints(pattern=r"^[^/\\].*$", min_length=1),
    Field(description="An evidence file, relative to `evidence/`, as declared in an `evidence.yaml`."),
]

Scalar = str | int | float | bool
Where = dict[str, Scalar | list[Scalar]]
TARGET_PATTERN = r"^(>=|<=|==|=|>|<)\s*-?\d+(\.\d+)?\s*%?$"


class Review(IsmsModel):
    """When the control was last reviewed and how often it must be."""

    last: IsoDate | None = Field(default=None, description="Date of the last review.")
    interval: Duration | None = Field(default=None, description="Defaults to `review_interval` in isms.yaml.")
    by: str | None = None


class NotIn(IsmsModel):
    """Rows whose `column` value is (`in`) or is not (`not_in`) listed in another evidence file's `key` column."""

    evidence: EvidenceRef
    column: str
    key: str | None = Field(default=None, description="Column in the other file; defaults to `column`.")
    where: Where = Field(default_factory=empty_dict, description="Which rows of the other file count.")


class Population(IsmsModel):
    """Who a rate is over: the members of an evidence file (e.g. the HR roster), absent ones not done."""

    evidence: EvidenceRef = Field(description="The evidence file listing the members, e.g. `hr/roster.csv`.")
    key: str = Field(description="The member's id column in that file.")
    column: str | None = Field(default=None, description="The member's id column in the data; defaults to `key`.")
    where: Where = Field(default_factory=empty_dict, description="Which members count, e.g. `{role: [sales]}`.")


class RowFilter(IsmsModel):
    """Which rows of the data count, and what is counted of them."""

    where: Where = Field(
        default_factory=empty_dict,
        description='Column equals value (or one of a list), or compares with a number: `score: ">= 80"`.',
    )
    of: Where | None = Field(default=None, description="For `ratio`: the rows of the denominator.")
    not_in: NotIn | None = Field(default=None, description="Only rows whose value is not in another file.")
    in_: NotIn | None = Field(
        default=None, alias="in", description="Only rows whose value is in another file (a join; `== 0` for none)."
    )
    distinct: str | None = Field(default=None, description="Count distinct values of this column, not rows.")
    group_by: str | None = Field(default=None, description="Count groups (e.g. persons) with `at_least` rows.")
    at_least: int | None = Field(default=None, ge=1, description="With `group_by`: rows a group needs (default 1).")
    population: Population | None = Field(
        default=None, description="For `ratio`: the members the rate is over; members without rows are not done."
    )

    def others(self) -> list[str]:
        """Return the other evidence files (paths or globs) the filter reads: `not_in`, `in`, `population`."""
        joins = (self.not_in, self.in_, self.population)
        return [join.evidence for join in joins if join is not None]

    @model_validator(mode="after")
    def _consistent(self) -> "RowFilter":
        if self.at_least is not None and self.group_by is None and self.population is None:
            msg = "`at_least` needs `group_by` (or `population`)"
            raise ValueError(msg)
        if self.distinct is not None and (self.group_by is not None or self.population is not None):
            msg = "`distinct` cannot be combined with `group_by` or `population`"
            raise ValueError(msg)
        return self


class Compute(IsmsModel):
    """How a measure's value is computed from the rows of its data files. Exactly one key."""

    count: RowFilter | None = Field(default=None, description="Number of matching rows.")
    ratio: RowFilter | None = Field(
        default=None, description="Matching rows / rows of `of` (0–1), or members done / members of `population`."
    )
    sum: str | None = Field(default=None, description="Sum of a numeric column.")
    mean: str | None = Field(default=None, description="Mean of a numeric column.")

    @model_validator(mode="after")
    def _exactly_one(self) -> "Compute":
        chosen = [name for name in ("count", "ratio", "sum", "mean") if getattr(self, name) is not None]
        if len(chosen) != 1:
            msg = "`compute` takes exactly one of `count`, `ratio`, `sum`, `mean`"
            raise ValueError(msg)
        if self.count is not None and self.count.population is not None:
            msg = "`population` is for `ratio` (members done / members)"
            raise ValueError(msg)
        return self

    def other_files(self) -> list[tuple[str, tuple[str, str, str]]]:
        """Return the other evidence files read (`not_in`, `in`, `population`), with where each is named."""
        found: list[tuple[str, tuple[str, str, str]]] = []
        for name in ("count", "ratio"):
            spec: RowFilter | None = getattr(self, name)
            if spec is None:
                continue
            for key, other in (("not_in", spec.not_in), ("in", spec.in_), ("population", spec.population)):
                if other is not None:
                    found.append((other.evidence, (name, key, "evidence")))
        return found


class Measure(IsmsModel):
    """An effectiveness measure (ISO/IEC 27001 clause 9.1): a KPI with a target, per period."""

    id: Identifier
    title: Text
    data: list[str] = Field(
        min_length=1,
        description="Evidence files (CSV or JSON) to compute from; `*` globs match declared evidence.",
    )
    compute: Compute
    target: Annotated[str, StringConstraints(pattern=TARGET_PATTERN)] = Field(
        description="`>= 95%`, `<= 0.05`, `== 0`…"
    )
    period: Literal["month", "quarter", "half", "year"] = "quarter"
    date_column: str | None = Field(
        default=None,
        description="Group rows into periods by this date column; otherwise each file counts for the "
        "period of its evidence date.",
    )


class ControlTestRun(IsmsModel):
    """One run of a control test."""

    date: IsoDate
    by: Identifier
    result: Literal["pass", "fail"]
    evidence: list[str] = Field(
        default_factory=empty_list, description="Evidence of the run (paths under `evidence/`)."
    )
    note: Text | None = None


class ControlTest(IsmsModel):
    """A test of a control (per control `tests:`): procedure, success criteria, frequency, results."""

    id: Identifier
    title: Text
    procedure: Text
    criteria: Text = Field(description="What a pass means (the success criteria).")
    frequency: Duration = Field(description="How often it must be run and pass.")
    results: list[ControlTestRun] = Field(default_factory=empty_list)


class ControlDoc(IsmsModel):
    """A control file: `controls/<framework>/<requirement id>.yaml`."""

    status: Status = Field(description="planned, partial, implemented or not-applicable.")
    owner: str | None = Field(default=None, description="Who answers for it: an id from `owners` in isms.yaml.")
    reasons: list[Reason] = Field(
        default_factory=empty_list,
        description="Why it is applicable (SoA): risk treatment, legal, contract, business.",
    )
    justification: Text | None = Field(
        default=None, description="Why it is included or excluded; required when not applicable."
    )
    implementation: Text | None = Field(default=None, description="How it is done here.")
    due: IsoDate | None = Field(default=None, description="Target date for planned or partial controls.")
    review: Review = Field(default_factory=of_defaults(Review))
    evidence: list[EvidenceRef] = Field(default_factory=empty_list)
    maps_to: list[RequirementRef] = Field(
        default_factory=empty_list, description="Other requirements this control carries out, e.g. Annex A controls."
    )
    measures: list[Measure] = Field(default_factory=empty_list)
    tests: list[ControlTest] = Field(
        default_factory=empty_list, description="Tests of the control: procedure, success criteria, frequency, results."
    )
    notes: Text | None = None


def is_applicable(status: Status) -> bool:
    """Return False only for not-applicable controls."""
    return status != "not-applicable"


__all__ = ["ControlDoc", "Identifier", "Measure", "Status"]
