"""Rendering on two cores: half of the files in a forked child, the other half here (issue #19).

Rendering a page is pure (a page model in, bytes out), and so is writing the SoA workbook or the
calendar feed; the files are independent, so a child forked after the page models exist makes every
other file and sends the bytes back through a pipe; nothing is pickled on the way in (the child has
the models already). The result is the same list, in the same order, as rendering them one by
one: the child's failure of any kind (an exception, a signal, a short read) falls back to rendering
its share here, so an error is raised here as it would be without the child.

Forking is done only where it is safe and pays: on Linux (a forked child that touches system
frameworks may crash on macOS), with more than one CPU, when no other thread runs (a lock held by a
thread would stay locked in the child forever), for more than ``FORK_ABOVE`` items, and when the
memory available is more than twice what this process holds: the collector is frozen over the fork,
but reference counts still make each side copy most of the heap it reads (measured at 1,000
controls: the child's private memory at the end was 136 MiB, the parent's 145 MiB).
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

T = TypeVar("T")

#: Fewer items than this are rendered here alone: a fork costs a few milliseconds and the example's ~230
#: pages take well under a second.
FORK_ABOVE = 400
#: The MkDocs hook that builds the site's pages on two cores the same way (:mod:`isms.site.engine_parallel`).
ENGINE_HOOK = Path(__file__).with_name("engine_parallel_hook.py")


def memory_to_spare() -> bool:
    """Return True when the memory available (Linux's ``MemAvailable``) is more than twice this process's."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            available = next(int(line.split()[1]) * 1024 for line in meminfo if line.startswith("MemAvailable:"))
        with open("/proc/self/statm", encoding="ascii") as statm:
            resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, StopIteration, ValueError, IndexError):
        return False
    return available > 2 * resident


def can_fork(count: int) -> bool:
    """Return True when ``count`` items are worth a child and a child is safe to fork."""
    return (
        count > FORK_ABOVE
        and sys.platform == "linux"
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and memory_to_spare()
    )


def read_all(fd: int) -> bytes:
    """Return everything written to a pipe until its other end is closed, and close this end."""
    chunks = []
    with os.fdopen(fd, "rb") as pipe:
        while chunk := pipe.read(1 << 20):
            chunks.append(chunk)
    return b"".join(chunks)


def _child(func: Callable[[T], bytes], items: Sequence[T], fd: int) -> NoReturn:
    """Render the child's share, write it to the pipe and leave without running the parent's exit handlers."""
    code = 1
    try:
        data = pickle.dumps([func(item) for item in items], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def map_in_two(func: Callable[[T], bytes], items: Sequence[T]) -> list[bytes]:
    """Return ``[func(item) for item in items]``, the odd items rendered in a forked child when `can_fork`."""
    if not can_fork(len(items)):
        return [func(item) for item in items]
    theirs_items = items[1::2]
    read, write = os.pipe()
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        gc.unfreeze()
        return [func(item) for item in items]
    if pid == 0:  # pragma: no cover - the child leaves through os._exit
        os.close(read)
        _child(func, theirs_items, write)
    os.close(write)
    gc.unfreeze()
    try:
        mine = [func(item) for item in items[0::2]]
    finally:
        data = read_all(read)
        _, status = os.waitpid(pid, 0)
    theirs: list[bytes] | None = None
    if os.waitstatus_to_exitcode(status) == 0:
        loaded = pickle.loads(data)  # noqa: S301 - our own child's output through our own pipe
        if isinstance(loaded, list) and len(loaded) == len(theirs_items):
            theirs = loaded
    if theirs is None:
        theirs = [func(item) for item in theirs_items]
    out: list[bytes] = []
    for index in range(len(items)):
        out.append(mine[index // 2] if index % 2 == 0 else theirs[index // 2])
    return out
