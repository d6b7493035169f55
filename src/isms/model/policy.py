"""Policies: the organisation's own documents, each statement linked to what carries it out."""

from __future__ import annotations

from pydantic import Field

from isms.model.base import FrameworkId, Identifier, IsmsModel, IsoDate, RequirementRef, Text, empty_list, of_defaults
from isms.model.control import Review


class Approval(IsmsModel):
    """Who approved the document, and when."""

    by: str
    date: IsoDate


class PolicyFramework(IsmsModel):
    """Makes a policy's statements a framework of their own (e.g. the behavioural guidelines)."""

    id: FrameworkId
    name: Text
    version: str = "1"


class Statement(IsmsModel):
    """One statement of a policy."""

    id: Identifier
    text: Text
    section: str | None = Field(default=None, description="Heading the statement belongs under.")
    implemented_by: list[RequirementRef] = Field(
        default_factory=empty_list, description="Requirements (and so controls) that carry it out."
    )
    note: Text | None = None


class PolicyDoc(IsmsModel):
    """A policy file: `policies/<id>.yaml`."""

    title: Text
    version: str | None = None
    owner: str | None = None
    approved: Approval | None = None
    review: Review = Field(default_factory=of_defaults(Review))
    summary: Text | None = Field(default=None, description="Purpose or objective of the policy.")
    framework: PolicyFramework | None = None
    statements: list[Statement] = Field(min_length=1)
    notes: list[Text] = Field(default_factory=empty_list)
