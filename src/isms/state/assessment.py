"""Everything judged as of one day, computed once and shared by checks, metrics and outputs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from isms.gather.facts import Facts
from isms.history.types import History
from isms.loader.discover import is_isms_path
from isms.model.policy import Approval
from isms.model.repository import Control, Policy, Repository
from isms.state.cadence import EvidenceGap, evidence_gaps
from isms.state.evidence import EvidenceStatus, assess_evidence
from isms.state.measures import MeasureResult, evaluate_measures
from isms.state.rewrites import Rewrite, find_rewrites
from isms.stores.gather import Trust

#: A commit subject that records a review: "Review 5.15 …", "Reviewed …", "…レビュー…", "…見直し…".
_REVIEW_WORDS = re.compile(r"^\s*review(ed)?\b|レビュー|見直し", re.IGNORECASE)


#: Dates up to one day after the real current date are not "in the future" (time zones ahead of UTC).
TOLERANCE = dt.timedelta(days=1)


@dataclass(frozen=True)
class Assessment:
    """The repository's state on a day.

    Attributes:
        today: The day judged on (``--today``).
        history: Git history up to ``cutoff`` (empty outside git; ``partial`` in a shallow clone).
        evidence: State of every declared evidence item.
        measures: Every effectiveness measure, computed.
        trust: Store attestations and evidence signatures, checked.
        gaps: Ended periods of recurring records (`expects:`) without a record.
        rewrites: Evidence changed after the commit that recorded it without a new date.
        pinned: True when the day was given (``--today``): the ISMS as it stood on that day.
            False for the real current date, where a date later than tomorrow is an error.
        uncommitted: ISMS files (`isms.loader.discover.is_isms_path`) with uncommitted changes,
            sorted: when there are any, the outputs differ from the commit they name and say so.
        codeowners: The text of ``.github/CODEOWNERS`` as gathered (None when there is none).
    """

    today: dt.date
    history: History
    evidence: dict[str, EvidenceStatus]
    measures: list[MeasureResult]
    trust: Trust = field(default_factory=Trust)
    pinned: bool = True
    gaps: tuple[EvidenceGap, ...] = ()
    rewrites: tuple[Rewrite, ...] = ()
    uncommitted: tuple[str, ...] = ()
    codeowners: str | None = None

    @property
    def cutoff(self) -> dt.date:
        """Return the last date that counts: ``today``, or tomorrow for the real date (time zones)."""
        return self.today if self.pinned else self.today + TOLERANCE

    def counts(self, day: dt.date | None) -> bool:
        """Return True when a recorded date is on or before the cutoff (it had happened)."""
        return day is not None and day <= self.cutoff

    def approval(self, policy: Policy) -> Approval | None:
        """Return the policy's approval if it had been given by the as-of day."""
        approved = policy.doc.approved
        return approved if approved is not None and self.counts(approved.date) else None

    def last_changed(self, path: str) -> dt.date | None:
        """Return the date of the newest commit that touched a file (None without history)."""
        when = self.history.last_changed(path)
        return when.date() if when else None

    def last_reviewed(self, control: Control) -> dt.date | None:
        """Return when the control was last reviewed.

        That is `review.last`, or a later commit to its file whose subject records a review
        (starts with "Review"/"Reviewed", or contains レビュー or 見直し), whichever is newer.
        """
        last = control.doc.review.last
        dates = [last] if last is not None and self.counts(last) else []
        for commit in self.history.of(control.path):
            if _REVIEW_WORDS.search(commit.subject):
                dates.append(commit.date.date())
                break
        return max(dates) if dates else None


def assess(repo: Repository, today: dt.date, facts: Facts, *, pinned: bool = True) -> Assessment:
    """Judge the repository as it stood on ``today`` from what was gathered: a pure function.

    Evidence dated, reviews and approvals given, commits made and measure rows recorded after
    the cutoff (``today``; tomorrow when ``pinned`` is False) do not count.
    """
    cutoff = today if pinned else today + TOLERANCE
    full = facts.history
    upto = full.until(cutoff)
    return Assessment(
        today=today,
        history=upto,
        evidence=assess_evidence(repo, today, facts.hashes, facts.trust, cutoff=cutoff),
        measures=evaluate_measures(repo, facts.tables, today, cutoff=cutoff),
        trust=facts.trust,
        pinned=pinned,
        gaps=evidence_gaps(repo, today, cutoff),
        rewrites=tuple(find_rewrites(repo, upto, facts.first_records)),
        uncommitted=tuple(sorted(path for path in full.dirty if is_isms_path(path))),
        codeowners=facts.codeowners,
    )
