"""A file rewritten together with its sha256 while its evidence date stays the same is flagged from git."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import TODAY, commit_all, git, good_repo, sha256_hex, write_repo
from isms.cli import main


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def findings(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", "--root", str(root), "--today", TODAY, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def rewrite(root: Path, content: bytes, date: str) -> None:
    register = root / "evidence/hr/evidence.yaml"
    text = register.read_text()
    old = text.split("sha256: ")[1].strip()
    write_repo(root, {"evidence/hr/training.csv": content})
    register.write_text(text.replace(old, sha256_hex(content)).replace("date: 2026-06-30", f"date: {date}"))


def test_a_rewrite_keeping_the_date_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    git(root, "init", "-q")
    commit_all(root, "Record the evidence", "2026-07-01T09:00:00+09:00")
    assert findings(root, capsys) == (0, [])
    rewrite(root, b"employee_id,completed,score\nE1,yes,90\nE2,yes,95\n", "2026-06-30")
    commit_all(root, "Tidy the training record", "2026-08-01T09:00:00+09:00")
    code, found = findings(root, capsys)
    assert code == 1
    assert [(f["rule"], f["severity"], f["path"]) for f in found] == [
        ("evidence-rewritten", "error", "evidence/hr/evidence.yaml")
    ]
    assert "evidence date is still 2026-06-30" in found[0]["message"]


def test_a_new_version_with_a_new_date_is_not(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    git(root, "init", "-q")
    commit_all(root, "Record the evidence", "2026-07-01T09:00:00+09:00")
    rewrite(root, b"employee_id,completed,score\nE1,yes,90\nE2,yes,95\n", "2026-07-31")
    commit_all(root, "New training record", "2026-08-01T09:00:00+09:00")
    assert findings(root, capsys) == (0, [])
