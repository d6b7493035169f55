"""Reminders: the due items of a window, grouped by owner, as the JSON contract of `isms remind`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from isms.contracts import DueItemJson, RemindDocument, Version
from isms.due import due_items
from isms.due.types import DueItem
from isms.model.base import add_duration
from isms.model.repository import Repository
from isms.state.assessment import Assessment

#: The version of the `isms remind --format json` and `--format github-issues` contracts.
VERSION: Version = "1"
UNASSIGNED = "unassigned"


@dataclass(frozen=True, slots=True)
class OwnerGroup:
    """One owner's items (``owner`` is None for items nobody owns)."""

    owner: str | None
    name_ja: str | None
    name_en: str | None
    github: tuple[str, ...]
    gitlab: tuple[str, ...]
    items: tuple[DueItem, ...]


@dataclass(frozen=True, slots=True)
class Reminders:
    """What `isms remind` reports."""

    today: dt.date
    within: str
    until: dt.date
    commit: str | None
    groups: tuple[OwnerGroup, ...]

    @property
    def items(self) -> list[DueItem]:
        """Return every item, by owner."""
        return [item for group in self.groups for item in group.items]


def remind(
    repo: Repository, ctx: Assessment, within: str, owner: str | None = None, *, keep_empty: bool = False
) -> Reminders:
    """Return the items due on or before ``today + within`` (overdue ones included), grouped by owner.

    Owners come in the order of isms.yaml, then owners not declared there, then the unassigned items.
    ``keep_empty`` keeps the declared owners with nothing due (the issue plan closes their issue).
    """
    today = ctx.today
    until = add_duration(today, within)
    items = due_items(repo, ctx, until=until, owner=owner)
    by_owner: dict[str | None, list[DueItem]] = {}
    for item in items:
        by_owner.setdefault(item.owner, []).append(item)
    declared = [o for o in repo.config.owners if owner is None or o == owner]
    order: list[str | None] = [*declared, *sorted(o for o in by_owner if o is not None and o not in declared)]
    if None in by_owner:
        order.append(None)
    groups = []
    for oid in order:
        found = by_owner.get(oid, [])
        if not found and not keep_empty:
            continue
        info = repo.config.owners.get(oid) if oid is not None else None
        groups.append(
            OwnerGroup(
                owner=oid,
                name_ja=info.name.get("ja") if info else None,
                name_en=info.name.get("en") if info else None,
                github=tuple(info.github) if info else (),
                gitlab=tuple(info.gitlab) if info else (),
                items=tuple(found),
            )
        )
    return Reminders(today, within, until, ctx.history.head, tuple(groups))


def item_json(item: DueItem, today: dt.date) -> DueItemJson:
    """Return one item of the JSON contract."""
    return {
        "kind": item.kind,
        "subject": item.subject,
        "owner": item.owner,
        "due": item.due.isoformat(),
        "days": item.days(today),
        "overdue": item.overdue(today),
        "title": item.title.get("en"),
        "title_ja": item.title.get("ja"),
        "action": item.action,
        "action_ja": item.action_ja,
        "path": item.path,
        "uid": item.uid,
    }


def reminders_document(reminders: Reminders) -> RemindDocument:
    """Return the `isms remind --format json` document (contract version 1)."""
    today = reminders.today
    items = reminders.items
    overdue = sum(1 for item in items if item.overdue(today))
    return {
        "version": VERSION,
        "as_of": today.isoformat(),
        "within": reminders.within,
        "until": reminders.until.isoformat(),
        "commit": reminders.commit,
        "owners": [
            {
                "id": group.owner,
                "name": group.name_en,
                "name_ja": group.name_ja,
                "github": list(group.github),
                "gitlab": list(group.gitlab),
                "items": [item_json(item, today) for item in group.items],
            }
            for group in reminders.groups
        ],
        "summary": {"total": len(items), "overdue": overdue, "due": len(items) - overdue},
    }
