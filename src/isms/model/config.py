"""The repository's configuration: `isms.yaml` at the root (its presence marks an ISMS repository)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from isms.model.base import Duration, FrameworkId, Identifier, IsmsModel, Text
from isms.model.evidence import Classification

RuleLevel = Literal["error", "warning", "note", "off"]


class Owner(IsmsModel):
    """A person or role that owns controls and policies."""

    name: Text
    github: list[str] = Field(default_factory=list, description="GitHub users or teams for CODEOWNERS.")


class EvidenceSettings(IsmsModel):
    """How evidence is judged and published."""

    warn_within: Duration = Field(default="30d", description="Evidence expiring within this is `expiring`.")
    redact_from: Classification = Field(
        default="internal",
        description="Evidence of this class and above appears on the site only as metadata and hash.",
    )


class ConfigDoc(IsmsModel):
    """`isms.yaml`."""

    organisation: Text = Field(description="The organisation's name, shown on every page.")
    scope: Text | None = Field(default=None, description="The scope of the ISMS (clause 4.3).")
    frameworks: list[FrameworkId] = Field(
        default_factory=lambda: ["iso27001-2022"],
        description="Frameworks in scope: each of their requirements needs a control file.",
    )
    soa_framework: FrameworkId = "iso27001-2022"
    review_interval: Duration = "1y"
    owners: dict[Identifier, Owner] = Field(default_factory=dict)
    evidence: EvidenceSettings = Field(default_factory=EvidenceSettings)
    rules: dict[str, RuleLevel] = Field(
        default_factory=dict, description="Raise, lower or turn off a rule: `evidence-expiring: error`."
    )
