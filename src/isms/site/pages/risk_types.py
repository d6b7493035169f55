"""Page models of the risk register: plain, immutable data the templates render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from isms.site.pages.basics import Attribute, Ref


@dataclass(frozen=True, slots=True)
class LevelView:
    """A rating as shown: band, likelihood × impact, score."""

    band: str
    band_title: str
    likelihood: int
    impact: int

    @property
    def score(self) -> int:
        """Return likelihood × impact."""
        return self.likelihood * self.impact


@dataclass(frozen=True, slots=True)
class RiskRow:
    """One risk in the register (a withheld class shows metadata only)."""

    id: str
    title: str
    target: str
    owner: str
    treatment: str
    state: str
    inherent: LevelView | None
    residual: LevelView | None
    withheld: bool
    tags: str


@dataclass(frozen=True, slots=True)
class HeatMap:
    """Counts per (likelihood, impact) cell, with each cell's band, for one of inherent and residual."""

    title: str
    likelihood: tuple[str, ...]
    impact: tuple[str, ...]
    cells: tuple[tuple[int, int, int, str], ...]
    """(likelihood value, impact value, number of risks, band id)."""
    likelihood_axis: str = "Likelihood"
    """The title of the vertical axis (likelihood rises upwards)."""
    impact_axis: str = "Impact"
    """The title of the horizontal axis (impact rises to the right)."""


@dataclass(frozen=True, slots=True)
class RiskRegisterPage:
    """All risks, filterable by level, owner, treatment and state, with heat maps beside the numbers."""

    path: str
    title: str
    rows: tuple[RiskRow, ...]
    filters: tuple[Attribute, ...]
    heatmaps: tuple[HeatMap, ...]
    bands: tuple[tuple[str, str, int, int], ...]
    """(band id, title, inherent count, residual count)."""
    template: ClassVar[str] = "risks.md.j2"


@dataclass(frozen=True, slots=True)
class RiskPage:
    """One risk, linked to its assets, controls and the SoA."""

    path: str
    title: str
    row: RiskRow
    description: str | None
    threat: str | None
    vulnerability: str | None
    assets: tuple[Ref, ...]
    controls: tuple[Ref, ...]
    actions: tuple[tuple[str, str, str, str], ...]
    """(title, owner, due, done or "")."""
    acceptance: tuple[str, str, str] | None
    """(by, date, valid until)."""
    assessed: str
    last_review: str | None
    register: str
    nonconformities: tuple[Ref, ...] = ()
    """The nonconformities raised by the as-of day that name the risk (`risks:`), linked to the register."""
    template: ClassVar[str] = "risk.md.j2"
