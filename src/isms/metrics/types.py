"""Metric records: the numbers the CLI, the site and exports show."""

from __future__ import annotations

from dataclasses import dataclass

from isms.contracts import CoverageNumbers
from isms.figures import rounded

__all__ = ["CoverageNumbers", "FrameworkCoverage", "Metrics", "RequirementStanding", "rounded"]


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
    tested: bool = False
    """Implemented, with control tests, and every one passed within its frequency as of the day."""


@dataclass(frozen=True, slots=True)
class FrameworkCoverage:
    """Coverage and effectiveness of one framework: the one declaration of these numbers.

    Every output takes them from here: `isms metrics` (text and JSON, through :meth:`numbers`),
    the dashboard and framework pages, `isms diff` and the PR headline, the charts.
    """

    id: str
    name: str
    name_ja: str | None
    short: str
    requirements: int
    applicable: int
    implemented: int
    evidenced: int
    partial: int
    planned: int
    undecided: int
    measures_total: int
    measures_met: int
    official_applicable: int | None = None
    """Applicable requirements in the publisher's wording; None without paraphrased ones."""
    official_evidenced: int | None = None
    """Of those, the evidenced ones (None likewise)."""
    tested: int = 0
    """Applicable requirements implemented whose control tests all passed within their frequency."""

    @property
    def coverage(self) -> float:
        """Return evidenced / applicable (1.0 when nothing is applicable)."""
        return self.evidenced / self.applicable if self.applicable else 1.0

    @property
    def implemented_ratio(self) -> float:
        """Return implemented / applicable."""
        return self.implemented / self.applicable if self.applicable else 1.0

    @property
    def official_coverage(self) -> float | None:
        """Return evidenced / applicable over official requirements only (None: no paraphrased ones)."""
        if self.official_applicable is None or self.official_evidenced is None:
            return None
        return self.official_evidenced / self.official_applicable if self.official_applicable else 1.0

    @property
    def tested_coverage(self) -> float:
        """Return tested and passed / applicable (1.0 when nothing is applicable)."""
        return self.tested / self.applicable if self.applicable else 1.0

    @property
    def effectiveness(self) -> float | None:
        """Return the share of measures met, or None without measures."""
        return self.measures_met / self.measures_total if self.measures_total else None

    def numbers(self) -> CoverageNumbers:
        """Return the counts and ratios (rounded to 4 places) as the JSON outputs show them."""
        return {
            "requirements": self.requirements,
            "applicable": self.applicable,
            "implemented": self.implemented,
            "evidenced": self.evidenced,
            "partial": self.partial,
            "planned": self.planned,
            "undecided": self.undecided,
            "coverage": rounded(self.coverage),
            "implemented_ratio": rounded(self.implemented_ratio),
            "effectiveness": rounded(self.effectiveness),
            "official_applicable": self.official_applicable,
            "official_evidenced": self.official_evidenced,
            "official_coverage": rounded(self.official_coverage),
            "measures_total": self.measures_total,
            "measures_met": self.measures_met,
            "tested": self.tested,
            "tested_coverage": rounded(self.tested_coverage),
        }


@dataclass(frozen=True, slots=True)
class Metrics:
    """Everything measured, as of one day."""

    as_of: str
    commit: str | None
    frameworks: tuple[FrameworkCoverage, ...]
    standings: dict[tuple[str, str], RequirementStanding]
    evidence: dict[str, int]
    measures: dict[str, int]
    uncommitted: tuple[str, ...] = ()
    """ISMS files with uncommitted changes (the figures differ from ``commit``)."""
