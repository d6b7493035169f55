"""History records."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

HEADLINE_COLUMNS = 60
"""How wide a commit subject quoted in a message may be (terminal columns: a wide character counts two)."""


@dataclass(frozen=True, slots=True)
class CommitInfo:
    """One commit that touched a file."""

    sha: str
    date: dt.datetime
    author: str
    subject: str
    signature: str = ""
    """git's `%G?`: G good, B bad, U good but unknown validity, X/Y expired, R revoked, E cannot check,
    N none; empty when signatures were not read."""
    signer: str = ""
    """git's `%GS`: the principal of the allowed-signers list (an owner id)."""
    key: str = ""
    """git's `%GK`: the key's fingerprint."""

    @property
    def short(self) -> str:
        """Return the abbreviated commit id."""
        return self.sha[:10]

    @property
    def headline(self) -> str:
        """Return the subject as a message quotes it: whole up to `HEADLINE_COLUMNS` columns, else cut, with ``…``.

        git's ``%s`` is the message's first paragraph on one line, so a subject can run to hundreds
        of characters. An English subject is cut after a word when one ends in the second half of
        what fits; a Japanese one (no spaces) after a character. The commit id beside it finds the rest.
        """
        widths = [2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in self.subject]
        if sum(widths) <= HEADLINE_COLUMNS:
            return self.subject
        end, used = 0, widths[0]
        while used <= HEADLINE_COLUMNS - 1:  # room for the ellipsis
            end += 1
            used += widths[end]
        kept = self.subject[:end]
        space = kept.rfind(" ")
        if space > len(kept) // 2:
            kept = kept[:space]
        return kept.rstrip(" ,;:.-、。") + "…"


@dataclass(frozen=True)
class History:
    """Commits per repository-relative path, newest first.

    Attributes:
        available: False outside a git repository (everything still works, without dates).
        partial: True in a shallow clone: older commits are missing and dates may be wrong.
        head: The commit checked out, if any.
        files: Commits per path.
        dirty: Paths with uncommitted changes.
    """

    available: bool
    partial: bool = False
    head: str | None = None
    files: dict[str, list[CommitInfo]] = field(default_factory=dict)
    dirty: frozenset[str] = frozenset()

    def until(self, day: dt.date) -> History:
        """Return the history as it stood at the end of ``day``: later commits left out."""
        files = {
            path: kept for path, commits in self.files.items() if (kept := [c for c in commits if c.date.date() <= day])
        }
        return History(self.available, self.partial, self.head, files, self.dirty)

    def of(self, path: str) -> list[CommitInfo]:
        """Return the commits that touched ``path``, newest first."""
        return self.files.get(path, [])

    def last_changed(self, path: str) -> dt.datetime | None:
        """Return the date of the newest commit that touched ``path``."""
        commits = self.files.get(path)
        return commits[0].date if commits else None


NO_HISTORY = History(available=False)
