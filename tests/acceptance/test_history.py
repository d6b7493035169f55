"""Git history: one pass over the log, Japanese names, shallow clones, no git at all."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from helpers import TODAY, commit_all, git, good_repo, write_repo
from isms.cli import main
from isms.history.git import read_history


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def history_repo(tmp_path: Path) -> Path:
    root = good_repo(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Add the ISMS", "2026-01-05T10:00:00+09:00")
    write_repo(root, {"controls/demo/1.2.yaml": "status: planned\nowner: ciso\ndue: 2027-06-30\n"})
    commit_all(root, "Postpone 1.2 to June", "2026-02-10T10:00:00+09:00")
    write_repo(root, {"evidence/hr/研修記録.md": "記録\n"})
    commit_all(root, "証跡を追加", "2026-03-01T10:00:00+09:00")
    return root


def test_history_per_file_newest_first(history_repo: Path) -> None:
    history = read_history(history_repo)
    assert history.available
    assert not history.partial
    commits = history.of("controls/demo/1.2.yaml")
    assert [c.subject for c in commits] == ["Postpone 1.2 to June", "Add the ISMS"]
    assert commits[0].author == "Example Author"
    assert commits[0].date == dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert [c.subject for c in history.of("evidence/hr/研修記録.md")] == ["証跡を追加"]
    assert history.last_changed("controls/demo/1.1.yaml") == commits[1].date
    assert history.head == git(history_repo, "rev-parse", "HEAD").strip()


def test_history_of_an_isms_in_a_subfolder(tmp_path: Path) -> None:
    top = tmp_path / "top"
    good_repo(top / "isms")
    git(top, "init", "-q")
    commit_all(top, "Add", "2026-01-05T10:00:00+09:00")
    history = read_history(top / "isms")
    assert [c.subject for c in history.of("controls/demo/1.1.yaml")] == ["Add"]


def test_shallow_clone_says_history_is_partial(
    history_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone)], check=True, capture_output=True
    )
    history = read_history(clone)
    assert history.partial
    assert [c.subject for c in history.of("controls/demo/1.1.yaml")] == ["証跡を追加"]
    assert main(["check", "--root", str(clone), "--today", TODAY, "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    [finding] = [f for f in findings if f["rule"] != "evidence-unreferenced"]
    assert finding["rule"] == "history-partial"
    assert "fetch-depth: 0" in finding["message"]


def test_outside_git_everything_works_without_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path / "plain")
    history = read_history(root)
    assert not history.available
    assert history.of("controls/demo/1.1.yaml") == []
    assert main(["check", "--root", str(root), "--today", TODAY]) == 0
    assert main(["metrics", "--root", str(root), "--today", TODAY, "--format", "json"]) == 0
    assert '"commit": null' in capsys.readouterr().out


def test_a_review_commit_counts_as_the_last_review(history_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    control = history_repo / "controls/demo/1.1.yaml"
    control.write_text(control.read_text().replace("2026-06-01", "2025-06-01"))
    commit_all(history_repo, "Backdate the review", "2026-03-02T10:00:00+09:00")
    assert main(["check", "--root", str(history_repo), "--today", TODAY, "--format", "json"]) == 0
    assert "review-overdue" in capsys.readouterr().out
    control.write_text(control.read_text() + "# checked every item\n")
    commit_all(history_repo, "Reviewed 1.1 with the CISO", "2026-09-01T10:00:00+09:00")
    assert main(["check", "--root", str(history_repo), "--today", TODAY, "--format", "json"]) == 0
    assert "review-overdue" not in capsys.readouterr().out


def test_history_ignores_the_git_variables_of_a_hook(history_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_INDEX_FILE", str(history_repo / "no-such-index"))
    monkeypatch.setenv("GIT_DIR", str(history_repo / "no-such-git-dir"))
    history = read_history(history_repo)
    assert [c.subject for c in history.of("controls/demo/1.2.yaml")] == ["Postpone 1.2 to June", "Add the ISMS"]
