"""Where isms keeps what it remembers between runs, outside every repository."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Return the cache folder: ``$ISMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/isms``, else ``~/.cache/isms``."""
    explicit = os.environ.get("ISMS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "isms"
