"""Everything judged as of one day, computed once and shared by checks, metrics and outputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from isms.history.git import read_history
from isms.history.types import History
from isms.model.repository import Repository
from isms.state.evidence import EvidenceStatus, assess_evidence
from isms.state.hashing import HashCache
from isms.state.measures import MeasureResult, evaluate_measures


@dataclass(frozen=True)
class Assessment:
    """The repository's state on a day.

    Attributes:
        today: The day judged on (``--today``).
        history: Git history (empty outside git; ``partial`` in a shallow clone).
        evidence: State of every declared evidence item.
        measures: Every effectiveness measure, computed.
    """

    today: dt.date
    history: History
    evidence: dict[str, EvidenceStatus]
    measures: list[MeasureResult]


def assess(repo: Repository, today: dt.date, *, history: History | None = None) -> Assessment:
    """Judge the repository as of ``today``: history, evidence states, measures."""
    hashed = [item.file for item in repo.evidence.values() if item.sha256 is not None]
    hashes = HashCache(repo.root).many(hashed)
    return Assessment(
        today=today,
        history=history if history is not None else read_history(repo.root),
        evidence=assess_evidence(repo, today, hashes),
        measures=evaluate_measures(repo, today),
    )
