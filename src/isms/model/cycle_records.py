"""Loaded cycle records: audits with their scope resolved, nonconformities, management reviews, objectives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from isms.model.cycle import AuditDoc, NonconformityDoc
from isms.model.review import ManagementReviewDoc, ObjectiveDoc

#: A requirement's key: (framework id, requirement id).
Key = tuple[str, str]

#: A nonconformity's standing on a day: open, its actions done but not closed, or closed.
NcStatus = Literal["open", "actions-done", "closed"]


def _on(day: dt.date | None, cutoff: dt.date) -> bool:
    return day is not None and day <= cutoff


@dataclass(frozen=True, slots=True)
class Audit:
    """An audit file, with its scope expanded to requirements."""

    id: str
    path: str
    doc: AuditDoc
    scope: tuple[Key, ...]
    finding_requirements: tuple[tuple[Key, ...], ...] = ()
    """The requirements each finding concerns, resolved (in the order of `findings`)."""

    def performed_by(self, cutoff: dt.date) -> bool:
        """Return True when the audit had been carried out by ``cutoff``."""
        return self.doc.performed is not None and self.doc.performed.start <= cutoff

    @property
    def year(self) -> int:
        """Return the year it is (or was) planned in."""
        return (self.doc.performed.start if self.doc.performed else self.doc.planned).year


@dataclass(frozen=True, slots=True)
class Nonconformity:
    """A nonconformity file, with the requirements it affects resolved."""

    id: str
    path: str
    doc: NonconformityDoc
    requirements: tuple[Key, ...]

    def status(self, cutoff: dt.date) -> NcStatus:
        """Return its standing as it was on ``cutoff`` (dates after it have not happened yet)."""
        if _on(self.doc.closed, cutoff):
            return "closed"
        actions = self.doc.actions
        if actions and all(_on(action.done, cutoff) for action in actions):
            return "actions-done"
        return "open"

    def overdue(self, today: dt.date, cutoff: dt.date) -> list[int]:
        """Return the positions of its corrective actions past due and not done as of the day."""
        return [
            position
            for position, action in enumerate(self.doc.actions)
            if action.due < today and not _on(action.done, cutoff)
        ]


@dataclass(frozen=True, slots=True)
class ManagementReview:
    """A management review file; its id is its date."""

    id: str
    date: dt.date
    path: str
    doc: ManagementReviewDoc


@dataclass(frozen=True, slots=True)
class Objective:
    """An objective file."""

    id: str
    path: str
    doc: ObjectiveDoc
