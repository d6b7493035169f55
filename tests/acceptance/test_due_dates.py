"""`control-due-passed`, `policy-review-overdue` and `policy-changed-after-approval`: dates recorded are checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import commit_all, git, good_repo, write_repo
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


def changed(root: Path, capsys: pytest.CaptureFixture[str], today: str) -> list[tuple[str, int | None]]:
    main(["check", "--root", str(root), "--today", today, "--format", "json"])
    found = json.loads(capsys.readouterr().out)["findings"]
    return [(f["path"], f["line"]) for f in found if f["rule"] == "policy-changed-after-approval"]


def test_policy_changed_after_approval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(root, {"policies/basic.yaml": POLICY})  # approved 2026-01-10
    git(root, "init", "-q")
    commit_all(root, "Add the ISMS", "2026-02-01T09:00:00+09:00")
    assert changed(root, capsys, "2026-11-26") == []  # added after approval: that is how it was recorded
    write_repo(root, {"policies/basic.yaml": POLICY.replace("守る", "必ず守る")})
    commit_all(root, "Reword S1", "2026-03-01T09:00:00+09:00")
    assert changed(root, capsys, "2026-11-26") == [("policies/basic.yaml", 3)]
    assert changed(root, capsys, "2026-02-15") == []  # the change came later than that day
    reapproved = POLICY.replace("守る", "必ず守る").replace("2026-01-10", "2026-04-01")
    write_repo(root, {"policies/basic.yaml": reapproved})
    commit_all(root, "Approve the new S1", "2026-04-01T09:00:00+09:00")
    assert changed(root, capsys, "2026-11-26") == []


def test_a_long_subject_is_quoted_cut_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(root, {"policies/basic.yaml": POLICY})
    commit_all(root, "Add the ISMS", "2026-02-01T09:00:00+09:00")
    write_repo(root, {"policies/basic.yaml": POLICY.replace("守る", "必ず守る")})
    # git's %s joins the lines of the first paragraph into one subject
    subject = "Policies: S1 reworded after the internal audit of 2026,\nwith the owner's comments taken in\n\nBody."
    commit_all(root, subject, "2026-03-01T09:00:00+09:00")
    main(["check", "--root", str(root), "--today", "2026-11-26", "--format", "json"])
    (found,) = [
        f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "policy-changed-after-approval"
    ]
    short = git(root, "rev-parse", "--short=10", "HEAD").strip()
    assert found["message"] == (
        f"policy changed on 2026-03-01 ({short} 'Policies: S1 reworded after the internal audit of 2026…') "
        "after its approval of 2026-01-10; have the change approved and update `approved:`"
    )
    assert found["message_ja"] == (
        f"方針が承認（2026-01-10）の後の 2026-03-01 に変更されています（{short} 'Policies: S1 reworded after the "
        "internal audit of 2026…'）。変更の承認を受け、approved: を更新してください"
    )
