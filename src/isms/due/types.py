"""Due items: something an owner must do by a date (renew evidence, review a control, meet a `due:`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
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
    """A due-item kind's source: every item of that kind due on or before ``until``.

    A provider may yield later items too (the caller filters); one with many items (evidence)
    skips them before building them, so `isms remind` does not build 100,000 items to show ten.
    """

    def __call__(self, repo: Repository, ctx: Assessment, until: dt.date) -> Iterator[DueItem]:
        """Yield the items; never print, never mutate."""
        ...


def text(ja: str, en: str) -> Text:
    """Return a ja/en text built by the tool (no validation needed)."""
    return Text.model_construct(ja=ja, en=en)


class Action(Protocol):
    """A planned action in a record: a risk treatment action or a corrective action."""

    @property
    def title(self) -> Text: ...
    @property
    def owner(self) -> str: ...
    @property
    def due(self) -> dt.date: ...
    @property
    def done(self) -> dt.date | None: ...


def open_actions(
    kind: str, record: str, path: str, actions: Sequence[Action], label: Text, ctx: Assessment
) -> Iterator[DueItem]:
    """Yield each action of ``record`` not done by the as-of day, due on its `due` date.

    ``label`` names the kind of action (e.g. 是正処置 / Corrective action) in the item's title.
    """
    for position, action in enumerate(actions):
        if ctx.counts(action.done):
            continue
        yield DueItem(
            kind=kind,
            subject=f"{record}#{position + 1}",
            owner=action.owner,
            due=action.due,
            title=text(
                f"{label.get('ja')} {record}: {action.title.get('ja')}",
                f"{label.get('en')} {record}: {action.title.get('en')}",
            ),
            action=f"complete it and record `done:` under `actions` in {path} (or agree a new `due`)",
            action_ja=f"実施して {path} の `actions` に `done:` を記録する（または `due` を見直す）",
            path=path,
        )
