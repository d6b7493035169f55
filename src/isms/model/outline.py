"""A register as loaded, kept so that an earlier version of it can be read through its changes."""

from __future__ import annotations

from dataclasses import dataclass

#: What a register recorded for one entry: (entry path, (sha256, date)); None for an entry that is no mapping.
Record = tuple[str, tuple[str | None, str | None]] | None


@dataclass(frozen=True, slots=True)
class RegisterOutline:
    """Where a register's entries start in its text, and what each recorded (`isms.loader.revisions`)."""

    text: str
    column: int
    """The column of the entries' dashes (0-based)."""
    starts: tuple[tuple[int, int], ...]
    """Where each entry's content starts (0-based line, column)."""
    last: bool
    """The entries are the last key of the file (so the file may end inside the changes)."""
    records: tuple[Record, ...]
