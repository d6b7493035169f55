"""Risk management documents (ISO/IEC 27001 6.1.2, 6.1.3, 8.2, 8.3): criteria, assets, risks, exceptions.

Types only: reading them is the loader's job (`isms.loader.risks`). Levels are computed from the
criteria, never typed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from isms.model.base import Duration, Identifier, IsmsModel, IsoDate, RequirementRef, Text
from isms.model.evidence import Classification

Treatment = Literal["modify", "retain", "avoid", "share"]
Method = Literal["product", "matrix"]
#: A point on a scale: its id (`high`) or its value (1 = lowest).
ScalePoint = Identifier | int


class ScaleLevel(IsmsModel):
    """One step of a likelihood or impact scale; its value is its position (1 = lowest)."""

    id: Identifier
    title: Text
    description: Text | None = None


class Band(IsmsModel):
    """A risk level band (low, medium, high…), lowest first."""

    id: Identifier
    title: Text
    min: int | None = Field(default=None, description="With `method: product`: the lowest product in this band.")
    accept_by: list[Identifier] = Field(
        default_factory=list, description="Owners who may accept a residual risk at this level."
    )


class RiskCriteria(IsmsModel):
    """`risk:` in isms.yaml: how risks are assessed, evaluated and accepted (6.1.2 a)."""

    likelihood: list[ScaleLevel] = Field(min_length=2, description="The likelihood scale, lowest first.")
    impact: list[ScaleLevel] = Field(min_length=2, description="The impact scale, lowest first.")
    method: Method = Field(default="product", description="`product` (likelihood × impact) or `matrix`.")
    matrix: list[list[Identifier]] = Field(
        default_factory=list,
        description="With `method: matrix`: one row per likelihood (lowest first) of band ids, one per impact.",
    )
    bands: list[Band] = Field(min_length=1, description="Level bands, lowest first.")
    acceptance_threshold: Identifier = Field(
        description="The band from which a residual risk needs a named acceptance (and an untreated risk is an error)."
    )
    review_interval: Duration = Field(default="1y", description="How often each risk must be reviewed.")

    @model_validator(mode="after")
    def _consistent(self) -> RiskCriteria:
        ids = [band.id for band in self.bands]
        if self.acceptance_threshold not in ids:
            msg = f"`acceptance_threshold` `{self.acceptance_threshold}` is not a band id ({', '.join(ids)})"
            raise ValueError(msg)
        if self.method == "product":
            if any(band.min is None for band in self.bands):
                msg = "with `method: product` every band needs `min` (the lowest product in it)"
                raise ValueError(msg)
            mins = [band.min or 0 for band in self.bands]
            if mins != sorted(mins) or len(set(mins)) != len(mins):
                msg = "band `min` values must rise from the first band to the last"
                raise ValueError(msg)
        else:
            if len(self.matrix) != len(self.likelihood) or any(len(row) != len(self.impact) for row in self.matrix):
                msg = "`matrix` needs one row per likelihood level, each with one band per impact level"
                raise ValueError(msg)
            unknown = sorted({cell for row in self.matrix for cell in row} - set(ids))
            if unknown:
                msg = f"`matrix` names unknown bands: {', '.join(unknown)}"
                raise ValueError(msg)
        return self

    def point(self, scale: Literal["likelihood", "impact"], raw: ScalePoint) -> int | None:
        """Return a point's value (1-based), or None when the scale has no such label or value."""
        levels = self.likelihood if scale == "likelihood" else self.impact
        if isinstance(raw, int):
            return raw if 1 <= raw <= len(levels) else None
        for index, level in enumerate(levels, start=1):
            if level.id == raw:
                return index
        return None

    def band(self, likelihood: int, impact: int) -> Band:
        """Return the band of a likelihood and an impact value (each 1-based and on its scale)."""
        if self.method == "matrix":
            wanted = self.matrix[likelihood - 1][impact - 1]
            return next(band for band in self.bands if band.id == wanted)
        score = likelihood * impact
        chosen = self.bands[0]
        for band in self.bands:
            if band.min is not None and score >= band.min:
                chosen = band
        return chosen

    def rank(self, band_id: str) -> int:
        """Return a band's position (0 = lowest)."""
        return [band.id for band in self.bands].index(band_id)

    def needs_acceptance(self, band_id: str) -> bool:
        """Return True for a band at or above the acceptance threshold."""
        return self.rank(band_id) >= self.rank(self.acceptance_threshold)


class AssetDoc(IsmsModel):
    """An information asset, or a system that holds information."""

    id: Identifier
    title: Text
    kind: Literal["information", "system", "service", "site", "people"] = "information"
    owner: Identifier | None = Field(default=None, description="Who answers for it: an id from `owners`.")
    classification: Classification = "internal"
    location: Text | None = Field(default=None, description="Where it lives, or the system that holds it.")
    controls: list[RequirementRef] = Field(default_factory=list, description="Controls that protect it.")
    description: Text | None = None


class AssetRegisterDoc(IsmsModel):
    """An asset register: `assets/<name>.yaml`."""

    assets: list[AssetDoc] = Field(default_factory=list)


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
    assets: list[Identifier] = Field(default_factory=list, description="Asset ids (from `assets/`).")
    threat: Text
    vulnerability: Text
    owner: Identifier = Field(description="The risk owner: an id from `owners`.")
    classification: Classification = "internal"
    assessed: IsoDate = Field(description="The day the risk was assessed.")
    inherent: Rating
    treatment: Treatment | None = Field(default=None, description="modify, retain, avoid or share.")
    controls: list[RequirementRef] = Field(default_factory=list, description="Treating controls (requirements).")
    actions: list[Action] = Field(default_factory=list)
    residual: Rating | None = None
    acceptance: Acceptance | None = None
    review: RiskReview = Field(default_factory=RiskReview)


class ExceptionApproval(IsmsModel):
    """Who approved an exception, and when."""

    by: Identifier
    date: IsoDate


class ExceptionDoc(IsmsModel):
    """A deviation from a control or policy statement: `exceptions/<id>.yaml`."""

    title: Text
    controls: list[RequirementRef] = Field(default_factory=list, description="Controls deviated from.")
    statements: list[str] = Field(default_factory=list, description="Policy statements: `policy-id#statement-id`.")
    justification: Text
    compensating: Text | None = Field(default=None, description="Compensating measures while it lasts.")
    owner: Identifier | None = None
    approved: ExceptionApproval
    valid_until: IsoDate
