"""Forking a child to do half of the work on the other core, and taking its answer back (issue 19).

Used by the site's page rendering (:mod:`isms.site.parallel`), the MkDocs engine split
(:mod:`isms.site.engine_parallel`) and `isms diff`'s two revisions (:mod:`isms.diff.sides`). A fork is
safe only on Linux (a forked child that touches system frameworks may crash on macOS) and when no
other thread runs (a lock held by a thread would stay locked in the child forever); it pays only
with more than one CPU and memory to spare (:func:`fork_pays`). A child dies with its parent
(:func:`die_with_parent`) and one that does not answer in time is killed (:func:`child_answer`): the
caller then does the child's work itself, so a failed child costs time, never a result.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
import time
from dataclasses import dataclass

#: How long a parent, its own share done, waits for its child's answer: this many seconds, or this many
#: times as long as its own share took, whichever is longer. A child that has not answered by then (stuck,
#: stopped) is killed and its share done by the parent, as when the child fails: slower, never lost, no hang.
CHILD_WAIT_MIN = 60.0
CHILD_WAIT_FACTOR = 2.0
#: prctl(2)'s option that has the kernel signal a process when its parent dies.
_PR_SET_PDEATHSIG = 1


def memory_available() -> int:
    """Return the bytes of memory available (Linux's ``MemAvailable``); 0 where it cannot be read."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            return next(int(line.split()[1]) * 1024 for line in meminfo if line.startswith("MemAvailable:"))
    except (OSError, StopIteration, ValueError, IndexError):
        return 0


def memory_to_spare() -> bool:
    """Return True when the memory available (Linux's ``MemAvailable``) is more than twice this process's."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return False
    return memory_available() > 2 * resident


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


def fork_pays() -> bool:
    """Return True on Linux with more than one CPU, no other thread running and memory to spare."""
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and threading.active_count() == 1 and memory_to_spare()


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


@dataclass(frozen=True, slots=True)
class Forked:
    """One side of a fork joined by a pipe (:func:`fork_child`).

    In the child ``pid`` is 0 and ``fd`` the pipe's write end; in the parent ``pid`` is the child's
    and ``fd`` the read end (for :func:`child_answer`).
    """

    pid: int
    fd: int
    started: float
    """`time.monotonic` of the fork."""

    def answer(self) -> tuple[bytes, int]:
        """In the parent: the child's answer and exit code (:func:`child_answer`)."""
        return child_answer(self.fd, self.pid, self.started)

    def kill(self) -> None:
        """In the parent: end the child at once (its answer, then, is what it wrote before and ``-SIGKILL``)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)


def fork_child() -> Forked | None:
    """Fork a child that writes its answer to a pipe and dies with its parent; None when the fork fails.

    Nothing is left open when it fails; the caller then does the child's work itself.
    """
    read, write = os.pipe()
    started = time.monotonic()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read)
        die_with_parent(parent)
        return Forked(0, write, started)
    os.close(write)
    return Forked(pid, read, started)
