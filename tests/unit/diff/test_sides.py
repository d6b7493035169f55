"""`isms diff`'s two revisions on two cores: the same summaries, cache and errors as evaluated in turn."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from acceptance.test_diff import BASE, HEAD, TODAY
from helpers import child_processes, git, write_repo
from isms import forking
from isms.diff import sides, snapshot
from isms.diff.compare import Summary, compare
from isms.diff.snapshot import TreeAt, tree_at
from isms.errors import IsmsError
from isms.history.cache import CommitCache
from isms.history.types import History

DAY = dt.date.fromisoformat(TODAY)

pytestmark = pytest.mark.skipif(not forking.fork_pays(), reason="no second process here (not Linux, one CPU)")


@pytest.fixture
def listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, TreeAt, TreeAt]:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    root = write_repo(tmp_path / "repo", BASE)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "ISMS as it was", date="2026-01-10T10:00:00+09:00")
    write_repo(root, HEAD)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Implement R2, decide R4", date="2026-11-20T10:00:00+09:00")
    return root, tree_at(root, "HEAD~1"), tree_at(root, "HEAD")


def _caches(folder: Path) -> list[Any]:
    return [json.loads(file.read_text()) for file in sorted(folder.glob("history-v1-*.json"))]


def _here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the revisions this process evaluates itself (a forked child's records stay in the child)."""
    parent, evaluated = os.getpid(), []
    side = sides._side

    def recorded(root: Path, at: TreeAt, *args: Any) -> Summary:
        if os.getpid() == parent:
            evaluated.append(at.rev)
        return side(root, at, *args)

    monkeypatch.setattr(sides, "_side", recorded)
    return evaluated


def test_two_cores_give_the_summaries_and_the_cache_of_the_evaluation_in_turn(
    listed: tuple[Path, TreeAt, TreeAt], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    root, base, head = listed
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "turn"))
    turn = sides.in_turn(root, base, head, DAY, "ja")
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "two"))
    here = _here(monkeypatch)
    two = sides.summaries(root, base, head, DAY, "ja")
    assert here == ["HEAD"]  # the base came from the child
    assert two == turn
    assert compare(*two) == compare(*turn)
    assert compare(*two)["findings"]["new"]  # a comparison with something in it
    assert _caches(tmp_path / "two") == _caches(tmp_path / "turn") != []


@pytest.mark.parametrize("how", ["exits", "killed", "junk", "not-a-summary"])
def test_a_child_that_fails_has_its_revision_evaluated_here(
    listed: tuple[Path, TreeAt, TreeAt], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    root, base, head = listed
    turn = sides.in_turn(root, base, head, DAY, "en")

    def child(*args: Any) -> None:
        fd = args[-1]
        if how == "killed":
            os.kill(os.getpid(), signal.SIGKILL)
        if how in ("junk", "not-a-summary"):
            with os.fdopen(fd, "wb") as pipe:
                pipe.write(b"\x80\x05junk" if how == "junk" else b"\x80\x05K\x07.")  # a truncated pickle; the int 7
        os._exit(0 if how != "exits" else 3)

    monkeypatch.setattr(sides, "_child", child)
    here = _here(monkeypatch)
    assert sides.summaries(root, base, head, DAY, "en") == turn
    assert here == ["HEAD", "HEAD~1"]


def test_the_base_error_is_raised_first_as_in_turn(
    listed: tuple[Path, TreeAt, TreeAt], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base, head = listed
    failing = set()

    def history_at(root: Path, commit: str, prefix: str, cache: CommitCache | None = None) -> History:
        if commit in failing:
            msg = f"cannot walk {commit[:7]}"
            raise IsmsError(msg, ja=f"{commit[:7]} をたどれません")
        return snapshot.history_at(root, commit, prefix, cache)

    monkeypatch.setattr(sides, "history_at", history_at)
    failing.update({base.commit, head.commit})
    with pytest.raises(IsmsError, match=f"cannot walk {base.commit[:7]}"):
        sides.summaries(root, base, head, DAY, "en")
    failing.discard(base.commit)
    with pytest.raises(IsmsError, match=f"cannot walk {head.commit[:7]}"):
        sides.summaries(root, base, head, DAY, "en")
    assert child_processes() == []


def test_ctrl_c_here_leaves_no_child(listed: tuple[Path, TreeAt, TreeAt], monkeypatch: pytest.MonkeyPatch) -> None:
    root, base, head = listed
    parent = os.getpid()

    def side(*_args: Any) -> Summary:
        if os.getpid() != parent:
            time.sleep(3600)
        raise KeyboardInterrupt

    monkeypatch.setattr(sides, "_side", side)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        sides.summaries(root, base, head, DAY, "en")
    assert time.monotonic() - started < 30  # the sleeping child was killed, not waited for
    assert child_processes() == []


def test_no_child_where_a_fork_is_unsafe(listed: tuple[Path, TreeAt, TreeAt], monkeypatch: pytest.MonkeyPatch) -> None:
    root, base, head = listed
    monkeypatch.setattr(forking, "fork_pays", lambda: False)
    here = _here(monkeypatch)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked"))
    before, after = sides.summaries(root, base, head, DAY, "en")
    assert (before.rev, after.rev, here) == ("HEAD~1", "HEAD", ["HEAD~1", "HEAD"])
