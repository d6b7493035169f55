"""Rendering on two cores: the files shared between this process and a forked child (issue #19).

Rendering a page is pure (a page model in, bytes out), and so is writing the SoA workbook or the
calendar feed; the files are independent, so a child forked after the page models exist makes part of
them and sends the bytes back through a pipe; nothing is pickled on the way in (the child has the
models already). Each side takes the next item from a counter they share (the first two items are
one each), so a side that got a long job (the workbook) takes fewer pages and both end together. The
result is the same list, in the same order, as rendering them one by one: when the child fails in any
way (an exception, a signal, a short read) or an item fails here, what is missing is rendered here in
order, so an error is raised here as it would be without the child.

Forking is done only where it is safe and pays: on Linux (a forked child that touches system
frameworks may crash on macOS), with more than one CPU, when no other thread runs (a lock held by a
thread would stay locked in the child forever), for more than ``FORK_ABOVE`` items, and when the
memory available is more than twice what this process holds: the collector is frozen over the fork
(and until this side is done, so that neither side scans the heap they share), but reference counts
still make each side copy most of the heap it reads (measured at 1,000 controls: the child's private
memory at the end was 136 MiB, the parent's 145 MiB). A child dies with its parent (:func:`die_with_parent`).
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import multiprocessing
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

T = TypeVar("T")

#: Fewer items than this are rendered here alone: a fork costs a few milliseconds and the example's ~230
#: pages take well under a second.
FORK_ABOVE = 400
#: The MkDocs hook that builds the site's pages on two cores the same way (:mod:`isms.site.engine_parallel`).
ENGINE_HOOK = Path(__file__).with_name("engine_parallel_hook.py")
#: Seconds to wait for the counter's lock, held for microseconds, before taking no more items.
_LOCK_WAIT = 10.0
#: How long a parent, its own share done, waits for its child's answer: this many seconds, or this many
#: times as long as its own share took, whichever is longer. A child that has not answered by then (stuck,
#: stopped) is killed and its share done by the parent, as when the child fails: slower, never lost, no hang.
CHILD_WAIT_MIN = 60.0
CHILD_WAIT_FACTOR = 2.0
#: prctl(2)'s option that has the kernel signal a process when its parent dies.
_PR_SET_PDEATHSIG = 1


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


def die_with_parent(parent: int, sig: signal.Signals = signal.SIGKILL) -> None:
    """In a child of ``parent``: have Linux send ``sig`` to it when its parent dies (``PR_SET_PDEATHSIG``).

    A parent killed from outside (the OOM killer, ``kill -9``) then leaves no child building on for minutes
    into a pipe nobody reads. A parent already gone before the request took effect ends the child at once.
    """
    if sys.platform.startswith("linux"):
        import ctypes  # noqa: PLC0415 - only in a child, never at start-up

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), sig)


def can_fork(count: int) -> bool:
    """Return True when ``count`` items are worth a child and a child is safe to fork."""
    return (
        count > FORK_ABOVE
        and sys.platform == "linux"
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and memory_to_spare()
    )


def child_answer(fd: int, pid: int, started: float) -> tuple[bytes, int]:
    """Return what child ``pid`` wrote to the pipe ``fd`` until it closed it, and its exit code; close ``fd``.

    ``started`` is the `time.monotonic` of the fork. A child that keeps the pipe open longer than
    `CHILD_WAIT_MIN` / `CHILD_WAIT_FACTOR` allow is killed: its exit code is then ``-SIGKILL``.
    """
    budget = max(CHILD_WAIT_MIN, CHILD_WAIT_FACTOR * (time.monotonic() - started))
    deadline = time.monotonic() + budget
    chunks = []
    ready = select.poll()  # not select.select: no limit on the descriptor's number
    ready.register(fd, select.POLLIN)
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not ready.poll(left * 1000):
                os.kill(pid, signal.SIGKILL)
                break
            chunk = pipe.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    return b"".join(chunks), os.waitstatus_to_exitcode(status)


class _Counter:
    """The index of the next item to take, shared by this process and the child (anonymous shared memory)."""

    def __init__(self, start: int) -> None:
        self._memory = mmap.mmap(-1, 8)
        self._memory[:8] = start.to_bytes(8, "little")
        self._lock = multiprocessing.get_context("fork").Lock()

    def take(self) -> int:
        """Return the next index; past every item when the lock stays taken (its holder died holding it).

        This side then stops taking; what nobody made is made by the parent afterwards, in order.
        """
        if not self._lock.acquire(timeout=_LOCK_WAIT):
            return sys.maxsize
        try:
            index = int.from_bytes(self._memory[:8], "little")
            self._memory[:8] = (index + 1).to_bytes(8, "little")
        finally:
            self._lock.release()
        return index


def _work(func: Callable[[T], bytes], items: Sequence[T], first: int, counter: _Counter) -> dict[int, bytes]:
    """Render item ``first``, then the items the counter gives, until none is left; return them by index."""
    done: dict[int, bytes] = {}
    index = first
    while index < len(items):
        done[index] = func(items[index])
        index = counter.take()
    return done


def _child(func: Callable[[T], bytes], items: Sequence[T], counter: _Counter, fd: int) -> NoReturn:
    """Render the child's share, write it to the pipe and leave without running the parent's exit handlers."""
    code = 1
    try:
        data = pickle.dumps(_work(func, items, 1, counter), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def map_in_two(func: Callable[[T], bytes], items: Sequence[T]) -> list[bytes]:
    """Return ``[func(item) for item in items]``, shared with a forked child when `can_fork`.

    This side starts with the first item and the child with the second; long jobs go first for an even share.
    """
    if not can_fork(len(items)):
        return [func(item) for item in items]
    counter = _Counter(2)
    read, write = os.pipe()
    started = time.monotonic()
    parent = os.getpid()
    frozen = gc.get_freeze_count() > 0  # a caller's freeze is the caller's to end
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        if not frozen:
            gc.unfreeze()
        return [func(item) for item in items]
    if pid == 0:  # pragma: no cover - the child leaves through os._exit
        os.close(read)
        die_with_parent(parent)
        _child(func, items, counter, write)
    os.close(write)
    mine: dict[int, bytes] = {}
    try:
        with contextlib.suppress(Exception):  # rendered again below, in order, to raise as without a child
            mine = _work(func, items, 0, counter)
    finally:
        data, code = child_answer(read, pid, started)
        if not frozen:
            gc.unfreeze()
    if code == 0:
        loaded = pickle.loads(data)  # noqa: S301 - our own child's output through our own pipe
        if isinstance(loaded, dict):
            mine.update((index, value) for index, value in loaded.items() if index not in mine)
    return [mine[index] if index in mine else func(items[index]) for index in range(len(items))]
