"""Making the site's files on two cores: shared between this process and a forked child (issue #19).

Rendering a page is pure (a page model in, bytes out), and so is writing the SoA workbook or the
calendar feed; the files are independent. The downloads need only the evaluation, the pages need
their models first (a few seconds at 10,000 controls), so the child is forked before the models
exist: it starts on the downloads while this process builds the models, and nothing is pickled on
the way in. Each side takes the next item of each list from a counter they share: this process the
pages, then any download the child has not taken; the child the downloads, then, when enough pages
are left to pay for it, builds the same models itself and takes pages too (its pages count only when
it made the same list, by path). The bytes come back through a pipe. The result is the same lists,
in the same order, as making them one by one: when the child fails in any way (an exception, a
signal, a short read) or an item fails here, what is missing is made here in order, so an error is
raised here as it would be without the child.

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
import functools
import gc
import mmap
import multiprocessing
import os
import pickle
import sys
import time
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


# The slots of the shared state: the next item of each list to take, the number of later items (-1 until
# this side has them), how long making them took and when this side began on them (`time.monotonic_ns`,
# the same clock in both processes).
_NOW, _LATER, _TOTAL, _BUILT, _BEGUN = range(5)


class _Counter:
    """The state this process and the child share (anonymous shared memory under one lock)."""

    def __init__(self, now: int) -> None:
        self._memory = mmap.mmap(-1, 8 * 5)
        for slot, value in enumerate((now, 0, -1, 0, 0)):
            self._put(slot, value)
        self._lock = multiprocessing.get_context("fork").Lock()

    def _get(self, slot: int) -> int:
        return int.from_bytes(self._memory[8 * slot : 8 * slot + 8], "little", signed=True)

    def _put(self, slot: int, value: int) -> None:
        self._memory[8 * slot : 8 * slot + 8] = value.to_bytes(8, "little", signed=True)

    def take(self, slot: int = _NOW) -> int:
        """Return the next index of a list; past every item when the lock stays taken (its holder died holding it).

        This side then stops taking; what nobody made is made by the parent afterwards, in order.
        """
        if not self._lock.acquire(timeout=_LOCK_WAIT):
            return sys.maxsize
        try:
            index = self._get(slot)
            self._put(slot, index + 1)
        finally:
            self._lock.release()
        return index

    def begin(self, total: int, built: int) -> None:
        """Say that the later items are made: ``total`` of them, in ``built`` nanoseconds, rendered from now on."""
        if self._lock.acquire(timeout=_LOCK_WAIT):
            try:
                for slot, value in ((_TOTAL, total), (_BUILT, built), (_BEGUN, time.monotonic_ns())):
                    self._put(slot, value)
            finally:
                self._lock.release()

    def worth_making(self) -> bool:
        """Return True when the child, making the later items itself, would still find work that shortens the whole.

        It pays when the items not yet taken would keep this side busier than it took to make them: unknown
        while this side still makes them (it has every item ahead of it), none when every one is taken.
        """
        if not self._lock.acquire(timeout=_LOCK_WAIT):
            return False
        try:
            total, taken, built, begun = (self._get(slot) for slot in (_TOTAL, _LATER, _BUILT, _BEGUN))
        finally:
            self._lock.release()
        if total < 0:
            return True
        if taken >= total:
            return False
        elapsed = time.monotonic_ns() - begun
        return taken == 0 or (total - taken) * elapsed / taken > built


def _take_all(
    make: Callable[[int], bytes], count: int, counter: _Counter, slot: int, first: int | None = None
) -> dict[int, bytes]:
    """Make item ``first`` if given, then the items of a list the counter gives, until none is left; by index."""
    done: dict[int, bytes] = {}
    index = counter.take(slot) if first is None else first
    while index < count:
        done[index] = make(index)
        index = counter.take(slot)
    return done


Job = Callable[[], bytes]
"""One file to make: pure, its bytes depend on nothing but the data it closes over."""
Later = Callable[[], Sequence[tuple[str, Job]]]
"""Makes the jobs that need more than the data (the page models first): the same keyed jobs wherever it runs."""


def _child(now: Sequence[Job], later: Later, counter: _Counter, fd: int) -> NoReturn:
    """Make the child's share of both lists, write it to the pipe and leave without the parent's exit handlers.

    The items ready at once first; then, when `_Counter.worth_making`, the later ones, made here too. The
    keys of those go back with them: the parent takes the child's later items only when its keys are the same.
    """
    code = 1
    try:
        made_now = _take_all(lambda index: now[index](), len(now), counter, _NOW, first=0)
        keys: list[str] | None = None
        made_later: dict[int, bytes] = {}
        if counter.worth_making():
            try:
                jobs = later()
                keys = [key for key, _ in jobs]
                made_later = _take_all(lambda index: jobs[index][1](), len(jobs), counter, _LATER)
            except Exception:  # made by the parent instead, which raises as without a child
                keys, made_later = None, {}
        data = pickle.dumps((made_now, keys, made_later), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def make_in_two(now: Sequence[Job], later: Later, count: int) -> tuple[list[bytes], list[bytes]]:
    """Return ``now``'s bytes and those of ``later()``'s jobs, in order, shared with a forked child when `can_fork`.

    ``now`` are the files that can be made at once (the downloads made from the data), ``later`` makes the
    rest's jobs (the page models, then a page each); ``count`` is about how many items there will be. This
    side makes ``later()``'s jobs first and the child ``now``, so that the models are built on one core
    while the downloads are made on the other; each side then takes what the other has not, and the child
    makes the models too when what is left pays for it (`_Counter.worth_making`). Without a child: the
    models, ``now``, the pages, one by one; an error is raised as it would be then.
    """
    if not can_fork(count):
        return _one_by_one(now, later)
    counter = _Counter(now=1)  # the first is the child's: it starts on it at once
    frozen = gc.get_freeze_count() > 0  # a caller's freeze is the caller's to end
    gc.freeze()
    forked = forking.fork_child()
    if forked is None:
        if not frozen:
            gc.unfreeze()
        return _one_by_one(now, later)
    if forked.pid == 0:  # pragma: no cover - the child leaves through os._exit
        _child(now, later, counter, forked.fd)
    mine_now: dict[int, bytes] = {}
    mine_later: dict[int, bytes] = {}
    jobs: Sequence[tuple[str, Job]] = ()
    try:
        started = time.monotonic_ns()
        jobs = later()
        counter.begin(len(jobs), time.monotonic_ns() - started)
        with contextlib.suppress(Exception):  # made again below, in order, to raise as without a child
            mine_later = _take_all(lambda index: jobs[index][1](), len(jobs), counter, _LATER)
        with contextlib.suppress(Exception):
            mine_now = _take_all(lambda index: now[index](), len(now), counter, _NOW)
    except BaseException:  # the models failed (the child's would fail alike) or the build is stopped
        forked.kill()
        raise
    finally:
        data, code = forked.answer()
        if not frozen:
            gc.unfreeze()
    if code == 0:
        _merge(pickle.loads(data), [key for key, _ in jobs], mine_now, mine_later)  # noqa: S301 - our own child's
    made_now = [mine_now[index] if index in mine_now else job() for index, job in enumerate(now)]
    return made_now, [mine_later[index] if index in mine_later else job() for index, (_, job) in enumerate(jobs)]


def _one_by_one(now: Sequence[Job], later: Later) -> tuple[list[bytes], list[bytes]]:
    jobs = later()
    return [job() for job in now], [job() for _, job in jobs]


def _merge(answer: object, keys: list[str], mine_now: dict[int, bytes], mine_later: dict[int, bytes]) -> None:
    """Add the child's items to this side's: its later items only when it made the same later jobs."""
    if not (isinstance(answer, tuple) and len(answer) == 3):
        return
    made_now, its_keys, made_later = answer
    if isinstance(made_now, dict):
        mine_now.update((index, value) for index, value in made_now.items() if index not in mine_now)
    if its_keys == keys and isinstance(made_later, dict):
        mine_later.update((index, value) for index, value in made_later.items() if index not in mine_later)


def map_in_two(func: Callable[[T], bytes], items: Sequence[T]) -> list[bytes]:
    """Return ``[func(item) for item in items]``, shared with a forked child when `can_fork`."""
    return make_in_two([functools.partial(func, item) for item in items], lambda: (), len(items))[0]
