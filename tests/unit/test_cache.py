"""Every cache file is read only when it is this user's regular file, written for this user alone."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import commit_all, good_repo
from isms.cache import read_json, read_own, write_json

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes, links and permissions")


def test_json_is_written_for_this_user_alone_and_read_back(tmp_path: Path) -> None:
    file = tmp_path / "cache" / "x.json"
    assert write_json(file, {"a": "証跡"})
    assert file.stat().st_mode & 0o077 == 0
    assert read_json(file) == {"a": "証跡"}
    assert read_json(tmp_path / "missing.json") is None
    file.write_bytes(b"{not json")
    assert read_json(file) is None


def test_a_file_others_can_write_is_not_read(tmp_path: Path) -> None:
    file = tmp_path / "x.json"
    write_json(file, {"a": 1})
    for mode in (0o666, 0o620, 0o602):
        file.chmod(mode)
        assert read_own(file) is None
        assert read_json(file) is None
    file.chmod(0o644)  # written before caches were private: still this user's alone to change
    assert read_json(file) == {"a": 1}


def test_a_pipe_or_a_link_is_not_read(tmp_path: Path) -> None:
    planted = tmp_path / "planted.json"
    write_json(planted, {"a": "planted"})
    link = tmp_path / "link.json"
    link.symlink_to(planted)
    assert read_json(link) is None
    with pytest.raises(OSError, match="link"):
        read_own(link)
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe, 0o600)  # opened for reading, it would wait for a writer forever
    assert read_own(pipe) is None
    assert read_json(pipe) is None


def test_a_check_with_every_cache_file_a_pipe_neither_hangs_nor_changes(tmp_path: Path) -> None:
    """A cache folder shared with others (ISMS_CACHE_DIR=/tmp): each file they could plant, a pipe, is skipped."""
    root = good_repo(tmp_path / "repo")
    commit_all(root, "ISMS", "2026-11-01T09:00:00")
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"ISMS_CACHE_DIR": str(cache), "ISMS_LANG": "en"}
    command = [sys.executable, "-m", "isms", "check", "--root", str(root), "--format", "json"]
    command += ["--today", dt.date(2026, 11, 26).isoformat()]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    files = sorted(path for path in cache.rglob("*") if path.is_file())
    assert {path.name.split("-")[0] for path in files} >= {"hashes", "history", "parses"}, files
    for path in files:
        path.unlink()
        os.mkfifo(path, 0o600)
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert (again.returncode, json.loads(again.stdout)) == (first.returncode, json.loads(first.stdout))
