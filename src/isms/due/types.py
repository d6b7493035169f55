"""Due items: something an owner must do by a date (renew evidence, review a control, meet a `due:`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from isms.model.base import Text
from isms.model.repository import Repository
from isms.state.assessment import Assessment

_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing that falls due on a date.

    Attributes:
        kind: The provider's kind, e.g. ``evidence-expiry`` or ``control-review``.
        subject: What it is about: an evidence path, ``framework:id`` of a control, a policy id.
        owner: The owner id from isms.yaml who answers for it (None when nobody is named).
        due: The last day it is in order (evidence: its last valid day; reviews: the day they fall due).
        title: What falls due, in Japanese and English.
        action: What to do, naming the command or the file to edit (English).
        action_ja: The same in Japanese.
        path: The repository file to edit.
    """

    kind: str
    subject: str
    owner: str | None
    due: dt.date
    title: Text
    action: str
    action_ja: str
    path: str

    @property
    def uid(self) -> str:
        """Return an id that stays the same when the date moves (calendar apps update the event)."""
        return f"{self.kind}.{_UID_UNSAFE.sub('-', self.subject).strip('-')}@isms"

    def days(self, today: dt.date) -> int:
        """Return the days from ``today`` to the due date (negative: overdue)."""
        return (self.due - today).days

    def overdue(self, today: dt.date) -> bool:
        """Return True when the due date is before ``today``."""
        return self.due < today

    @staticmethod
    def sort_key(item: DueItem) -> tuple[dt.date, str, str]:
        """Order by date, then kind and subject."""
        return (item.due, item.kind, item.subject)


class Provider(Protocol):
    """A due-item kind's source: every item of that kind, whatever its date (the caller filters)."""

    def __call__(self, repo: Repository, ctx: Assessment) -> Iterator[DueItem]:
        """Yield the items; never print, never mutate."""
        ...
