"""A place in a source file, as shown to people: ``path:line:col``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A position in a file of the repository.

    Attributes:
        path: POSIX path relative to the repository root.
        line: 1-based line, or None when unknown.
        column: 1-based column, or None when unknown.
    """

    path: str
    line: int | None = None
    column: int | None = None

    def format(self) -> str:
        """Return ``path:line:col``, leaving out what is unknown."""
        if self.line is None:
            return self.path
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"
