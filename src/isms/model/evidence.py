"""Evidence: files that prove controls work, declared once in `evidence.yaml` registers."""

# Annotations as objects, not strings (no `from __future__ import annotations`): see isms.model.base.

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from isms.model.base import Duration, Identifier, IsmsModel, IsoDate, Text, empty_list, of_defaults

Classification = Literal["public", "internal", "confidential", "insider"]
CLASS_ORDER: tuple[Classification, ...] = ("public", "internal", "confidential", "insider")

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class EvidenceDefaults(IsmsModel):
    """Values for every item of one register unless an item says otherwise."""

    class_: Classification | None = Field(default=None, alias="class")
    collected_by: str | None = None
    valid_for: Duration | None = None


class EvidenceItemDoc(IsmsModel):
    """One evidence file and its metadata: a file in the repository (`path`), or one in a store (`store` + `ref`)."""

    path: str | None = Field(
        default=None,
        min_length=1,
        description="File path relative to this register's folder; never `..` or absolute.",
    )
    store: Identifier | None = Field(
        default=None, description="A store declared in isms.yaml `stores:`: the file lives there, not in git."
    )
    ref: str | None = Field(
        default=None, min_length=1, description="With `store`: the file's path inside the store (`/`, relative)."
    )
    title: Text
    date: IsoDate = Field(description="The evidence date: when what it shows was true.")
    collected_by: str | None = None
    valid_for: Duration | None = Field(default=None, description="How long after `date` it stays current.")
    valid_until: IsoDate | None = None
    class_: Classification | None = Field(
        default=None, alias="class", description="public, internal (default), confidential or insider."
    )
    sha256: Sha256 | None = Field(default=None, description="Hash of the file; `isms evidence add` writes it.")
    description: Text | None = None
    signature: str | None = Field(
        default=None,
        description="SSH signature by `collected_by` over path, sha256, date, class and collector; "
        "`isms evidence add|refresh --sign KEY` writes it.",
    )

    @model_validator(mode="after")
    def _one_validity(self) -> "EvidenceItemDoc":
        if self.valid_for is not None and self.valid_until is not None:
            msg = "give `valid_for` or `valid_until`, not both"
            raise ValueError(msg)
        if self.valid_until is not None and self.valid_until < self.date:
            msg = (
                f"`valid_until` ({self.valid_until}) is before `date` ({self.date}); it cannot expire before it exists"
            )
            raise ValueError(msg)
        return self

    @model_validator(mode="after")
    def _one_place(self) -> "EvidenceItemDoc":
        if self.path is not None and (self.store is not None or self.ref is not None):
            msg = "give `path` (a file in the repository) or `store` and `ref` (a file in a store), not both"
            raise ValueError(msg)
        if self.path is None and (self.store is None or self.ref is None):
            msg = "give `path` (a file in the repository), or `store` and `ref` (a file in a store)"
            raise ValueError(msg)
        return self


Every = Literal["1m", "3m", "6m", "1y", "month", "quarter", "half", "year"]

#: Each cadence as the period it fills: one record per month, quarter, half or (fiscal) year.
EVERY_PERIOD: dict[str, Literal["month", "quarter", "half", "year"]] = {
    "1m": "month",
    "month": "month",
    "3m": "quarter",
    "quarter": "quarter",
    "6m": "half",
    "half": "half",
    "1y": "year",
    "year": "year",
}


class EvidenceSeriesDoc(IsmsModel):
    """A recurring record: each period needs at least one evidence item matching `path`."""

    path: str = Field(
        min_length=1,
        description="Glob of the series' files, relative to this register's folder (e.g. `*-monitoring-review.md`).",
    )
    every: Every = Field(description="How often a record is due: `1m` (monthly), `3m`, `6m` or `1y`.")
    since: IsoDate | None = Field(
        default=None, description="First period that needs a record; defaults to the period of the first record."
    )
    title: Text | None = None


class EvidenceRegisterDoc(IsmsModel):
    """An `evidence.yaml` register."""

    defaults: EvidenceDefaults = Field(default_factory=of_defaults(EvidenceDefaults))
    expects: list[EvidenceSeriesDoc] = Field(
        default_factory=empty_list, description="Recurring records this register must hold, one per period."
    )
    evidence: list[EvidenceItemDoc] = Field(default_factory=empty_list)
