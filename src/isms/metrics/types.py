"""Metric records: the numbers the CLI, the site and exports show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RequirementStanding:
    """How one requirement of a framework stands."""

    framework: str
    id: str
    decided: bool
    applicable: bool
    status: str
    implemented: bool
    evidenced: bool
    evidence: tuple[str, ...]
    via: tuple[tuple[str, str], ...]
    measures: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FrameworkCoverage:
    """Coverage and effectiveness of one framework."""

    id: str
    name: str
    name_ja: str | None
    requirements: int
    applicable: int
    implemented: int
    evidenced: int
    partial: int
    planned: int
    undecided: int
    measures_total: int
    measures_met: int

    @property
    def coverage(self) -> float:
        """Return evidenced / applicable (1.0 when nothing is applicable)."""
        return self.evidenced / self.applicable if self.applicable else 1.0

    @property
    def implemented_ratio(self) -> float:
        """Return implemented / applicable."""
        return self.implemented / self.applicable if self.applicable else 1.0

    @property
    def effectiveness(self) -> float | None:
        """Return the share of measures met, or None without measures."""
        return self.measures_met / self.measures_total if self.measures_total else None


@dataclass(frozen=True, slots=True)
class Metrics:
    """Everything measured, as of one day."""

    as_of: str
    commit: str | None
    frameworks: tuple[FrameworkCoverage, ...]
    standings: dict[tuple[str, str], RequirementStanding]
    evidence: dict[str, int]
    measures: dict[str, int]
