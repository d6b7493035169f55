"""Making files in two processes gives the same bytes, in the same order, and falls back when the child fails."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from helpers import child_processes
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
    monkeypatch.setattr(parallel._Counter, "take", lambda self, slot=0: sys.maxsize)
    out = parallel.map_in_two(_render, range(7))
    assert [line.split(b" rendered")[0] for line in out] == [f"page {n}".encode() for n in range(7)]


def _pages(made: list[int], keys: str = "page") -> parallel.Later:
    """The later jobs: ``made`` records the process that made them (a child's record stays in the child)."""

    def later() -> list[tuple[str, parallel.Job]]:
        made.append(os.getpid())
        return [(f"{keys}-{n}", functools.partial(_slow, n)) for n in range(40)]

    return later


def _slow(n: int) -> bytes:
    time.sleep(0.01)
    return _render(n)


def _sources(out: list[bytes]) -> set[bytes]:
    return {line.rsplit(b" ", 1)[1] for line in out}


def test_the_child_makes_the_first_list_and_then_builds_the_later_jobs_itself_when_it_pays() -> None:
    """The child starts on the downloads at once; 40 pages of 10 ms are worth its building them (no cost here)."""
    if not parallel.can_fork(50):
        pytest.skip("no second process here (not Linux, one CPU, or threads running)")
    made: list[int] = []
    now, later = parallel.make_in_two([functools.partial(_render, n) for n in range(3)], _pages(made), 50)
    assert made == [os.getpid()]
    assert [line.split(b" rendered")[0] for line in now] == [f"page {n}".encode() for n in range(3)]
    assert [line.split(b" rendered")[0] for line in later] == [f"page {n}".encode() for n in range(40)]
    child = _sources(now) - {str(os.getpid()).encode()}
    assert now[0].endswith(b" " + child.pop())  # the first download is the child's
    assert len(_sources(later)) == 2  # both made pages


def test_later_items_of_a_child_that_made_other_jobs_are_not_taken() -> None:
    """Were the child's models to differ from this side's, its pages are made here: the keys must be the same."""
    if not parallel.can_fork(50):
        pytest.skip("no second process here (not Linux, one CPU, or threads running)")
    parent = os.getpid()
    own, other = _pages([]), _pages([], keys="other")

    def later() -> Sequence[tuple[str, parallel.Job]]:
        return own() if os.getpid() == parent else other()

    now, made = parallel.make_in_two([functools.partial(_render, n) for n in range(3)], later, 50)
    assert made == [_render(n) for n in range(40)]  # every page made here, the child's too
    assert str(parent).encode() not in _sources(now)  # the downloads the child made are taken


def test_a_failing_model_build_raises_at_once_and_ends_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child would fail alike: it is killed, not waited for (its first job would take a minute)."""
    if not parallel.can_fork(50):
        pytest.skip("no second process here (not Linux, one CPU, or threads running)")
    monkeypatch.setattr(forking, "CHILD_WAIT_MIN", 120.0)

    def fails() -> list[tuple[str, parallel.Job]]:
        msg = "models"
        raise ValueError(msg)

    started = time.monotonic()
    with pytest.raises(ValueError, match="models"):
        parallel.make_in_two([functools.partial(time.sleep, 60)], fails, 50)  # type: ignore[list-item]
    assert time.monotonic() - started < 30
    assert child_processes() == []


def test_without_a_child_the_models_come_first_then_the_first_list_then_the_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The order of making them one by one, so that the error raised is the one a build without a child raises."""
    monkeypatch.setattr(parallel, "FORK_ABOVE", 100)
    order: list[str] = []

    def job(name: str) -> bytes:
        order.append(name)
        return name.encode()

    def later() -> list[tuple[str, parallel.Job]]:
        order.append("models")
        return [("p", functools.partial(job, "page"))]

    assert parallel.make_in_two([functools.partial(job, "download")], later, 50) == ([b"download"], [b"page"])
    assert order == ["models", "download", "page"]


def test_the_child_builds_the_models_only_when_what_is_left_would_take_longer() -> None:
    counter = parallel._Counter(0)
    assert counter.worth_making()  # this side is still building them: every page lies ahead
    counter.begin(10, built=10**9)
    assert counter.worth_making()  # none taken yet
    for _ in range(10):
        counter.take(parallel._LATER)
    assert not counter.worth_making()  # all taken
    counter = parallel._Counter(0)
    counter.begin(100, built=10**12)  # 1,000 s to build them: never worth it for what is left
    counter.take(parallel._LATER)
    assert not counter.worth_making()
    counter = parallel._Counter(0)
    counter.begin(10**6, built=1)  # a nanosecond to build them and a million pages left
    counter.take(parallel._LATER)
    assert counter.worth_making()


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
