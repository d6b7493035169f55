"""What was gathered from the world for one evaluation: plain data, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from isms.gather.data import DataError, DataFile, Table
from isms.gather.environment import Environment
from isms.history.types import NO_HISTORY, History
from isms.stores.gather import Trust

Recorded = tuple[str | None, str | None]
"""The (sha256, date) a register recorded for an evidence file in a commit; None where it cannot say."""

TableOrError = DataFile | Table | DataError
"""A data file to stream (`DataFile`), its rows in memory (`Table`), or why it cannot be read as a table."""


@dataclass(frozen=True)
class Facts:
    """Everything read from outside the loaded repository model, once.

    Attributes:
        history: The whole git history (the assessment cuts it at the as-of day).
        hashes: The actual SHA-256 of every evidence file that records one (None: unreadable).
        tables: Every evidence data file an effectiveness measure reads, as a handle: its rows are
            streamed once, when the measures are computed (no file's rows are kept here).
        trust: Store attestations and evidence signatures, verified.
        codeowners: The text of ``.github/CODEOWNERS`` (None when there is none).
        environment: The process environment, as far as isms reads it.
        first_records: Per evidence file committed more than once, the (sha256, date) its
            register recorded in the file's first commit (`isms.state.rewrites`).
    """

    history: History = NO_HISTORY
    hashes: Mapping[str, str | None] = field(default_factory=dict)
    tables: Mapping[str, TableOrError] = field(default_factory=dict)
    trust: Trust = field(default_factory=Trust)
    codeowners: str | None = None
    environment: Environment = field(default_factory=Environment)
    first_records: Mapping[str, Recorded] = field(default_factory=dict)
