"""A cold walk split over several git processes, and one started ahead of the load, give the one-pass history."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from acceptance.store_fixture import make_key, needs_ssh, public
from helpers import TODAY, child_processes, git, good_repo, write_repo
from isms.errors import UsageError
from isms.evaluation import evaluate, guess_signers, start_history
from isms.findings import Finding
from isms.history import git as history_git
from isms.history.cache import CommitCache
from isms.history.early import EarlyHistory
from isms.history.git import read_history
from isms.history.types import History
from isms.loader.assemble import load_repository
from isms.loader.yaml import parse
from isms.signing.allowed import allowed_signers

pytestmark = needs_ssh


def _commit(root: Path, message: str, date: str, key: Path | None = None) -> None:
    git(root, "add", "-A")
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-S"] if key else ["commit"]
    git(root, *signing, "-q", "-m", message, date=date)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys")
    make_key(folder, "ciso")
    return folder


@pytest.fixture
def root(tmp_path: Path, keys: Path) -> Path:
    """Signed and unsigned commits, a rename, Japanese names, a file outside the ISMS folders, a merge."""
    made = good_repo(tmp_path / "repo")
    config = (made / "isms.yaml").read_text()
    config = config.replace(
        'ciso: {name: CISO, github: ["@test/ciso"]}',
        'ciso: {name: CISO, github: ["@test/ciso"], ssh_keys: '
        f'[{{key: "{public(keys / "ciso")}", valid_after: 2026-01-01, valid_before: 2027-12-31}}]}}',
    )
    write_repo(made, {"isms.yaml": config + "require_signed_commits: [evidence/**, controls/**]\n"})
    git(made, "init", "-q", "-b", "main")
    _commit(made, "Initial ISMS", "2026-10-01T09:00:00+09:00", keys / "ciso")
    write_repo(made, {"evidence/hr/研修記録.md": "記録\n", "README.md": "outside\n"})
    _commit(made, "証跡を追加", "2026-10-02T09:00:00+09:00")
    git(made, "checkout", "-q", "-b", "side")
    write_repo(made, {"evidence/hr/面談.md": "面談\n"})
    _commit(made, "Side evidence", "2026-10-03T09:00:00+09:00", keys / "ciso")
    git(made, "checkout", "-q", "main")
    git(made, "mv", "evidence/hr/研修記録.md", "evidence/hr/研修記録-2026.md")
    _commit(made, "Rename the record", "2026-10-04T09:00:00+09:00")
    git(made, "merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2026-10-05T09:00:00+09:00")
    for day in range(6, 12):
        write_repo(made, {"controls/demo/1.2.yaml": f"status: planned\nowner: ciso\ndue: 2027-03-{day + 10}\n"})
        _commit(made, f"Postpone 1.2 ({day})", f"2026-10-{day:02}T09:00:00+09:00", keys / "ciso" if day % 2 else None)
    write_repo(made, {"evidence/hr/未コミット.md": "dirty\n"})
    return made


def _history_caches(folder: Path) -> list[Path]:
    return sorted(folder.glob("history-v1-*.json"))


def _signers(root: Path) -> str:
    return allowed_signers(load_repository(root).repository.config)


def _one_pass(root: Path, monkeypatch: pytest.MonkeyPatch, signers: str | None, cache: CommitCache | None) -> History:
    with monkeypatch.context() as patch:
        patch.setattr(history_git, "workers", lambda: 1)
        return read_history(root, signers, cache)


@pytest.mark.parametrize("workers", [2, 3, 5])
def test_a_split_cold_walk_gives_the_one_pass_history_and_cache(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    signers = _signers(root)
    before = _one_pass(root, monkeypatch, signers, CommitCache(root, tmp_path / "one", trusted=True))
    monkeypatch.setattr(history_git, "SPLIT_AT", 2)
    monkeypatch.setattr(history_git, "workers", lambda: workers)
    after = read_history(root, signers, CommitCache(root, tmp_path / "split", trusted=True))
    assert after == before
    assert read_history(root) == _one_pass(root, monkeypatch, None, None)  # unsigned, without a cache
    ((one,), (split,)) = ((tmp_path / "one").iterdir(), (tmp_path / "split").iterdir())
    assert json.loads(split.read_text()) == json.loads(one.read_text())
    assert [c.signature for c in after.of("controls/demo/1.2.yaml")] == ["G", "N", "G", "N", "G", "N", "G"]
    assert [c.subject for c in after.of("evidence/hr/研修記録-2026.md")] == ["Rename the record"]
    assert [c.subject for c in after.of("evidence/hr/面談.md")] == ["Side evidence"]
    assert "README.md" not in after.files
    assert after.dirty == {"evidence/hr/未コミット.md"}


def test_a_warm_walk_splits_the_missing_commits_alike(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signers = _signers(root)
    folder = tmp_path / "cache"
    read_history(root, signers, CommitCache(root, folder, trusted=True))
    (file,) = folder.iterdir()
    data = json.loads(file.read_text())
    data["commits"] = dict(list(data["commits"].items())[:2])  # most commits are new to the cache
    file.write_text(json.dumps(data))
    monkeypatch.setattr(history_git, "SPLIT_AT", 2)
    monkeypatch.setattr(history_git, "workers", lambda: 2)
    assert read_history(root, signers, CommitCache(root, folder, trusted=True)) == _one_pass(
        root, monkeypatch, signers, None
    )


def test_the_early_walk_is_the_history_gather_reads(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    signers = _signers(root)
    config = parse((root / "isms.yaml").read_text(), "isms.yaml").data
    assert guess_signers(config) == signers  # the guess is right, dates and all
    early = EarlyHistory(root, signers)
    assert early.take(root, signers) == _one_pass(root, monkeypatch, signers, None)
    assert len(_history_caches(tmp_path / "cache")) == 1  # taken: its cache is written
    day = dt.date.fromisoformat(TODAY)
    findings = [Finding.sort_key(f) for f in evaluate(root, day).findings]
    with monkeypatch.context() as patch:
        patch.setattr("isms.evaluation.start_history", lambda *_a, **_k: None)
        assert [Finding.sort_key(f) for f in evaluate(root, day).findings] == findings


def test_an_early_walk_with_other_signers_is_dropped_and_writes_no_cache(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    early = EarlyHistory(root, None)
    early._thread.join()  # finished, its save held
    assert early.take(root, _signers(root)) is None
    assert _history_caches(tmp_path / "cache") == []
    assert EarlyHistory(root, None, trusted=False).take(root, None, trusted=None) is None


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_failed_load_leaves_no_git_child_and_no_file(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "bin"
    slow.mkdir()
    marker = tmp_path / "git-sleeps"
    real = next(Path(p) / "git" for p in os.environ["PATH"].split(os.pathsep) if (Path(p) / "git").is_file())
    (slow / "git").write_text(
        f'#!/bin/sh\ncase "$*" in *name-only*) : > "{marker}"; exec sleep 30;; esac\nexec {real} "$@"\n'
    )
    (slow / "git").chmod(stat.S_IRWXU)
    monkeypatch.setenv("PATH", f"{slow}{os.pathsep}{os.environ['PATH']}")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    walks: list[EarlyHistory] = []

    class Recorded(EarlyHistory):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            walks.append(self)

    monkeypatch.setattr("isms.evaluation.EarlyHistory", Recorded)
    raised: list[float] = []

    def failing_load(*_args: object, **_kwargs: object) -> None:
        (walk,) = walks
        deadline = time.monotonic() + 60  # a loaded machine may take long to start the walk's git
        while not marker.exists() and walk._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert marker.exists(), f"the early walk started no git log (it ended with {walk._error!r})"
        assert child_processes(), "the sleeping git is not a child of this process"
        raised.append(time.monotonic())
        msg = "the load failed"
        raise UsageError(msg, ja="読み込みに失敗しました")

    monkeypatch.setattr("isms.evaluation.load_repository", failing_load)
    with pytest.raises(UsageError, match="the load failed"):
        evaluate(root, dt.date.fromisoformat(TODAY))
    assert time.monotonic() - raised[0] < 10  # the sleeping git was killed, not waited for
    assert child_processes() == []
    assert list(temporary.iterdir()) == []  # the allowed signers' folder removed
    assert _history_caches(tmp_path / "cache") == []


def test_no_early_walk_without_isms_yaml(tmp_path: Path) -> None:
    assert start_history(tmp_path) is None
    assert guess_signers({"owners": {"ciso": {"ssh_keys": ["ssh-ed25519 AAAA x"]}}}) is None
