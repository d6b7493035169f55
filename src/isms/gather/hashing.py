"""SHA-256 of evidence files, cached outside the repository so unchanged files are not re-read.

The cache is keyed on file identity as git's index is (device, inode, size, modification and
status-change times in ns): a file rewritten in place gets a new ctime even when its mtime is set
back, and is hashed again. Each entry is one string, ``"dev:ino:size:mtime:ctime sha256"``: a
cache of 100,000 files then loads in about a third of the time lists of numbers take (issue 19).
The cache is not trusted at all (every file is read) with ``trusted=False``: under
``isms check --strict`` and when ``CI`` is set.
Only regular files are read: a FIFO or device node has no hash (and never blocks the run).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from isms.cache import cache_dir, read_json, root_key, write_json
from isms.files import open_regular

__all__ = ["HashCache", "cache_dir", "sha256_bytes", "sha256_file"]

_CHUNK = 1 << 20


def sha256_bytes(content: bytes) -> str:
    """Return the hex SHA-256 of ``content``."""
    return hashlib.sha256(content).hexdigest()


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's content."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_regular(path: str) -> str:
    """Return the hex SHA-256 of a file that a ``stat`` just found regular (no second ``stat`` first).

    It is opened without blocking and checked again once open, as :func:`isms.files.open_regular`
    does, should it have been swapped for a FIFO in between.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", path)
        digest = hashlib.sha256()
        while chunk := os.read(fd, _CHUNK):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest()


def identity(st: os.stat_result) -> str:
    """Return a file's identity as the cache keeps it (device, inode, size, mtime and ctime in ns)."""
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


class HashCache:
    """Hashes of files under one root, remembered between runs."""

    def __init__(
        self,
        root: Path,
        folder: Path | None = None,
        known: Mapping[str, str] | None = None,
        *,
        trusted: bool | None = None,
    ) -> None:
        """Open the cache for ``root`` (nothing is read until first use).

        ``known`` gives hashes already computed from the very bytes of those files (`isms diff`
        hashes each git blob once, in memory, for both revisions); they are used as they are.
        ``trusted`` False hashes every file anew (the results are still saved); None means
        trusted unless the ``CI`` environment variable is set.
        """
        self.root = root
        self.known: Mapping[str, str] = known or {}
        self.trusted = not os.environ.get("CI") if trusted is None else trusted
        key = root_key(root)
        # v3: an entry is one string (v2 had lists); the name changed so that an older isms never misreads one.
        self.file = (folder or cache_dir()) / f"hashes-v3-{key}.json"
        self._top = str(root)
        self._entries: dict[str, str] | None = None
        self._changed = False

    def _load(self) -> dict[str, str]:
        if self._entries is None:
            loaded = read_json(self.file)
            self._entries = loaded if isinstance(loaded, dict) else {}
        return self._entries

    def sha256(self, rel: str) -> str | None:
        """Return the SHA-256 of ``root/rel``, or None when it cannot be read."""
        if rel in self.known:
            return self.known[rel]
        path = os.path.join(self._top, rel)
        try:
            st = os.stat(path)
        except (OSError, ValueError):  # missing, no permission, a NUL byte in the name
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        now = identity(st)
        entries = self._load()
        cached = entries.get(rel)
        if self.trusted and isinstance(cached, str):
            seen, _, known = cached.partition(" ")
            if seen == now and known:
                return known
        try:
            value = sha256_regular(path)
        except OSError:
            return None
        entries[rel] = f"{now} {value}"
        self._changed = True
        return value

    def many(self, rels: Iterable[str]) -> dict[str, str | None]:
        """Return the hashes of several files and save the cache."""
        result = {rel: self.sha256(rel) for rel in rels}
        self.save()
        return result

    def save(self) -> None:
        """Write the cache if it changed; a cache that cannot be written is skipped silently."""
        if not self._changed or self._entries is None:
            return
        if write_json(self.file, self._entries):
            self._changed = False
