"""Rendering in two processes gives the same bytes, in the same order, and falls back when the child fails."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from isms import forking
from isms.site import parallel


@pytest.fixture(autouse=True)
def _fork_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "FORK_ABOVE", 2)


def _render(n: int) -> bytes:
    return f"page {n} rendered in {os.getpid()}".encode()


def test_both_halves_come_back_in_order_one_of_them_from_a_child() -> None:
    if not parallel.can_fork(11):
        pytest.skip("no second process here (not Linux, one CPU, or threads running)")
    out = parallel.map_in_two(_render, range(11))
    assert [line.split(b" rendered")[0] for line in out] == [f"page {n}".encode() for n in range(11)]
    pids = {line.rsplit(b" ", 1)[1] for line in out}
    assert str(os.getpid()).encode() in pids
    assert len(pids) == 2


def test_a_failing_child_leaves_its_share_to_the_parent_which_raises_as_without_a_child() -> None:
    parent = os.getpid()

    def fails_in_child(n: int) -> bytes:
        if os.getpid() != parent:
            msg = "child"
            raise RuntimeError(msg)
        return _render(n)

    out = parallel.map_in_two(fails_in_child, range(9))
    assert [line.split(b" rendered")[0] for line in out] == [f"page {n}".encode() for n in range(9)]
    assert {line.rsplit(b" ", 1)[1] for line in out} == {str(parent).encode()}

    def fails(n: int) -> bytes:
        if n == 5:
            msg = "page 5"
            raise ValueError(msg)
        return _render(n)

    with pytest.raises(ValueError, match="page 5"):
        parallel.map_in_two(fails, range(9))


def test_a_child_that_never_answers_is_killed_and_its_share_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    if not parallel.can_fork(11):
        pytest.skip("no second process here (not Linux, one CPU, or threads running)")
    monkeypatch.setattr(forking, "CHILD_WAIT_MIN", 0.0)
    monkeypatch.setattr(forking, "CHILD_WAIT_FACTOR", 1.0)
    parent = os.getpid()

    def hangs_in_child(n: int) -> bytes:
        if os.getpid() != parent:
            time.sleep(3600)
        return _render(n)

    out = parallel.map_in_two(hangs_in_child, range(11))
    assert out == [_render(n) for n in range(11)]


def test_no_child_while_another_thread_runs_or_for_a_few_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "FORK_ABOVE", 100)
    assert not parallel.can_fork(100)
    monkeypatch.setattr(parallel, "FORK_ABOVE", 2)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork(50)
        out = parallel.map_in_two(_render, range(5))
        assert {line.rsplit(b" ", 1)[1] for line in out} == {str(os.getpid()).encode()}
    finally:
        stop.set()
        thread.join()


def test_no_child_without_memory_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each side ends up copying most of the heap it reads: a child needs about as much memory again."""
    monkeypatch.setattr(forking, "memory_to_spare", lambda: False)
    assert not parallel.can_fork(50)
    out = parallel.map_in_two(_render, range(5))
    assert {line.rsplit(b" ", 1)[1] for line in out} == {str(os.getpid()).encode()}


def test_a_lock_left_taken_stops_the_sharing_and_the_parent_makes_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    """A side whose counter lock stays taken (its holder died holding it) takes no more; nothing is lost."""
    monkeypatch.setattr(parallel, "_LOCK_WAIT", 0.01)
    counter = parallel._Counter(2)
    assert counter.take() == 2
    counter._lock.acquire()
    assert counter.take() == sys.maxsize
    counter._lock.release()
    monkeypatch.setattr(parallel._Counter, "take", lambda self: sys.maxsize)
    out = parallel.map_in_two(_render, range(7))
    assert [line.split(b" rendered")[0] for line in out] == [f"page {n}".encode() for n in range(7)]


#: A process that hands out three items, takes the first itself and dies (SIGKILL, as the OOM killer
#: would) once its child has started on the second, which would otherwise take a minute.
_DIES = """
import os, signal, sys, time
from pathlib import Path
from isms.site import parallel
parallel.FORK_ABOVE = 2
mark, parent = Path(sys.argv[1]), os.getpid()
def job(n):
    if os.getpid() != parent:
        mark.write_text(str(os.getpid()))
        time.sleep(60)
        return b""
    while not mark.exists():
        time.sleep(0.01)
    os.kill(parent, signal.SIGKILL)
    return b""
parallel.map_in_two(job, range(3))
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_a_child_dies_with_its_parent(tmp_path: Path) -> None:
    if not parallel.can_fork(3):
        pytest.skip("no second process here (not Linux, one CPU, or threads running)")
    mark = tmp_path / "child.pid"
    done = subprocess.run([sys.executable, "-c", _DIES, str(mark)], check=False, timeout=60)
    assert done.returncode == -signal.SIGKILL
    child = int(mark.read_text())
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)
