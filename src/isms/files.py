"""Reading the user's files: regular files only, within a size limit per kind.

A FIFO, socket or device node where a file is expected would block a run forever (or read
without end), so it is refused before it is opened; a file over its kind's limit is refused
before it is read. The limits are documented in the README ("Limits").
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MIB = 1 << 20

#: A YAML source file (isms.yaml, a catalog, control, policy, register, risk or asset file).
MAX_YAML_BYTES = 8 * MIB
#: A CSV or JSON evidence file that a measure reads.
MAX_DATA_BYTES = 64 * MIB
#: A spreadsheet given to `isms import` (on disk).
MAX_SHEET_FILE_BYTES = 32 * MIB
#: A workbook's content once unzipped (all its parts together).
MAX_UNZIPPED_BYTES = 32 * MIB
#: The cells an import reads: all sheets of a workbook together, or a CSV file. Memory grows with
#: them (a workbook loaded whole takes about 0.5 KB per cell), so they are counted before loading.
MAX_SHEET_CELLS = 500_000
#: The cells a workbook sheet may span (rows times columns up to its last used cell).
MAX_SHEET_ROWS = 100_000
MAX_SHEET_COLUMNS = 1_000


class FileRefused(OSError):
    """A file that is not read: not a regular file, or over its kind's size limit.

    ``str()`` is the reason in English, ``message_ja`` the same in Japanese (for the Japanese
    message of the finding or error that reports it).
    """

    def __init__(self, message: str, ja: str) -> None:
        super().__init__(message)
        self.message_ja = ja


def _kind(mode: int) -> tuple[str, str]:
    """Return what a file of this mode is, ``(ja, en)``."""
    if stat.S_ISFIFO(mode):
        return "FIFO（名前付きパイプ）", "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "ソケット", "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "デバイス", "a device"
    if stat.S_ISDIR(mode):
        return "フォルダ", "a folder"
    return "通常のファイル以外のもの", "not a regular file"


_ONLY = "isms reads regular files only: replace it with the file"


def refusal(mode: int) -> str | None:
    """Return why a file of this ``st_mode`` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return f"is {_kind(mode)[1]}, not a regular file; {_ONLY}"


def refusal_ja(mode: int) -> str:
    """Return `refusal` in Japanese (for a mode that is not a regular file's)."""
    return (
        f"{_kind(mode)[0]}で、通常のファイルではありません。"
        "isms は通常のファイルだけを読みます。ファイルそのものに置き換えてください"
    )


def too_big(size: int, limit: int) -> FileRefused:
    """Return the refusal of a file of ``size`` bytes over ``limit``."""
    msg = f"is {size:,} bytes, over the limit of {limit:,} bytes for this kind of file; split it into smaller files"
    ja = f"{size:,} bytes あり、この種類のファイルの上限 {limit:,} bytes を超えています。小さなファイルに分けてください"
    return FileRefused(msg, ja)


def _check(path: Path, st: os.stat_result, limit: int | None) -> None:
    why = refusal(st.st_mode)
    if why is not None:
        raise FileRefused(why, refusal_ja(st.st_mode))
    if limit is not None and st.st_size > limit:
        raise too_big(st.st_size, limit)


