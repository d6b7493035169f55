"""Risk management documents (ISO/IEC 27001 6.1.2, 6.1.3, 8.2, 8.3): assets, risks, exceptions.

Types only: reading them is the loader's job (`isms.loader.risks`). Levels are computed from the
criteria (`risk:` in isms.yaml, `isms.model.config.RiskCriteria`), never typed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from isms.model.base import Duration, Identifier, IsmsModel, IsoDate, RequirementRef, Text, empty_list, of_defaults
from isms.model.config import ScalePoint
from isms.model.evidence import Classification

Treatment = Literal["modify", "retain", "avoid", "share"]


class AssetDoc(IsmsModel):
    """An information asset, or a system that holds information."""

    id: Identifier
    title: Text
    kind: Literal["information", "system", "service", "site", "people"] = "information"
    owner: Identifier | None = Field(default=None, description="Who answers for it: an id from `owners`.")
    classification: Classification = "internal"
    location: Text | None = Field(default=None, description="Where it lives, or the system that holds it.")
    controls: list[RequirementRef] = Field(default_factory=empty_list, description="Controls that protect it.")
    description: Text | None = None


class AssetRegisterDoc(IsmsModel):
    """An asset register: `assets/<name>.yaml`."""

    assets: list[AssetDoc] = Field(default_factory=empty_list)


class Rating(IsmsModel):
    """A likelihood and an impact, each a label or a value of its scale."""

    likelihood: ScalePoint
    impact: ScalePoint


class Action(IsmsModel):
    """A planned treatment action."""

    title: Text
    owner: Identifier
    due: IsoDate
    done: IsoDate | None = Field(default=None, description="The day it was completed.")


class Acceptance(IsmsModel):
    """The risk owner's sign-off of a residual risk."""

    by: Identifier = Field(description="The owner who accepted it (allowed at its level by `accept_by`).")
    date: IsoDate
    valid_until: IsoDate


class RiskReview(IsmsModel):
    """When the risk was last reviewed."""

    last: IsoDate | None = None
    interval: Duration | None = Field(default=None, description="Defaults to `risk.review_interval`.")


class RiskDoc(IsmsModel):
    """A risk: `risks/<id>.yaml`, one per risk."""

    title: Text
    description: Text | None = None
    assets: list[Identifier] = Field(default_factory=empty_list, description="Asset ids (from `assets/`).")
    threat: Text
    vulnerability: Text
    owner: Identifier = Field(description="The risk owner: an id from `owners`.")
    classification: Classification = "internal"
    assessed: IsoDate = Field(description="The day the risk was assessed.")
    inherent: Rating
    treatment: Treatment | None = Field(default=None, description="modify, retain, avoid or share.")
    controls: list[RequirementRef] = Field(default_factory=empty_list, description="Treating controls (requirements).")
    actions: list[Action] = Field(default_factory=empty_list)
    residual: Rating | None = None
    acceptance: Acceptance | None = None
    review: RiskReview = Field(default_factory=of_defaults(RiskReview))


class ExceptionApproval(IsmsModel):
    """Who approved an exception, and when."""

    by: Identifier
    date: IsoDate


class ExceptionDoc(IsmsModel):
    """A deviation from a control or policy statement: `exceptions/<id>.yaml`."""

    title: Text
    controls: list[RequirementRef] = Field(default_factory=empty_list, description="Controls deviated from.")
    statements: list[str] = Field(
        default_factory=empty_list, description="Policy statements: `policy-id#statement-id`."
    )
    justification: Text
    compensating: Text | None = Field(default=None, description="Compensating measures while it lasts.")
    owner: Identifier | None = None
    approved: ExceptionApproval
    valid_until: IsoDate
