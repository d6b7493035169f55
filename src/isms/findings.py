"""Findings are data: every stage returns them, only reporters print them."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from isms.location import Location

#: A path into a YAML document: mapping keys and sequence indexes.
Pointer = tuple[str | int, ...]


class Severity(enum.Enum):
    """How much a finding matters. Ordered: ERROR > WARNING > NOTE."""

    ERROR = "error"
    """Breaks the ISMS: `isms validate` and `isms check` exit 1."""
    WARNING = "warning"
    """Needs attention; fails only in strict mode."""
    NOTE = "note"
    """Information for the reader."""

    @property
    def rank(self) -> int:
        """Return 2 for error, 1 for warning, 0 for note."""
        return {"error": 2, "warning": 1, "note": 0}[self.value]

    @property
    def sarif_level(self) -> str:
        """Return the SARIF 2.1.0 `level` of this severity."""
        return self.value

    @property
    def github_command(self) -> str:
        """Return the GitHub workflow command for this severity."""
        return {"error": "error", "warning": "warning", "note": "notice"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, tied to a place.

    Attributes:
        rule: Stable kebab-case rule id, e.g. ``evidence-stale``.
        severity: How much it matters.
        message: What is wrong and what to do, in one sentence.
        path: Repository-relative POSIX path of the file concerned.
        pointer: Where in the YAML document the value is; resolved to a line lazily.
        line: 1-based line, once known.
        column: 1-based column, once known.
        control: Qualified id of the control concerned (``framework:id``), if any.
        framework: Framework id concerned, if any.
        message_ja: The same message in Japanese; every finding carries both (the site's Japanese
            edition shows it, tests/unit/test_messages.py holds every rule to it).
    """

    rule: str
    severity: Severity
    message: str
    path: str
    pointer: Pointer | None = None
    line: int | None = None
    column: int | None = None
    control: str | None = None
    framework: str | None = None
    message_ja: str = field(kw_only=True, compare=False)

    @property
    def location(self) -> Location:
        """Return where the finding is."""
        return Location(self.path, self.line, self.column)

    def at(self, line: int | None, column: int | None) -> Finding:
        """Return a copy placed at a line and column."""
        return replace(self, line=line, column=column)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Sort by path, line, column, rule, message."""
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message)


def count(findings: Iterable[Finding]) -> dict[str, int]:
    """Return the number of errors, warnings and notes."""
    totals = {"errors": 0, "warnings": 0, "notes": 0}
    for finding in findings:
        totals[finding.severity.value + "s"] += 1
    return totals
