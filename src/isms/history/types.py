"""History records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
