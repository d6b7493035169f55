"""What registers recorded in earlier commits, remembered between runs (`evidence-rewritten`).

A register at a commit (``<commit>:./<path>``) never changes: the commit id is a content address.
So what it recorded for an entry, once read from git and parsed, is kept in the cache folder
(`isms.gather.hashing.cache_dir`) beside the hashes, and the next run asks git only for registers
it has not seen: on a benchmark repository of 1,000 controls that was a second of every run,
parsing the first version of every register again (issue 19). Like the hash cache, it is not
trusted (everything is read anew) with ``trusted=False``: under ``isms check --strict`` and when
``CI`` is set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from isms.cache import read_json, root_key, write_json
from isms.gather.facts import Recorded
from isms.gather.hashing import cache_dir


class RecordCache:
    """(sha256, date) per register version and entry, remembered between runs."""

    def __init__(self, root: Path, folder: Path | None = None, *, trusted: bool | None = None) -> None:
        """Open the cache for ``root`` (nothing is read until first use).

        ``trusted`` None means trusted unless the ``CI`` environment variable is set.
        """
        self.trusted = not os.environ.get("CI") if trusted is None else trusted
        key = root_key(root)
        self.file = (folder or cache_dir()) / f"records-v1-{key}.json"
        self._entries: dict[str, dict[str, Any]] | None = None
        self._changed = False

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            self._entries = {}
            loaded = read_json(self.file)
            if isinstance(loaded, dict):
                self._entries = {name: entries for name, entries in loaded.items() if isinstance(entries, dict)}
        return self._entries

    def get(self, name: str, entry: str) -> Recorded | None:
        """Return what register version ``name`` recorded for ``entry``; None when it is not known here."""
        if not self.trusted:
            return None
        found = self._load().get(name, {}).get(entry)
        if not isinstance(found, list) or len(found) != 2:
            return None
        sha256, date = found
        if not (sha256 is None or isinstance(sha256, str)) or not (date is None or isinstance(date, str)):
            return None
        return sha256, date

    def put(self, name: str, entry: str, recorded: Recorded) -> None:
        """Remember what register version ``name`` recorded for ``entry``."""
        self._load().setdefault(name, {})[entry] = list(recorded)
        self._changed = True

    def save(self) -> None:
        """Write the cache if it changed; a cache that cannot be written is skipped silently."""
        if not self._changed or self._entries is None:
            return
        if write_json(self.file, self._entries):
            self._changed = False
