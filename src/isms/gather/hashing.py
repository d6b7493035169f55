"""SHA-256 of evidence files, cached outside the repository so unchanged files are not re-read.

The cache is keyed on file identity (device, inode, size, modification time in ns): a file
rewritten in place gets a new mtime and is hashed again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

_CHUNK = 1 << 20


def cache_dir() -> Path:
    """Return the cache folder: ``$ISMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/isms``, else ``~/.cache/isms``."""
    explicit = os.environ.get("ISMS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "isms"


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class HashCache:
    """Hashes of files under one root, remembered between runs."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        """Open the cache for ``root`` (nothing is read until first use)."""
        self.root = root
        key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        self.file = (folder or cache_dir()) / f"hashes-{key}.json"
        self._entries: dict[str, list[int | str]] | None = None
        self._changed = False

    def _load(self) -> dict[str, list[int | str]]:
        if self._entries is None:
            try:
                loaded = json.loads(self.file.read_text(encoding="utf-8"))
                self._entries = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._entries = {}
        return self._entries

    def sha256(self, rel: str) -> str | None:
        """Return the SHA-256 of ``root/rel``, or None when it cannot be read."""
        path = self.root / rel
        try:
            st = path.stat()
        except OSError:
            return None
        identity: list[int | str] = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]
        entries = self._load()
        cached = entries.get(rel)
        if cached is not None and cached[:4] == identity:
            return str(cached[4])
        try:
            value = sha256_file(path)
        except OSError:
            return None
        entries[rel] = [*identity, value]
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
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self._entries), encoding="utf-8")
            tmp.replace(self.file)
        except OSError:
            return
        self._changed = False
