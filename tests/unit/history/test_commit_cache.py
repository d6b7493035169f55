"""The commit cache on real git repositories: a warm run diffs only new commits, with the history of a full walk."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from helpers import commit_all, git, good_repo, write_repo
from isms.history.cache import CommitCache
from isms.history.git import read_history
from isms.history.types import History


def _cached(root: Path, folder: Path, *, trusted: bool = True, signers: str | None = None) -> History:
    return read_history(root, signers, CommitCache(root, folder, trusted=trusted))


def _stored(folder: Path) -> dict[str, list[object]]:
    (file,) = folder.iterdir()
    commits: dict[str, list[object]] = json.loads(file.read_text(encoding="utf-8"))["commits"]
    return commits


def _forge(folder: Path, subject: str) -> None:
    """Change every cached subject: a run that reads the cache shows it, one that walks git does not."""
    (file,) = folder.iterdir()
    data = json.loads(file.read_text(encoding="utf-8"))
    for entry in data["commits"].values():
        entry[2] = subject
    file.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def branched(tmp_path: Path) -> Path:
    """Two branches merged, the side branch's commits older than main's (dates interleave), a Japanese name."""
    root = good_repo(tmp_path / "repo")
    commit_all(root, "Add the ISMS", "2026-01-05T10:00:00+09:00")
    git(root, "checkout", "-q", "-b", "side")
    write_repo(root, {"evidence/hr/研修記録.md": "記録\n"})
    commit_all(root, "証跡を追加", "2026-01-20T10:00:00+09:00")
    git(root, "checkout", "-q", "main")
    write_repo(root, {"controls/demo/1.2.yaml": "status: planned\nowner: ciso\ndue: 2027-06-30\n"})
    commit_all(root, "Postpone 1.2", "2026-01-10T10:00:00+09:00")
    write_repo(root, {"controls/demo/1.2.yaml": "status: planned\nowner: ciso\ndue: 2027-07-31\n", "README.md": "x\n"})
    commit_all(root, "Postpone 1.2 again", "2026-02-10T10:00:00+09:00")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2026-02-11T10:00:00+09:00")
    return root


def test_cold_and_warm_runs_give_the_history_of_a_full_walk(branched: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    full = read_history(branched)
    assert _cached(branched, folder) == full  # cold: one walk, then written
    assert len(_stored(folder)) == 5  # every commit, the merge (no paths) too
    assert _cached(branched, folder) == full  # warm
    assert [c.subject for c in full.of("evidence/hr/研修記録.md")] == ["証跡を追加"]
    assert "README.md" not in full.files


def test_a_warm_run_reads_the_cache_and_diffs_only_new_commits(branched: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _cached(branched, folder)
    _forge(folder, "from the cache")
    write_repo(branched, {"controls/demo/1.1.yaml": "status: implemented\nowner: ciso\n# reviewed\n"})
    commit_all(branched, "Review 1.1", "2026-03-01T10:00:00+09:00")
    history = _cached(branched, folder)
    subjects = [c.subject for c in history.of("controls/demo/1.1.yaml")]
    assert subjects == ["Review 1.1", "from the cache"]  # the new commit from git, the old one from the cache
    assert len(_stored(folder)) == 6
    assert _cached(branched, folder, trusted=False) == read_history(branched)  # untrusted: git alone


def test_commits_of_another_branch_or_a_rewrite_are_dropped(branched: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _cached(branched, folder)
    git(branched, "reset", "-q", "--hard", "HEAD~1")
    write_repo(branched, {"controls/demo/1.3.yaml": "status: implemented\nowner: ciso\n# rewritten\n"})
    commit_all(branched, "Rewritten", "2026-03-01T10:00:00+09:00")
    assert _cached(branched, folder) == read_history(branched)
    stored = _stored(folder)
    assert len(stored) == 4  # main's three and the new one; the merge and the side commit are gone
    assert git(branched, "rev-parse", "HEAD").strip() in stored


def test_other_signers_drop_the_cache(branched: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _cached(branched, folder)
    _forge(folder, "from the cache")
    signed = _cached(branched, folder, signers="ciso ssh-ed25519 AAAA\n")
    assert signed == read_history(branched, "ciso ssh-ed25519 AAAA\n")
    assert all(c.signature == "N" for c in signed.of("controls/demo/1.2.yaml"))
    assert _cached(branched, folder) == read_history(branched)  # and back: walked again


def test_a_broken_cache_is_walked_again(branched: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _cached(branched, folder)
    (file,) = folder.iterdir()
    data = json.loads(file.read_text(encoding="utf-8"))
    first = next(iter(data["commits"]))
    data["commits"][first] = ["not a date", "x", "y", "", "", "", ""]
    file.write_text(json.dumps(data), encoding="utf-8")
    assert _cached(branched, folder) == read_history(branched)
    file.write_text("{", encoding="utf-8")
    assert _cached(branched, folder) == read_history(branched)


def test_no_cache_in_a_shallow_clone(branched: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{branched}", str(clone)], check=True, capture_output=True
    )
    folder = tmp_path / "cache"
    history = _cached(clone, folder)
    assert history.partial
    assert history == read_history(clone)
    assert not folder.exists()


def test_no_cache_with_replaced_commits(branched: Path, tmp_path: Path) -> None:
    git(branched, "replace", "--graft", "HEAD~1")  # the merge's first parent loses its parents
    folder = tmp_path / "cache"
    assert _cached(branched, folder) == read_history(branched)
    assert not folder.exists()


def test_a_name_that_is_not_utf8_is_walked_each_time(tmp_path: Path) -> None:
    root = good_repo(tmp_path / "repo")
    (root / "evidence/hr").joinpath(b"raw-\xff.md".decode("utf-8", "surrogateescape")).write_bytes(b"x\n")
    commit_all(root, "Add", "2026-01-05T10:00:00+09:00")
    write_repo(root, {"controls/demo/1.1.yaml": "status: implemented\nowner: ciso\n# again\n"})
    commit_all(root, "Again", "2026-01-06T10:00:00+09:00")
    folder = tmp_path / "cache"
    assert _cached(root, folder) == read_history(root)
    assert len(_stored(folder)) == 1  # the first commit names a file that is not UTF-8: not stored
    assert _cached(root, folder) == read_history(root)
    assert any("\ufffd" in path for path in read_history(root).files)
