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
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

from isms import forking

T = TypeVar("T")

#: Fewer items than this are rendered here alone: a fork costs a few milliseconds and the example's ~230
#: pages take well under a second.
FORK_ABOVE = 400
#: The MkDocs hook that builds the site's pages on two cores the same way (:mod:`isms.site.engine_parallel`).
ENGINE_HOOK = Path(__file__).with_name("engine_parallel_hook.py")
#: Seconds to wait for the counter's lock, held for microseconds, before taking no more items.
_LOCK_WAIT = 10.0


def can_fork(count: int) -> bool:
    """Return True when ``count`` items are worth a child and a child is safe to fork."""
    return count > FORK_ABOVE and forking.fork_pays()


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
    frozen = gc.get_freeze_count() > 0  # a caller's freeze is the caller's to end
    gc.freeze()
    forked = forking.fork_child()
    if forked is None:
        if not frozen:
            gc.unfreeze()
        return [func(item) for item in items]
    if forked.pid == 0:  # pragma: no cover - the child leaves through os._exit
        _child(func, items, counter, forked.fd)
    mine: dict[int, bytes] = {}
    try:
        with contextlib.suppress(Exception):  # rendered again below, in order, to raise as without a child
            mine = _work(func, items, 0, counter)
    finally:
        data, code = forked.answer()
        if not frozen:
            gc.unfreeze()
    if code == 0:
        loaded = pickle.loads(data)  # noqa: S301 - our own child's output through our own pipe
        if isinstance(loaded, dict):
            mine.update((index, value) for index, value in loaded.items() if index not in mine)
    return [mine[index] if index in mine else func(items[index]) for index in range(len(items))]
