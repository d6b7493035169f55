"""Where isms keeps what it remembers between runs, outside every repository."""

from __future__ import annotations

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


def write_json(file: Path, data: Any) -> bool:
    """Write ``data`` as JSON to ``file`` atomically (a temporary file, then a rename); False when it cannot.

    A cache that cannot be written is skipped: every caller can do without it, so an ``OSError``
    (read-only home, full disk) is not an error.
    """
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(file)
    except OSError:
        return False
    return True
