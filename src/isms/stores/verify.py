"""`isms evidence verify`: hash every file a store's items refer to and sign what was found.

Hashing runs at disk speed: large reads into one reused buffer, digests updated in C, several
files at once (hashlib releases the GIL), so no Python code runs per byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from isms.model.repository import EvidenceItem
from isms.stores.attestation import AttestedItem, Result

_BUFFER = 4 << 20


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    buffer = bytearray(_BUFFER)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as handle:
        while size := handle.readinto(buffer):
            digest.update(view[:size])
    return digest.hexdigest()


def find(store_root: Path, ref: str) -> tuple[str | None, Result]:
    """Return the SHA-256 of ``ref`` inside the store and how it was found (before comparing).

    A ref that leads out of the store (a symlink) is ``outside`` and is never read.
    """
    path = store_root / ref
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        return None, "missing"
    except (OSError, RuntimeError):
        return None, "unreadable"
    if not resolved.is_relative_to(store_root):
        return None, "outside"
    if not resolved.is_file():
        return None, "missing"
    try:
        return _hash(resolved), "match"
    except OSError:
        return None, "unreadable"


def hash_store(store_root: Path, items: Iterable[EvidenceItem], workers: int | None = None) -> list[AttestedItem]:
    """Hash every item's file in the store and compare it with the register's `sha256`."""
    root = store_root.resolve()
    listed = list(items)
    count = workers or min(8, (os.cpu_count() or 1) + 1)
    with ThreadPoolExecutor(max_workers=count) as pool:
        found = list(pool.map(lambda item: find(root, item.ref or ""), listed))
    attested = []
    for item, (digest, how) in zip(listed, found, strict=True):
        result: Result = "mismatch" if how == "match" and digest != item.sha256 else how
        attested.append(AttestedItem(item.ref or "", digest, result))
    return attested


def store_items(items: Iterable[EvidenceItem], store: str) -> list[EvidenceItem]:
    """Return the items that live in ``store``, sorted by ref."""
    return sorted((i for i in items if i.store == store), key=lambda i: i.ref or "")


def today_utc() -> dt.date:
    """Return today's date in UTC."""
    return dt.datetime.now(dt.UTC).date()
