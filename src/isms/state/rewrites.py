"""Evidence rewritten in place: its content changed after the commit that recorded it, its date did not.

A file changed together with its `sha256` passes the hash check; only git history shows that the
register once recorded another hash for the same evidence date (a silent rewrite of history).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from isms.gather.facts import Recorded
from isms.history.types import History
from isms.model.repository import EvidenceItem, Repository


@dataclass(frozen=True, slots=True)
class Rewrite:
    """An evidence item whose recorded hash changed while its date stayed the same."""

    item: EvidenceItem
    commit: str
    """The commit that first recorded the file (abbreviated)."""
    recorded: str
    """The sha256 the register recorded in that commit."""


def find_rewrites(repo: Repository, history: History, first_records: Mapping[str, Recorded]) -> list[Rewrite]:
    """Return hashed evidence files changed after the commit that recorded them, without a new date.

    ``first_records`` holds, per evidence file, what its register recorded in the file's first
    commit (gathered by `isms.gather.world.first_records`); ``history`` is cut at the as-of day.
    """
    if not history.available:
        return []
    found = []
    for item in repo.evidence.values():
        commits = history.of(item.file)
        if item.in_store or item.sha256 is None or len(commits) < 2:
            continue
        first = commits[-1]
        recorded, date = first_records.get(item.file, (None, None))
        if recorded is None or recorded == item.sha256 or date is None:
            continue
        try:
            same_day = dt.date.fromisoformat(date) == item.date
        except ValueError:
            continue
        if same_day:
            found.append(Rewrite(item, first.short, recorded))
    return found
