"""Where a document's top-level sequences put their items, kept from the load's parse.

:mod:`isms.loader.positions` places findings in a sequence's item without parsing the whole file
again, and :mod:`isms.loader.revisions` reads an earlier version of a register through its changes.
"""

from __future__ import annotations

from dataclasses import dataclass

#: What an item of a sequence is: a mapping, a sequence, a scalar, or an empty plain scalar (no position of its own).
MAPPING, SEQUENCE, SCALAR, EMPTY = range(4)


@dataclass(frozen=True, slots=True)
class SequenceOutline:
    """A sequence that is the value of a top-level key (lines and columns 0-based)."""

    column: int
    """The column of its dashes."""
    items: tuple[tuple[int, int, int], ...]
    """Where each item's content starts (line, column) and what it is (MAPPING, SEQUENCE, SCALAR or EMPTY)."""
    end: int | None
    """The line of the next top-level key; None when the sequence is the file's last value."""
    flow: bool = False
    """A flow sequence (``[a, b]``): its items' own lines cannot be parsed apart."""


@dataclass(frozen=True, slots=True)
class Outline:
    """The top-level sequences of a mapping document that the load's fast path built alone.

    (No merge key, duplicate key or tag of ruamel's own: the node tree and the data agree.)
    """

    sequences: dict[str, SequenceOutline]
    """Per top-level text key whose value is a sequence."""
    text_keys: bool
    """Every top-level key is text (an untagged or `!!str` scalar)."""
    last: str | None
    """The last top-level key, when it is text."""


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
