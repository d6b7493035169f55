"""Loaded risk records: assets, risks with their computed levels, and exceptions."""

from __future__ import annotations

from dataclasses import dataclass

from isms.model.risk import AssetDoc, ExceptionDoc, RiskDoc

#: A requirement's key: (framework id, requirement id).
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Asset:
    """An asset from a register, with where it was written."""

    id: str
    path: str
    index: int
    doc: AssetDoc
    controls: tuple[Key, ...]


@dataclass(frozen=True, slots=True)
class Level:
    """A rating's values on the scales and its computed band (None when the criteria are missing or it is off-scale)."""

    likelihood: int
    impact: int
    band: str

    @property
    def score(self) -> int:
        """Return likelihood × impact (shown beside the band)."""
        return self.likelihood * self.impact


@dataclass(frozen=True, slots=True)
class Risk:
    """A risk file, with its treating controls resolved and its levels computed."""

    id: str
    path: str
    doc: RiskDoc
    controls: tuple[Key, ...]
    inherent: Level | None
    residual: Level | None

    @property
    def current(self) -> Level | None:
        """Return the level that stands: the residual one when assessed, else the inherent one."""
        return self.residual or self.inherent


@dataclass(frozen=True, slots=True)
class RiskException:
    """An exception file, with the controls it deviates from resolved."""

    id: str
    path: str
    doc: ExceptionDoc
    controls: tuple[Key, ...]
