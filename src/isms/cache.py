"""Where isms keeps what it remembers between runs, outside every repository."""

from __future__ import annotations

import hashlib
import json
import os
import stat
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


def read_own(file: Path) -> bytes | None:
    """Return the bytes of a cache file when it is this user's regular file and nobody else can write it.

    A cache folder shared with others (``ISMS_CACHE_DIR=/tmp``) must not let them choose what a run
    reads (a hash cache that says a tampered file is unchanged), nor make it wait on a pipe or follow
    a link: the file is opened without blocking or following a link. None otherwise.

    Raises:
        OSError: when the file cannot be opened or read (absent, a link, unreadable).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(file, flags), "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022:
            return None
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            return None
        return handle.read()


def read_json(file: Path) -> object:
    """Return the JSON a cache file holds (`read_own`); None when it is absent, not this user's or not JSON."""
    try:
        raw = read_own(file)
        return None if raw is None else json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None


def write_json(file: Path, data: Any) -> bool:
    """Write ``data`` as JSON to ``file`` atomically, readable by this user only; False when it cannot.

    A cache that cannot be written is skipped: every caller can do without it, so an ``OSError``
    (read-only home, full disk) is not an error.
    """
    return write_bytes(file, json.dumps(data, ensure_ascii=False).encode("utf-8"), 0o600)


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
