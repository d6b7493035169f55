"""What each commit changed, remembered between runs, so a run walks only the commits it has not seen.

A commit id is a content address: its date, author, subject and the files it changed against its
parents never change. Walking the history costs git a tree diff per commit, and a diff is as long
as the folders it changed (a flat folder of 10,000 control files costs 10,000 entries a commit),
so the full `git log --name-only` of a large ISMS grows faster than its size (issue 19). With this
cache a run lists the commits (`git log --format=%H`, no diffs) and asks git for the diffs of the
commits not cached only; a commit of another branch or of a rewritten history is simply not in
the list, and is dropped when the cache is written again.

Kept in the cache folder (`isms.cache.cache_dir`), one JSON file per ISMS root. Like the other
caches it is not trusted (the whole history is walked again, and the cache rewritten) with
``trusted=False``: under ``isms check --strict`` and when ``CI`` is set, where the history is
what a gate stands on and a cache restored into the job is a file anyone able to write the CI cache
could have forged; CI jobs start without one anyway. It is never used in a shallow clone (deepening
it gives its oldest commits parents, and so other diffs) or with replaced objects and grafts.
With signatures (`%G?`), the cache holds the allowed-signers list it was read with and is
dropped when the list changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from isms.cache import cache_dir, read_json, root_key, write_json
from isms.history.types import CommitInfo

#: A commit and the ISMS paths it changed (relative to the ISMS root).
Changes = tuple[CommitInfo, tuple[str, ...]]
_FIELDS = 7  # date, author, subject, signature, signer, key, paths (joined by NUL, which no git path holds)


def _storable(commit: CommitInfo, paths: Iterable[str]) -> bool:
    """Return whether the text came from valid UTF-8: a replaced or escaped byte is walked again instead."""
    texts = (commit.author, commit.subject, commit.signer, commit.key, *paths)
    return not any("\ufffd" in text or (not text.isascii() and not _encodes(text)) for text in texts)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (``surrogateescape``)
        return False
    return True


def _entry(sha: str, raw: object) -> Changes | None:
    """Return a cached commit; None when the entry is not what `CommitCache.save` writes."""
    if type(raw) is not list or len(raw) != _FIELDS or not all(type(value) is str for value in raw):
        return None
    date, author, subject, mark, signer, key, paths = raw
    try:
        when = dt.datetime.fromisoformat(date)
    except ValueError:
        return None
    return CommitInfo(sha, when, author, subject, mark, signer, key), tuple(paths.split("\0")) if paths else ()


class CommitCache:
    """The ISMS paths each commit changed, with its header, remembered between runs."""

    def __init__(self, root: Path, folder: Path | None = None, *, trusted: bool | None = None) -> None:
        """Open the cache for ``root`` (nothing is read until first use).

        ``trusted`` None means trusted unless the ``CI`` environment variable is set.
        """
        self.trusted = not os.environ.get("CI") if trusted is None else trusted
        key = root_key(root)
        self.file = (folder or cache_dir()) / f"history-v1-{key}.json"
        self._mode: str | None = None
        self._entries: dict[str, Changes] = {}
        self._changed = False
        self._held = False
        self._pending: list[str] | None = None

    def open(self, signers: str | None) -> None:
        """Read the cache for a walk with ``signers`` (the allowed-signers text; None: no signatures).

        A cache written with other signers (or without) is dropped; an untrusted cache is not read.
        """
        mode = "" if signers is None else hashlib.sha256(signers.encode()).hexdigest()
        if self._mode == mode:
            return
        self._mode, self._entries, self._changed = mode, {}, True
        if not self.trusted:
            return
        loaded = read_json(self.file)
        if not isinstance(loaded, dict) or loaded.get("mode") != mode or not isinstance(loaded.get("commits"), dict):
            return
        for sha, raw in loaded["commits"].items():
            if (entry := _entry(sha, raw)) is not None:
                self._entries[sha] = entry
        self._changed = False

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, sha: str) -> Changes | None:
        """Return the commit ``sha`` and the paths it changed; None when it is not known here."""
        return self._entries.get(sha)

    def put(self, commit: CommitInfo, paths: tuple[str, ...]) -> None:
        """Remember ``commit`` and the paths it changed (not when its text had bytes that are not UTF-8)."""
        if _storable(commit, paths):
            self._entries[commit.sha] = (commit, paths)
            self._changed = True

    def save(self, keep: Iterable[str]) -> None:
        """Write the commits ``keep`` names (the others belong to another branch or an old history).

        A cache that cannot be written is skipped silently; a `hold`ing cache writes at `release`.
        """
        if self._held:
            self._pending = list(keep)
            return
        kept = {sha: self._entries[sha] for sha in keep if sha in self._entries}
        if not self._changed and len(kept) == len(self._entries):
            return
        self._entries = kept
        commits = {
            sha: [c.date.isoformat(), c.author, c.subject, c.signature, c.signer, c.key, "\0".join(paths)]
            for sha, (c, paths) in kept.items()
        }
        if write_json(self.file, {"mode": self._mode, "commits": commits}):
            self._changed = False

    def hold(self) -> None:
        """Keep `save` from writing until `release`: for a walk that may yet be discarded (`isms.history.early`)."""
        self._held = True

    def release(self) -> None:
        """Write what a `save` while held would have written, if one was called."""
        self._held = False
        pending, self._pending = self._pending, None
        if pending is not None:
            self.save(pending)
