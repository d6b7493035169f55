"""The state of each evidence item on a given day: current, expiring, stale, missing or tampered."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from isms.model.base import add_duration
from isms.model.repository import EvidenceItem, Repository


class EvidenceState(enum.Enum):
    """How an evidence item stands. Exactly one applies; listed from worst to best."""

    MISSING = "missing"
    """The file is not in the repository."""
    TAMPERED = "tampered"
    """The file's SHA-256 differs from the recorded one."""
    STALE = "stale"
    """Its validity ended before today."""
    EXPIRING = "expiring"
    """Still valid, but ends within the warning window."""
    CURRENT = "current"
    """Valid today."""

    @property
    def valid(self) -> bool:
        """Return True when the evidence counts as proof today (current or expiring)."""
        return self in (EvidenceState.CURRENT, EvidenceState.EXPIRING)


STATE_ORDER = tuple(EvidenceState)


@dataclass(frozen=True, slots=True)
class EvidenceStatus:
    """An evidence item's standing on a day."""

    item: EvidenceItem
    state: EvidenceState
    expires: dt.date | None
    actual_sha256: str | None

    @property
    def path(self) -> str:
        """Return the evidence path (relative to `evidence/`)."""
        return self.item.path


def fallback_interval(repo: Repository, item: EvidenceItem) -> str:
    """Return the validity to assume when the item has none: the shortest review interval of its users."""
    intervals = [repo.review_interval(repo.controls[key]) for key in repo.evidence_users.get(item.path, [])]
    if not intervals:
        return repo.config.review_interval
    anchor = dt.date(2000, 1, 1)
    return min(intervals, key=lambda interval: add_duration(anchor, interval))


def assess_evidence(repo: Repository, today: dt.date, hashes: Mapping[str, str | None]) -> dict[str, EvidenceStatus]:
    """Return the state of every declared evidence item on ``today``.

    Args:
        repo: The loaded repository.
        today: The day to judge on (``--today``).
        hashes: Actual SHA-256 per repository-relative file, for items that record one.
    """
    window = add_duration(today, repo.config.evidence.warn_within) - today
    result: dict[str, EvidenceStatus] = {}
    for path, item in repo.evidence.items():
        expires = item.expires(fallback_interval(repo, item))
        actual = hashes.get(item.file)
        if path not in repo.evidence_files:
            state = EvidenceState.MISSING
        elif item.sha256 is not None and actual is not None and actual != item.sha256:
            state = EvidenceState.TAMPERED
        elif expires is not None and expires < today:
            state = EvidenceState.STALE
        elif expires is not None and expires - today <= window:
            state = EvidenceState.EXPIRING
        else:
            state = EvidenceState.CURRENT
        result[path] = EvidenceStatus(item, state, expires, actual)
    return result
