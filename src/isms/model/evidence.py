"""Evidence: files that prove controls work, declared once in `evidence.yaml` registers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from isms.model.base import Duration, IsmsModel, IsoDate, Text

Classification = Literal["public", "internal", "confidential", "insider"]
CLASS_ORDER: tuple[Classification, ...] = ("public", "internal", "confidential", "insider")

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class EvidenceDefaults(IsmsModel):
    """Values for every item of one register unless an item says otherwise."""

    class_: Classification | None = Field(default=None, alias="class")
    collected_by: str | None = None
    valid_for: Duration | None = None


class EvidenceItemDoc(IsmsModel):
    """One evidence file and its metadata."""

    path: str = Field(min_length=1, description="File path relative to this register's folder; never `..` or absolute.")
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

    @model_validator(mode="after")
    def _one_validity(self) -> EvidenceItemDoc:
        if self.valid_for is not None and self.valid_until is not None:
            msg = "give `valid_for` or `valid_until`, not both"
            raise ValueError(msg)
        return self


class EvidenceRegisterDoc(IsmsModel):
    """An `evidence.yaml` register."""

    defaults: EvidenceDefaults = Field(default_factory=EvidenceDefaults)
    evidence: list[EvidenceItemDoc] = Field(default_factory=list)
