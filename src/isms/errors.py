"""Expected failures. Anything else reaching the CLI is a bug."""

from __future__ import annotations

from isms.location import Location


class IsmsError(Exception):
    """An expected failure that the CLI reports without a traceback (exit 1)."""


class UsageError(IsmsError):
    """Bad usage: a wrong option value, or a root that is not an ISMS repository (exit 2)."""


class SourceError(IsmsError):
    """A failure tied to a place in a source file."""

    def __init__(self, message: str, location: Location) -> None:
        super().__init__(message)
        self.location = location

    def __str__(self) -> str:
        return f"{self.location.format()}: {self.args[0]}"
