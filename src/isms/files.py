"""Reading the user's files: regular files only, within a size limit per kind.

A FIFO, socket or device node where a file is expected would block a run forever (or read
without end), so it is refused before it is opened; a file over its kind's limit is refused
before it is read. The limits are documented in the README ("Limits").
"""

from __future__ import annotations

import os
import stat
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
    """A file that is not read: not a regular file, or over its kind's size limit."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def refusal(mode: int) -> str | None:
    """Return why a file of this ``st_mode`` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return f"is {_kind(mode)}, not a regular file; isms reads regular files only: replace it with the file"


def _check(path: Path, st: os.stat_result, limit: int | None) -> None:
    why = refusal(st.st_mode)
    if why is not None:
        raise FileRefused(why)
    if limit is not None and st.st_size > limit:
        msg = (
            f"is {st.st_size:,} bytes, over the limit of {limit:,} bytes for this kind of file; "
            "split it into smaller files"
        )
        raise FileRefused(msg)


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
        raise FileRefused(msg)
    return data


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading in binary (to stream a large one).

    Raises:
        FileRefused: when it is a FIFO, socket, device or folder.
        OSError: when it cannot be opened.
    """
    _check(path, path.stat(), None)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    handle = os.fdopen(fd, "rb")
    try:
        _check(path, os.fstat(handle.fileno()), None)
    except FileRefused:
        handle.close()
        raise
    return handle
