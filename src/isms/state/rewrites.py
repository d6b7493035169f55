"""Evidence rewritten in place: its content changed after the commit that recorded it, its date did not.

A file changed together with its `sha256` passes the hash check; only git history shows that the
register once recorded another hash for the same evidence date (a silent rewrite of history).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from isms.errors import IsmsError
from isms.history.git import run_git
from isms.history.types import History
from isms.loader.yaml import parse
from isms.model.repository import EvidenceItem, Repository


@dataclass(frozen=True, slots=True)
class Rewrite:
    """An evidence item whose recorded hash changed while its date stayed the same."""

    item: EvidenceItem
    commit: str
    """The commit that first recorded the file (abbreviated)."""
    recorded: str
    """The sha256 the register recorded in that commit."""


def _recorded(root: Path, sha: str, register: str, entry: str) -> tuple[str | None, str | None]:
    """Return (sha256, date) the register recorded for an entry in a commit; None where it cannot say."""
    try:
        text = run_git(root, "show", f"{sha}:./{register}").decode("utf-8", "replace")
    except IsmsError:
        return None, None
    data: Any = parse(text, register).data
    items = data.get("evidence") if isinstance(data, dict) else None
    for raw in items if isinstance(items, list) else []:
        if isinstance(raw, dict) and str(raw.get("path", "")) == entry:
            sha256, date = raw.get("sha256"), raw.get("date")
            return (str(sha256) if sha256 else None), (str(date) if date else None)
    return None, None


def find_rewrites(repo: Repository, history: History) -> list[Rewrite]:
    """Return hashed evidence files changed after the commit that recorded them, without a new date."""
    if not history.available:
        return []
    found = []
    for item in repo.evidence.values():
        commits = history.of(item.file)
        if item.in_store or item.sha256 is None or len(commits) < 2:
            continue
        first = commits[-1]
        entry = PurePosixPath(item.file).relative_to(PurePosixPath(item.register).parent).as_posix()
        recorded, date = _recorded(repo.root, first.sha, item.register, entry)
        if recorded is None or recorded == item.sha256 or date is None:
            continue
        try:
            same_day = dt.date.fromisoformat(date) == item.date
        except ValueError:
            continue
        if same_day:
            found.append(Rewrite(item, first.short, recorded))
    return found
