"""The record cache: a register version read from git once is not read again, unless the cache is not trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import commit_all, git, good_repo, sha256_hex, write_repo
from isms.gather import world
from isms.gather.records import RecordCache
from isms.history.git import read_history, read_objects
from isms.loader.assemble import load_repository

TRAINING = "evidence/hr/training.csv"


def _rewritten(tmp_path: Path) -> Path:
    """A repository whose training record was replaced (with its sha256) in a second commit."""
    root = good_repo(tmp_path)
    git(root, "init", "-q")
    commit_all(root, "Record the evidence", "2026-07-01T09:00:00+09:00")
    register = root / "evidence/hr/evidence.yaml"
    text = register.read_text()
    old = text.split("sha256: ")[1].strip()
    content = b"employee_id,completed,score\nE1,yes,90\nE2,yes,95\n"
    write_repo(root, {TRAINING: content})
    register.write_text(text.replace(old, sha256_hex(content)))
    commit_all(root, "Tidy the training record", "2026-08-01T09:00:00+09:00")
    return root


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    asked: list[list[str]] = []

    def counting(cwd: Path, names: list[str]) -> dict[str, bytes | None]:
        asked.append(names)
        return read_objects(cwd, names)

    monkeypatch.setattr(world, "read_objects", counting)
    return asked


def test_a_register_version_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    root = _rewritten(tmp_path)
    repo, history = load_repository(root).repository, read_history(root)
    asked = _counting(monkeypatch)
    uncached = world.first_records(repo, history)
    first = world.first_records(repo, history, cache=RecordCache(root, tmp_path / "cache"))
    again = world.first_records(repo, history, cache=RecordCache(root, tmp_path / "cache"))
    assert TRAINING in uncached
    assert uncached[TRAINING][0] != repo.evidence["hr/training.csv"].sha256  # the first commit's record
    assert uncached == first == again
    assert len(asked) == 2  # without the cache, and to fill it; the third run asked git nothing
    assert [p.name[:11] for p in (tmp_path / "cache").iterdir()] == ["records-v1-"]


def test_an_untrusted_or_broken_cache_is_read_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    root = _rewritten(tmp_path)
    repo, history = load_repository(root).repository, read_history(root)
    filled = world.first_records(repo, history, cache=RecordCache(root, tmp_path / "cache"))
    cache = RecordCache(root, tmp_path / "cache")
    name = next(iter(cache._load()))
    cache.put(name, "training.csv", ("0" * 64, "2026-06-30"))  # what a poisoned cache would say
    cache.save()
    asked = _counting(monkeypatch)
    assert world.first_records(repo, history, cache=RecordCache(root, tmp_path / "cache", trusted=False)) == filled
    monkeypatch.setenv("CI", "true")
    assert world.first_records(repo, history, cache=RecordCache(root, tmp_path / "cache")) == filled
    assert len(asked) == 2
    monkeypatch.delenv("CI")
    cache.file.write_text("not json", encoding="utf-8")
    assert world.first_records(repo, history, cache=RecordCache(root, tmp_path / "cache")) == filled
    assert len(asked) == 3