def is_regular(path: Path) -> bool:
    """Return True when ``path`` (symlinks followed) is a regular file."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """Return the content of a regular file of at most ``limit`` bytes.

    Raises:
        FileRefused: when it is a FIFO, socket, device or folder, or larger than ``limit``.
        OSError: when it cannot be read (missing, no permission).
    """
    _check(path, path.stat(), limit)
    # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it does not block.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        _check(path, os.fstat(handle.fileno()), limit)
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        msg = f"grew over the limit of {limit:,} bytes while it was read; split it into smaller files"
        ja = f"読み込み中に上限 {limit:,} bytes を超えて大きくなりました。小さなファイルに分けてください"
        raise FileRefused(msg, ja)
    return data


def open_regular(path: Path, limit: int | None = None) -> BinaryIO:
    """Open a regular file of at most ``limit`` bytes for reading in binary (to stream a large one).

    Raises:
        FileRefused: when it is a FIFO, socket, device or folder, or larger than ``limit``.
        OSError: when it cannot be opened.
    """
    _check(path, path.stat(), limit)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    handle = os.fdopen(fd, "rb")
    try:
        _check(path, os.fstat(handle.fileno()), limit)
    except FileRefused:
        handle.close()
        raise
    return handle


#: git's modes of a symlink and of a submodule (a gitlink) in a tree.
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
#: How many symlinks one path may go through before it counts as a loop (as Linux's ELOOP).
_MAX_LINKS = 40


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """One file of a git tree: its mode (``100644``, ``120000``...), blob id and size in bytes."""

    mode: str
    blob: str
    size: int


#: Reads git objects by id in one pass; an id that names nothing maps to None.
Fetch = Callable[[list[str]], Mapping[str, bytes | None]]


def _missing() -> FileNotFoundError:
    return FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))


class Tree:
    """The files of one git revision under the ISMS root, read from git objects, never written to disk.

    ``files`` maps each path (relative to the ISMS root, POSIX) to its entry. Symlinks are blobs
    whose content is the target: they are followed inside the tree, and a path that leads out of
    it *leaves* the repository, as on disk. Contents are read in batches through ``fetch`` and
    kept only for YAML sources and symlinks; evidence files are hashed once per blob (the hash
    table can be shared by the trees of one diff: blob ids are content addresses).
    """

    def __init__(self, files: Mapping[str, TreeEntry], fetch: Fetch, hashes: dict[str, str] | None = None) -> None:
        """Index the listing; read symlinks, YAML sources and attestations in one pass."""
        self.files = dict(files)
        self._fetch = fetch
        self.hashes: dict[str, str] = {} if hashes is None else hashes
        self.folders = {rel.rsplit("/", i)[0] for rel in self.files for i in range(1, rel.count("/") + 1)}
        self._contents: dict[str, bytes] = {}
        self.preload(
            rel
            for rel, entry in self.files.items()
            if entry.mode == SYMLINK_MODE
            or rel.lower().endswith((".yaml", ".yml"))
            or (rel.startswith("attestations/") and rel.endswith(".json"))
        )

    @property
    def fetch(self) -> Fetch:
        """How this tree reads git objects: blob ids or ``rev:./path`` names, relative to the ISMS root."""
        return self._fetch

    def preload(self, rels: Iterable[str]) -> None:
        """Read the blobs of these paths (when not read yet) in one pass."""
        blobs = [self.files[rel].blob for rel in rels if rel in self.files]
        wanted = [blob for blob in dict.fromkeys(blobs) if blob not in self._contents]
        if wanted:
            self._contents.update((blob, data) for blob, data in self._fetch(wanted).items() if data is not None)

    def _content(self, blob: str) -> bytes:
        if blob not in self._contents:
            data = self._fetch([blob]).get(blob)
            if data is None:
                raise _missing()
            self._contents[blob] = data
        return self._contents[blob]

    def link_target(self, rel: str) -> str:
        """Return what the symlink at ``rel`` points to, as written."""
        return self._content(self.files[rel].blob).decode("utf-8", "surrogateescape")

    def resolve(self, rel: str) -> tuple[str, str]:
        """Follow symlinks in ``rel``: ``(kind, path)``, kind one of file, folder, missing, leaves, loop."""
        current = ""
        parts = [part for part in rel.split("/") if part and part != "."]
        links = 0
        while parts:
            part = parts.pop(0)
            if part == "..":
                if not current:
                    return "leaves", rel
                current = current.rsplit("/", 1)[0] if "/" in current else ""
                continue
            candidate = f"{current}/{part}" if current else part
            entry = self.files.get(candidate)
            if entry is not None and entry.mode == SYMLINK_MODE:
                links += 1
                if links > _MAX_LINKS:
                    return "loop", rel
                target = self.link_target(candidate)
                if target.startswith("/"):
                    return "leaves", rel
                parts = [p for p in target.split("/") if p and p != "."] + parts
                continue
            current = candidate
        if current in self.files:
            return ("file" if self.files[current].mode != SUBMODULE_MODE else "missing"), current
        if current in self.folders or not current:
            return "folder", current
        return "missing", current

    def leaves(self, rel: str) -> bool:
        """Return True when ``rel``, with symlinks followed, is outside the tree (False for a loop)."""
        return self.resolve(rel)[0] == "leaves"

    def read(self, rel: str, limit: int | None = None) -> bytes:
        """Return the content of the regular file at ``rel`` (symlinks followed).

        Raises:
            FileRefused: when it is a folder or a submodule, or larger than ``limit``.
            FileNotFoundError: when it is not in the tree.
        """
        kind, path = self.resolve(rel)
        if kind == "folder":
            raise FileRefused(refusal(stat.S_IFDIR) or "", refusal_ja(stat.S_IFDIR))
        if kind != "file":
            raise _missing()
        entry = self.files[path]
        if limit is not None and entry.size > limit:
            raise too_big(entry.size, limit)
        return self._content(entry.blob)

    def sha256_many(self, rels: Iterable[str], batch: int = 1000) -> dict[str, str | None]:
        """Return the SHA-256 of each regular file (None when it is not one); each blob is hashed once."""
        blobs: dict[str, str | None] = {}
        for rel in rels:
            kind, path = self.resolve(rel)
            blobs[rel] = self.files[path].blob if kind == "file" else None
        todo = [blob for blob in dict.fromkeys(b for b in blobs.values() if b) if blob not in self.hashes]
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            missing = [blob for blob in chunk if blob not in self._contents]
            fetched = self._fetch(missing) if missing else {}
            for blob in chunk:
                data = self._contents.get(blob, fetched.get(blob))
                if data is not None:
                    self.hashes[blob] = hashlib.sha256(data).hexdigest()
        return {rel: (self.hashes.get(blob) if blob else None) for rel, blob in blobs.items()}
