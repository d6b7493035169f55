"""Framework catalogs: the reference lists of requirements (ISO/IEC 27001 Annex A, METI, your own)."""

# Annotations as objects, not strings (no `from __future__ import annotations`): see isms.model.base.

from typing import Literal

from pydantic import Field, StrictBool

from isms.model.base import FrameworkId, Identifier, IsmsModel, RequirementRef, Text, WebUrl, empty_dict, empty_list

Source = Literal["official", "paraphrase", "organisation"]


class FrameworkInfo(IsmsModel):
    """What a framework is."""

    id: FrameworkId
    name: Text = Field(description="Full name in Japanese and English.")
    short: str | None = Field(default=None, description="Short label for tables, e.g. `ISO 27001`.")
    version: str = Field(description="Edition or version, e.g. `2022` or `3.0`.")
    publisher: str | None = None
    url: WebUrl | None = None
    description: Text | None = None
    notes: list[Text] = Field(default_factory=empty_list, description="Provenance and caveats of this catalog.")
    coverage: Literal["direct", "mapped"] = Field(
        default="direct",
        description="`direct`: a requirement is covered by its own control. `mapped`: also through the "
        "requirements its control maps to (METI items, guidelines).",
    )
    kind: Literal["requirements", "reference"] = Field(
        default="requirements",
        description="`reference` catalogs (such as a superseded edition) are shown but need no controls.",
    )
    id_prefix: str | None = Field(
        default=None,
        min_length=1,
        description="A prefix people write before these ids although the catalog does not (`A.` for "
        "ISO/IEC 27001:2022 Annex A): `A.5.15` is then read as `5.15`, in the CLI and in YAML.",
    )


class AttributeDef(IsmsModel):
    """A closed vocabulary for one attribute of the requirements."""

    id: Identifier
    title: Text
    values: list[str] = Field(min_length=1)


class Group(IsmsModel):
    """A theme, section or chapter that requirements belong to."""

    id: Identifier
    title: Text
    parent: Identifier | None = None
    description: Text | None = None


class Requirement(IsmsModel):
    """One requirement of a framework."""

    id: Identifier
    title: Text
    group: Identifier | None = None
    description: Text | None = Field(default=None, description="Our own short paraphrase, never a quotation.")
    attributes: dict[Identifier, list[str]] = Field(default_factory=empty_dict)
    new: StrictBool = Field(default=False, description="New in this edition.")
    mandatory: StrictBool = Field(
        default=False,
        description="Cannot be excluded (ISO/IEC 27001 clauses 4–10): `not-applicable` or SoA `reasons` are errors.",
    )
    maps_to: list[RequirementRef] = Field(
        default_factory=empty_list, description="Requirements of other frameworks this one corresponds to."
    )
    source: Source = Field(
        default="official",
        description="`official`: the publisher's wording; `paraphrase`: our words where the official "
        "text is not available (replace it by importing the official sheet); `organisation`: your own.",
    )
    verified: str | None = Field(default=None, description="How well the facts are verified, e.g. `V2`.")
    note: Text | None = None


class CatalogDoc(IsmsModel):
    """A catalog file: one framework and its requirements."""

    framework: FrameworkInfo
    attributes: list[AttributeDef] = Field(default_factory=empty_list)
    groups: list[Group] = Field(default_factory=empty_list)
    requirements: list[Requirement] = Field(min_length=1)
