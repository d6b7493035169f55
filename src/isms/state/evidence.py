"""Each evidence item on a given day: current, expiring, stale, not yet valid, missing, tampered or unverified."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from isms.model.base import add_duration
from isms.model.repository import EvidenceItem, Repository
from isms.stores.attestation import Attestation
from isms.stores.gather import SignatureState, Trust


class EvidenceState(enum.Enum):
    """How an evidence item stands. Exactly one applies; listed from worst to best."""

    MISSING = "missing"
    """The file is not in the repository, or cannot be read (so its recorded hash cannot be checked)."""
    TAMPERED = "tampered"
    """The file's SHA-256 differs from the recorded one."""
    UNVERIFIED = "unverified"
    """A store item without a valid, unexpired attestation that matched its hash."""
    NOT_YET_VALID = "not-yet-valid"
    """Its evidence date is after the as-of day: on that day it did not exist yet."""
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
    attestation: Attestation | None = None
    """For a store item: the good attestation that covers it."""
    signature: SignatureState = "unsigned"
    """The collector's signature (in the repository) or the store attestation's (store items)."""
    why: str = ""
    """Why a store item is unverified, said for the finding."""

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


def expiry(repo: Repository, item: EvidenceItem) -> dt.date | None:
    """Return the last day the item is current (its users' review intervals only when it has no validity)."""
    if item.valid_until is not None or item.valid_for:
        return item.expires(None)
    return item.expires(fallback_interval(repo, item))


def _by_date(expires: dt.date | None, today: dt.date, window: dt.timedelta) -> EvidenceState:
    if expires is not None and expires < today:
        return EvidenceState.STALE
    if expires is not None and expires - today <= window:
        return EvidenceState.EXPIRING
    return EvidenceState.CURRENT


def _in_store(  # noqa: PLR0911 - one return per way a store item fails
    repo: Repository, item: EvidenceItem, today: dt.date, trust: Trust, last: dt.date
) -> EvidenceStatus | None:
    """Return the status of a store item that cannot count (unverified, missing, tampered), else None."""
    store = repo.config.stores.get(item.store or "")
    check = trust.attestations.get(item.store or "")
    expires = expiry(repo, item)
    unverified = EvidenceState.UNVERIFIED
    if store is None or check is None:
        return EvidenceStatus(item, unverified, expires, None, why="no attestation")
    found = check.attestation
    if not check.good or found is None:
        return EvidenceStatus(item, unverified, expires, None, signature="invalid", why="attestation invalid")
    until = add_duration(found.date, store.verify_every)
    if found.date > last:
        return EvidenceStatus(item, unverified, expires, None, signature="good", why=f"attested after {today}")
    if until < today:
        return EvidenceStatus(item, unverified, expires, None, signature="good", why=f"attestation expired {until}")
    entry = found.items.get(item.ref or "")
    if entry is None:
        return EvidenceStatus(item, unverified, expires, None, signature="good", why="not in the attestation")
    if entry.result in ("missing", "unreadable", "outside"):
        return EvidenceStatus(item, EvidenceState.MISSING, expires, None, found, "good", why=entry.result)
    if entry.result == "mismatch" or entry.sha256 != item.sha256:
        return EvidenceStatus(item, EvidenceState.TAMPERED, expires, entry.sha256, found, "good", why="mismatch")
    return None


def assess_evidence(
    repo: Repository,
    today: dt.date,
    hashes: Mapping[str, str | None],
    trust: Trust | None = None,
    *,
    cutoff: dt.date | None = None,
) -> dict[str, EvidenceStatus]:
    """Return the state of every declared evidence item on ``today``.

    Args:
        repo: The loaded repository.
        today: The day to judge on (``--today``).
        hashes: Actual SHA-256 per repository-relative file, for items that record one.
        trust: Attestations and signatures, checked (none: store items are unverified).
        cutoff: The last evidence date that exists on ``today`` (default ``today``; the real
            current date allows one more day for time zones).
    """
    trust = trust or Trust()
    last = cutoff or today
    window = add_duration(today, repo.config.evidence.warn_within) - today
    result: dict[str, EvidenceStatus] = {}
    for path, item in repo.evidence.items():
        expires = expiry(repo, item)
        actual = hashes.get(item.file)
        attestation = None
        signature: SignatureState = "unsigned"
        if item.in_store:
            failed = _in_store(repo, item, today, trust, last)
            if failed is not None:
                result[path] = failed
                continue
            attestation = trust.attestations[item.store or ""].attestation
            actual, signature = item.sha256, "good"
        elif path in trust.signatures:
            signature = trust.signatures[path].state
        if not item.in_store and path not in repo.evidence_files:
            state = EvidenceState.MISSING
        elif item.sha256 is not None and actual is None:
            state = EvidenceState.MISSING  # there, but unreadable: what cannot be hashed does not count
        elif item.sha256 is not None and actual != item.sha256:
            state = EvidenceState.TAMPERED
        elif item.date > last:
            state = EvidenceState.NOT_YET_VALID
        else:
            state = _by_date(expires, today, window)
        result[path] = EvidenceStatus(item, state, expires, actual, attestation, signature)
    return result
