"""`control-due-passed` and `policy-review-overdue`: dates recorded are checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import good_repo, write_repo
from isms.cli import main

POLICY = (
    "title: 基本方針\nowner: ciso\napproved: {by: ciso, date: 2026-01-10}\n"
    "statements:\n  - {id: S1, text: 守る, implemented_by: ['1.1']}\n"
)


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


def rules(root: Path, capsys: pytest.CaptureFixture[str], today: str) -> list[tuple[str, str, int | None]]:
    main(["check", "--root", str(root), "--today", today, "--format", "json"])
    found = json.loads(capsys.readouterr().out)["findings"]
    return [
        (f["rule"], f["path"], f["line"]) for f in found if f["rule"] in ("control-due-passed", "policy-review-overdue")
    ]


def test_due_date_passed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)  # 1.2 is planned, due 2027-03-31
    assert rules(root, capsys, "2027-03-31") == []
    assert rules(root, capsys, "2027-04-01") == [("control-due-passed", "controls/demo/1.2.yaml", 3)]


def test_policy_review_overdue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(root, {"policies/basic.yaml": POLICY})
    assert rules(root, capsys, "2027-01-10") == []
    assert rules(root, capsys, "2027-01-11") == [("policy-review-overdue", "policies/basic.yaml", 3)]
