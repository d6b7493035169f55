"""Expected failures. Anything else reaching the CLI is a bug.

Each carries its message in English and, where it is raised, in Japanese (``ja=``): the CLI picks
one at its edge (`isms.cli.errors.error_boundary`), in the terminal's language.
"""

from __future__ import annotations

from isms.location import Location


class IsmsError(Exception):
    """An expected failure that the CLI reports without a traceback (exit 1).

    Args:
        message: what went wrong and what to do, in English.
        ja: the same in Japanese (the same paths, ids, commands and figures); None where none
            was written, and then the English is shown in a Japanese terminal too.
    """

    def __init__(self, message: object = "", *, ja: str | None = None) -> None:
        super().__init__(message)
        self.message_ja = ja

    def text(self, lang: str) -> str:
        """Return the message in ``lang`` (``ja`` or ``en``), with its place where it has one."""
        if lang == "ja" and self.message_ja is not None:
            return self.placed(self.message_ja)
        return str(self)

    def placed(self, message: str) -> str:
        """Return ``message`` with the error's place in front (none here)."""
        return message


class UsageError(IsmsError):
    """Bad usage: a wrong option value, or a root that is not an ISMS repository (exit 2)."""


class SourceError(IsmsError):
    """A failure tied to a place in a source file."""

    def __init__(self, message: str, location: Location, *, ja: str | None = None) -> None:
        super().__init__(message, ja=ja)
        self.location = location

    def __str__(self) -> str:
        return self.placed(self.args[0])

    def placed(self, message: str) -> str:
        """Return ``path:line:col: message``."""
        return f"{self.location.format()}: {message}"
