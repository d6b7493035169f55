"""Everything judged as of one day, computed once and shared by checks, metrics and outputs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from isms.history.git import read_history
from isms.history.types import History
from isms.model.repository import Control, Repository
from isms.state.evidence import EvidenceStatus, assess_evidence
from isms.state.hashing import HashCache
from isms.state.measures import MeasureResult, evaluate_measures
from isms.stores.gather import Trust, gather_trust

#: A commit subject that records a review: "Review 5.15 …", "Reviewed …", "…レビュー…", "…見直し…".
_REVIEW_WORDS = re.compile(r"^\s*review(ed)?\b|レビュー|見直し", re.IGNORECASE)


@dataclass(frozen=True)
class Assessment:
    """The repository's state on a day.

    Attributes:
        today: The day judged on (``--today``).
        history: Git history (empty outside git; ``partial`` in a shallow clone).
        evidence: State of every declared evidence item.
        measures: Every effectiveness measure, computed.
        trust: Store attestations and evidence signatures, checked.
    """

    today: dt.date
    history: History
    evidence: dict[str, EvidenceStatus]
    measures: list[MeasureResult]
    trust: Trust = field(default_factory=Trust)

    def last_changed(self, path: str) -> dt.date | None:
        """Return the date of the newest commit that touched a file (None without history)."""
        when = self.history.last_changed(path)
        return when.date() if when else None

    def last_reviewed(self, control: Control) -> dt.date | None:
        """Return when the control was last reviewed.

        That is `review.last`, or a later commit to its file whose subject records a review
        (starts with "Review"/"Reviewed", or contains レビュー or 見直し), whichever is newer.
        """
        dates = [control.doc.review.last] if control.doc.review.last else []
        for commit in self.history.of(control.path):
            if _REVIEW_WORDS.search(commit.subject):
                dates.append(commit.date.date())
                break
        return max(dates) if dates else None


def assess(repo: Repository, today: dt.date, *, history: History | None = None) -> Assessment:
    """Judge the repository as of ``today``: history, evidence states, measures."""
    hashed = [item.file for item in repo.evidence.values() if item.sha256 is not None and not item.in_store]
    hashes = HashCache(repo.root).many(hashed)
    trust = gather_trust(repo, today)
    return Assessment(
        today=today,
        history=history if history is not None else read_history(repo.root),
        evidence=assess_evidence(repo, today, hashes, trust),
        measures=evaluate_measures(repo, today),
        trust=trust,
    )
