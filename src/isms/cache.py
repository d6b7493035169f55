"""Where isms keeps what it remembers between runs, outside every repository."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """Return the cache folder: ``$ISMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/isms``, else ``~/.cache/isms``."""
    explicit = os.environ.get("ISMS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "isms"


def root_key(root: Path) -> str:
    """Return the part of a cache file's name that says which repository it belongs to (its absolute path)."""
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def write_json(file: Path, data: Any) -> bool:
    """Write ``data`` as JSON to ``file`` atomically (a temporary file, then a rename); False when it cannot.

    A cache that cannot be written is skipped: every caller can do without it, so an ``OSError``
    (read-only home, full disk) is not an error.
    """
    return write_bytes(file, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def write_bytes(file: Path, data: bytes, mode: int = 0o666) -> bool:
    """Write ``data`` to ``file`` atomically (a temporary file, then a rename); False when it cannot.

    ``mode`` is the new file's permissions before the umask (0o600: readable and writable by this user only).
    """
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        tmp.replace(file)
    except OSError:
        return False
    return True
