"""The hash cache: unchanged evidence is not read again; changed evidence is."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from isms.gather import hashing
from isms.gather.hashing import HashCache


def test_unchanged_files_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)  # with CI set the cache is never trusted (test_hostile_files)
    root, cache = tmp_path / "repo", tmp_path / "cache"
    (root / "evidence").mkdir(parents=True)
    file = root / "evidence" / "a.csv"
    file.write_bytes(b"one\n")
    reads: list[Path] = []
    real = hashing.sha256_regular

    def counting(path: str) -> str:
        reads.append(Path(path))
        return real(path)

    monkeypatch.setattr(hashing, "sha256_regular", counting)
    assert HashCache(root, cache).many(["evidence/a.csv"]) == {"evidence/a.csv": hashlib.sha256(b"one\n").hexdigest()}
    assert HashCache(root, cache).many(["evidence/a.csv"]) == {"evidence/a.csv": hashlib.sha256(b"one\n").hexdigest()}
    assert reads == [file]
    assert [p.name[:7] for p in cache.iterdir()] == ["hashes-"]
    assert not any(p.name.startswith("hashes-") for p in root.rglob("*"))

    file.write_bytes(b"two, rewritten in place\n")
    stat = file.stat()
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert HashCache(root, cache).many(["evidence/a.csv"]) == {
        "evidence/a.csv": hashlib.sha256(b"two, rewritten in place\n").hexdigest()
    }
    assert reads == [file, file]


def test_missing_files_and_a_broken_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (tmp_path / "repo").mkdir()
    store = HashCache(tmp_path / "repo", cache)
    store.file.write_text("not json", encoding="utf-8")
    assert store.many(["evidence/none.csv"]) == {"evidence/none.csv": None}


def test_cache_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "x"))
    assert hashing.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("ISMS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert hashing.cache_dir() == tmp_path / "xdg" / "isms"
