"""`isms diff` on a real git repository: every number of the JSON contract, checked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers import RunIsms, git, sha256_hex, write_repo
from isms.diff import sides

TODAY = "2026-11-26"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

BACKUP = b"date,ok\n2026-09-01,yes\n"
PATCH = b"host,patched\nweb1,yes\n"
REVIEW = "# アクセスレビュー\n全アカウント確認済み\n".encode()

CATALOG = """\
framework: {id: demo, name: {ja: デモ基準, en: Demo}, version: "1"}
requirements:
  - {id: R1, title: {ja: バックアップ, en: Backups}}
  - {id: R2, title: {ja: アクセスレビュー, en: Access review}}
  - {id: R3, title: {ja: パッチ管理, en: Patching}}
  - {id: R4, title: {ja: 物理的入退, en: Physical entry}}
"""


def register(patch_date: str, *, review: bool, comment: str = "") -> str:
    text = comment + (
        "evidence:\n"
        "  - path: backup.csv\n"
        "    title: バックアップ記録\n"
        "    date: 2026-09-01\n"
        "    valid_for: 1y\n"
        "  - path: patch.csv\n"
        "    title: パッチ適用記録\n"
        f"    date: {patch_date}\n"
        "    valid_for: 1y\n"
        f"    sha256: {sha256_hex(PATCH)}\n"
    )
    if review:
        text += (
            "  - path: review.md\n"
            "    title: {ja: アクセスレビュー, en: Access review}\n"
            "    date: 2026-11-01\n"
            "    valid_for: 1y\n"
            f"    sha256: {sha256_hex(REVIEW)}\n"
        )
    return text


BASE: dict[str, str | bytes] = {
    "isms.yaml": (
        "organisation: {ja: テスト株式会社, en: Test Inc.}\n"
        "frameworks: [demo]\n"
        "soa_framework: demo\n"
        "owners:\n"
        "  ciso: {name: CISO, github: ['@test/ciso']}\n"
    ),
    "catalogs/demo.yaml": CATALOG,
    "controls/demo/R1.yaml": (
        "status: implemented\nowner: ciso\nreview: {last: 2026-06-01}\nevidence: [ops/backup.csv]\n"
        "implementation: 日次バックアップ\n"
    ),
    "controls/demo/R2.yaml": "status: planned\ndue: 2027-03-31\n",
    "controls/demo/R3.yaml": (
        "status: implemented\nowner: ciso\nreview: {last: 2026-06-01}\nevidence: [ops/patch.csv]\n"
        "implementation: 月次パッチ適用\n"
    ),
    "evidence/ops/evidence.yaml": register("2026-06-01", review=False),
    "evidence/ops/backup.csv": BACKUP,
    "evidence/ops/patch.csv": PATCH,
}

HEAD: dict[str, str | bytes] = {
    # planned -> implemented, with new evidence and an owner (fixes `control-no-owner`)
    "controls/demo/R2.yaml": (
        "status: implemented\nowner: ciso\nreview: {last: 2026-11-01}\nevidence: [ops/review.md]\n"
        "implementation: 四半期ごとのアクセスレビュー\n"
    ),
    "evidence/ops/review.md": REVIEW,
    # the patch record was a year older than recorded: stale as of TODAY; the comment moves every line down
    "evidence/ops/evidence.yaml": register("2025-06-01", review=True, comment="# 運用の証跡\n"),
    # a decision for R4 (fixes `requirement-uncovered`) but without a justification (a new finding)
    "controls/demo/R4.yaml": "status: not-applicable\nowner: ciso\n",
}


@pytest.fixture
def two_commits(tmp_path: Path) -> tuple[Path, str, str]:
    root = write_repo(tmp_path / "repo", BASE)
    git(root, "init", "-q", "-b", "main", date="2026-01-10T10:00:00+09:00")
    git(root, "add", "-A", date="2026-01-10T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "ISMS as it was", date="2026-01-10T10:00:00+09:00")
    base = git(root, "rev-parse", "HEAD", date="2026-01-10T10:00:00+09:00").strip()
    write_repo(root, HEAD)
    git(root, "add", "-A", date="2026-11-20T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "Implement R2, decide R4", date="2026-11-20T10:00:00+09:00")
    head = git(root, "rev-parse", "HEAD", date="2026-11-20T10:00:00+09:00").strip()
    return root, base, head


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


def _finding(
    rule: str, severity: str, path: str, line: int, column: int, message: str, message_ja: str, control: str
) -> dict[str, Any]:
    return {
        "rule": rule,
        "severity": severity,
        "path": path,
        "line": line,
        "column": column,
        "message": message,
        "message_ja": message_ja,
        "control": control,
        "framework": "demo",
    }


def test_diff_json_every_number(two_commits: tuple[Path, str, str], run_isms: RunIsms) -> None:
    root, base, head = two_commits
    result = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY, "--format", "json")
    assert (result.code, result.err) == (0, "")
    document = json.loads(result.out)
    assert document == {
        "version": "1",
        "as_of": TODAY,
        "base": {"rev": "HEAD~1", "commit": base},
        "head": {"rev": "HEAD", "commit": head},
        "frameworks": [
            {
                "id": "demo",
                "name": "Demo",
                "name_ja": "デモ基準",
                "short": "Demo",
                "base": {
                    "requirements": 4,
                    "applicable": 4,
                    "implemented": 2,
                    "evidenced": 2,
                    "partial": 0,
                    "planned": 1,
                    "undecided": 1,
                    "coverage": 0.5,
                    "implemented_ratio": 0.5,
                    "effectiveness": None,
                    "official_applicable": None,
                    "official_evidenced": None,
                    "official_coverage": None,
                    "measures_total": 0,
                    "measures_met": 0,
                    "tested": 0,
                    "tested_coverage": 0.0,
                },
                "head": {
                    "requirements": 4,
                    "applicable": 3,
                    "implemented": 3,
                    "evidenced": 2,
                    "partial": 0,
                    "planned": 0,
                    "undecided": 0,
                    "coverage": 0.6667,
                    "implemented_ratio": 1.0,
                    "effectiveness": None,
                    "official_applicable": None,
                    "official_evidenced": None,
                    "official_coverage": None,
                    "measures_total": 0,
                    "measures_met": 0,
                    "tested": 0,
                    "tested_coverage": 0.0,
                },
                "delta": {
                    "requirements": 0,
                    "applicable": -1,
                    "implemented": 1,
                    "evidenced": 0,
                    "partial": 0,
                    "planned": -1,
                    "undecided": -1,
                    "coverage": 0.1667,
                    "implemented_ratio": 0.5,
                    "effectiveness": None,
                    "official_applicable": None,
                    "official_evidenced": None,
                    "official_coverage": None,
                    "measures_total": 0,
                    "measures_met": 0,
                    "tested": 0,
                    "tested_coverage": 0.0,
                },
                "newly_covered": ["R2"],
                "no_longer_covered": ["R3"],
                "status_changes": [
                    {"id": "R2", "base": "planned", "head": "implemented"},
                    {"id": "R4", "base": "undecided", "head": "not-applicable"},
                ],
            }
        ],
        "evidence": {
            "base": {
                "total": 2,
                "missing": 0,
                "tampered": 0,
                "unverified": 0,
                "not-yet-valid": 0,
                "stale": 0,
                "expiring": 0,
                "current": 2,
            },
            "head": {
                "total": 3,
                "missing": 0,
                "tampered": 0,
                "unverified": 0,
                "not-yet-valid": 0,
                "stale": 1,
                "expiring": 0,
                "current": 2,
            },
            "delta": {
                "total": 1,
                "missing": 0,
                "tampered": 0,
                "unverified": 0,
                "not-yet-valid": 0,
                "stale": 1,
                "expiring": 0,
                "current": 0,
            },
            "added": ["ops/review.md"],
            "removed": [],
            "changes": [
                {"path": "ops/patch.csv", "base": "current", "head": "stale"},
                {"path": "ops/review.md", "base": None, "head": "current"},
            ],
            "became": {"stale": ["ops/patch.csv"], "expiring": [], "missing": [], "tampered": [], "unverified": []},
            "rewritten": [],
        },
        "findings": {
            # the unhashed backup.csv (an error) stays: one line lower at head, yet neither new nor fixed
            "base": {"errors": 3, "warnings": 0, "notes": 0},
            "head": {"errors": 3, "warnings": 0, "notes": 0},
            "new": [
                _finding(
                    "evidence-stale",
                    "error",
                    "controls/demo/R3.yaml",
                    4,
                    12,
                    "evidence `ops/patch.csv` (dated 2025-06-01) expired on 2026-06-01; "
                    "collect new evidence and run `isms evidence refresh`",
                    "証跡 ops/patch.csv（2025-06-01 付）の有効期限が 2026-06-01 に切れています。"
                    "新しい証跡を集めて isms evidence refresh を実行してください",
                    "demo:R3",
                ),
                _finding(
                    "justification-missing",
                    "error",
                    "controls/demo/R4.yaml",
                    1,
                    9,
                    "not-applicable control without `justification`; say why it is excluded (the Statement of "
                    "Applicability needs it)",
                    "適用除外の管理策に理由（justification）がありません。除外する理由を書いてください（適用宣言書に必要です）",
                    "demo:R4",
                ),
            ],
            "fixed": [
                _finding(
                    "control-no-owner",
                    "error",
                    "controls/demo/R2.yaml",
                    1,
                    1,
                    "control has no `owner`; name who answers for it (an id under `owners` in isms.yaml)",
                    "管理策に責任者（owner）がありません。"
                    "責任を負う人を isms.yaml の owners にある ID で指定してください",
                    "demo:R2",
                ),
                {
                    **_finding(
                        "requirement-uncovered",
                        "error",
                        "controls/demo/R4.yaml",
                        0,
                        0,
                        "demo R4 has no control file and no applicability decision; create it with "
                        "`isms control new demo R4`",
                        "demo R4 に管理策ファイルがなく、適用可否が判断されていません。"
                        "isms control new demo R4 で作成してください",
                        "demo:R4",
                    ),
                    "line": None,
                    "column": None,
                },
            ],
        },
        "risks": {"new": [], "closed": [], "level_changes": []},
        "nonconformities": {
            "new": [],
            "closed": [],
            "removed": [],
            "audit_findings": [],
            "overdue_actions": {"base": 0, "head": 0},
        },
    }


def test_diff_on_a_warm_history_cache_says_the_same(
    two_commits: tuple[Path, str, str], run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    root, _, _ = two_commits
    args = ("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY, "--format", "json")
    cold = run_isms(*args)
    assert len(list((root.parent / "cache").glob("history-v1-*.json"))) == 1
    warm = run_isms(*args)
    assert (warm.code, warm.out) == (cold.code, cold.out)


def test_diff_leaves_the_work_tree_alone(two_commits: tuple[Path, str, str], run_isms: RunIsms) -> None:
    root, _, _ = two_commits
    (root / "controls/demo/R1.yaml").write_text("status: planned\n# uncommitted\n", encoding="utf-8")
    before = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True)
    result = run_isms("diff", "--root", str(root), "--base", "main~1", "--today", TODAY, "--format", "json")
    assert result.code == 0
    # HEAD is compared, not the uncommitted work tree
    assert json.loads(result.out)["frameworks"][0]["head"]["implemented"] == 3
    after = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True)
    assert after.stdout == before.stdout == " M controls/demo/R1.yaml\n"
    assert list((root.parent / "cache").glob("hashes-*.json")) == []


def test_diff_markdown_headline(two_commits: tuple[Path, str, str], run_isms: RunIsms) -> None:
    root, base, head = two_commits
    result = run_isms("diff", "--root", str(root), "--base", base, "--today", TODAY, "--format", "markdown")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[:8] == [
        f"## ISMS changes: `{base}` ({base[:10]}) → `HEAD` ({head[:10]})",
        "",
        f"As of {TODAY}.",
        "",
        "- Demo coverage 50.0 % → 66.7 % (+16.7 pt)",
        "- 2 findings fixed, 2 new (errors 3 → 3, warnings 0 → 0)",
        "- evidence that became 1 stale",
        "",
    ]
    table_row = (
        "| Demo | 50.0 % → 66.7 % (+16.7 pt) | 0.0 % | 50.0 % → 100.0 % (+50.0 pt) | 2 / 4 → 3 | 1 → 0 | 1 → 0 | – |"
    )
    assert table_row in lines
    assert "- `demo:R2` Access review" in lines
    assert "| `demo:R2` Access review | planned | implemented |" in lines
    assert "Became **stale**: `ops/patch.csv`" in lines


def test_diff_text(two_commits: tuple[Path, str, str], run_isms: RunIsms) -> None:
    root, base, head = two_commits
    result = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY)
    assert result.code == 0
    assert result.out.splitlines()[:9] == [
        f"isms diff HEAD~1 ({base[:10]}) → HEAD ({head[:10]}) as of {TODAY}",
        "  Demo coverage 50.0 % → 66.7 % (+16.7 pt)",
        "  2 findings fixed, 2 new (errors 3 → 3, warnings 0 → 0)",
        "  evidence that became 1 stale",
        "newly covered: demo:R2 Access review",
        "no longer covered: demo:R3 Patching",
        "status: demo:R2 planned → implemented",
        "status: demo:R4 undecided → not-applicable",
        "evidence: ops/patch.csv current → stale",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base", "nosuch"], "isms: error: `nosuch` is not a commit in"),
        (["--base", "HEAD", "--head", "HEAD~5"], "isms: error: `HEAD~5` is not a commit in"),
    ],
)
def test_diff_bad_revision(
    two_commits: tuple[Path, str, str], run_isms: RunIsms, args: list[str], message: str
) -> None:
    root, _, _ = two_commits
    result = run_isms("diff", "--root", str(root), *args)
    assert result.code == 2
    assert result.err.startswith(message)


def test_diff_outside_git(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "plain", BASE)
    result = run_isms("diff", "--root", str(root), "--base", "HEAD")
    assert result.code == 2
    assert "not in a git repository" in result.err


def test_diff_base_before_the_isms_existed(tmp_path: Path, run_isms: RunIsms) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README").write_text("x\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main", date="2026-01-01T10:00:00+09:00")
    git(root, "add", "-A", date="2026-01-01T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "start", date="2026-01-01T10:00:00+09:00")
    write_repo(root, BASE)
    git(root, "add", "-A", date="2026-01-02T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "isms", date="2026-01-02T10:00:00+09:00")
    result = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY)
    assert result.code == 2
    assert "the ISMS did not exist there yet" in result.err


def test_diff_of_an_isms_in_a_subfolder(tmp_path: Path, run_isms: RunIsms) -> None:
    top = tmp_path / "top"
    write_repo(top / "isms", BASE)
    git(top, "init", "-q", "-b", "main", date="2026-01-10T10:00:00+09:00")
    git(top, "add", "-A", date="2026-01-10T10:00:00+09:00")
    git(top, "commit", "-q", "-m", "base", date="2026-01-10T10:00:00+09:00")
    write_repo(top / "isms", HEAD)
    git(top, "add", "-A", date="2026-01-11T10:00:00+09:00")
    git(top, "commit", "-q", "-m", "head", date="2026-01-11T10:00:00+09:00")
    result = run_isms("diff", "--root", str(top / "isms"), "--base", "HEAD~1", "--today", TODAY, "--format", "json")
    assert result.code == 0, result.err
    framework = json.loads(result.out)["frameworks"][0]
    assert (framework["newly_covered"], framework["no_longer_covered"]) == (["R2"], ["R3"])


def test_diff_lists_new_closed_and_changed_risks(tmp_path: Path, run_isms: RunIsms) -> None:
    case = Path(__file__).resolve().parents[1] / "data" / "valid" / "risks"
    root = tmp_path / "repo"
    shutil.copytree(case, root)
    (root / "risks/R-2.yaml").write_text((root / "risks/R-1.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    git(root, "init", "-q", "-b", "main", date="2026-02-01T10:00:00+09:00")
    git(root, "add", "-A", date="2026-02-01T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "base", date="2026-02-01T10:00:00+09:00")
    risk = root / "risks/R-1.yaml"
    risk.write_text(risk.read_text(encoding="utf-8").replace("impact: 3}", "impact: 1}"), encoding="utf-8")
    (root / "risks/R-2.yaml").rename(root / "risks/R-3.yaml")
    git(root, "add", "-A", date="2026-02-02T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "head", date="2026-02-02T10:00:00+09:00")
    result = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", "2026-03-01", "--format", "json")
    assert result.code in (0, 1), result.err
    risks = json.loads(result.out)["risks"]
    assert risks == {
        "new": ["R-3"],
        "closed": ["R-2"],
        "level_changes": [{"id": "R-1", "base": "medium", "head": "low"}],
    }
    summary = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", "2026-03-01", "--format", "markdown")
    assert "- Level `R-1`: medium → low" in summary.out


def test_diff_lists_evidence_rewritten_with_its_new_hash(two_commits: tuple[Path, str, str], run_isms: RunIsms) -> None:
    root, _, _ = two_commits
    patched = b"host,patched\nweb1,yes\nweb2,yes\n"
    text = (root / "evidence/ops/evidence.yaml").read_text(encoding="utf-8")
    write_repo(
        root,
        {
            "evidence/ops/patch.csv": patched,
            "evidence/ops/evidence.yaml": text.replace(
                f"sha256: {sha256_hex(PATCH)}", f"sha256: {sha256_hex(patched)}"
            ).replace("date: 2025-06-01", "date: 2026-11-25"),
        },
    )
    git(root, "add", "-A", date="2026-11-25T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "New patch record", date="2026-11-25T10:00:00+09:00")
    result = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY, "--format", "json")
    evidence = json.loads(result.out)["evidence"]
    assert evidence["rewritten"] == [
        {
            "path": "ops/patch.csv",
            "base_sha256": sha256_hex(PATCH),
            "head_sha256": sha256_hex(patched),
            "base_date": "2025-06-01",
            "head_date": "2026-11-25",
        }
    ]
    assert evidence["added"] == evidence["removed"] == []
    markdown = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY, "--format", "markdown").out
    assert "1 evidence files with new content (rewritten)" in markdown
    assert f"| `ops/patch.csv` | 2025-06-01 → 2026-11-25 | `{sha256_hex(PATCH)[:12]}` → " in markdown
    text_out = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY).out
    assert (
        f"evidence rewritten: ops/patch.csv sha256 {sha256_hex(PATCH)[:12]}… → {sha256_hex(patched)[:12]}…" in text_out
    )


def test_diff_lists_a_rewritten_file_even_when_its_state_is_unchanged(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "repo", BASE)
    git(root, "init", "-q", "-b", "main", date="2026-01-10T10:00:00+09:00")
    git(root, "add", "-A", date="2026-01-10T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "base", date="2026-01-10T10:00:00+09:00")
    write_repo(root, {"evidence/ops/backup.csv": b"date,ok\n2026-09-01,no\n"})  # no sha256 declared: still current
    git(root, "add", "-A", date="2026-01-11T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "rewrite", date="2026-01-11T10:00:00+09:00")
    result = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY, "--format", "json")
    evidence = json.loads(result.out)["evidence"]
    assert evidence["changes"] == []
    assert [item["path"] for item in evidence["rewritten"]] == ["ops/backup.csv"]


def test_diff_lists_nonconformities_raised_and_closed(tmp_path: Path, run_isms: RunIsms) -> None:
    case = Path(__file__).resolve().parents[1] / "data" / "valid" / "cycle"
    root = tmp_path / "repo"
    shutil.copytree(case, root)
    nc = root / "nonconformities/NC-2.yaml"
    nc.write_text(nc.read_text(encoding="utf-8").replace("2026-09-30}", "2026-09-30, done: 2026-09-20}"), "utf-8")
    (root / "nonconformities/NC-1.yaml").rename(tmp_path / "NC-1.yaml")
    git(root, "init", "-q", "-b", "main", date="2026-02-01T10:00:00+09:00")
    git(root, "add", "-A", date="2026-02-01T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "base", date="2026-02-01T10:00:00+09:00")
    (tmp_path / "NC-1.yaml").rename(root / "nonconformities/NC-1.yaml")
    nc.write_text(nc.read_text(encoding="utf-8").replace(", done: 2026-09-20}", "}"), "utf-8")
    git(root, "add", "-A", date="2026-02-02T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "head", date="2026-02-02T10:00:00+09:00")
    result = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", "2026-10-07", "--format", "json")
    assert result.code in (0, 1), result.err
    assert json.loads(result.out)["nonconformities"] == {
        "new": ["NC-1"],
        "closed": ["NC-1"],
        "removed": [],
        "audit_findings": [],
        "overdue_actions": {"base": 0, "head": 1},
    }
    summary = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", "2026-10-07", "--format", "markdown")
    assert "### Nonconformities" in summary.out
    assert "- Overdue corrective actions: 0 → 1" in summary.out


def test_diff_shows_coverage_over_official_requirements(tmp_path: Path, run_isms: RunIsms) -> None:
    """R2 and R4 paraphrased: the total rises while the official requirements' coverage falls."""
    catalog = CATALOG.replace("en: Access review}", "en: Access review}, source: paraphrase").replace(
        "en: Physical entry}", "en: Physical entry}, source: paraphrase"
    )
    root = write_repo(tmp_path / "repo", {**BASE, "catalogs/demo.yaml": catalog})
    when = "2026-01-10T10:00:00+09:00"
    git(root, "init", "-q", "-b", "main", date=when)
    git(root, "add", "-A", date=when)
    git(root, "commit", "-q", "-m", "ISMS as it was", date=when)
    write_repo(root, HEAD)
    git(root, "add", "-A", date="2026-11-20T10:00:00+09:00")
    git(root, "commit", "-q", "-m", "Implement R2, decide R4", date="2026-11-20T10:00:00+09:00")
    result = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY, "--format", "markdown")
    assert result.code == 0
    assert "- Demo coverage 50.0 % → 66.7 % (+16.7 pt) (official requirements 100.0 % → 50.0 % (-50.0 pt))" in (
        result.out.splitlines()
    )
    document = json.loads(
        run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY, "--format", "json").out
    )
    [demo] = document["frameworks"]
    assert [demo[side]["official_coverage"] for side in ("base", "head", "delta")] == [1.0, 0.5, -0.5]
    assert (demo["head"]["official_evidenced"], demo["head"]["official_applicable"]) == (1, 2)


FIGURE = re.compile(r"[+-]?\d+(?:\.\d+)?(?: %| pt)?|[0-9a-f]{10,}")


def test_diff_in_japanese_has_the_figures_of_the_english(
    two_commits: tuple[Path, str, str], run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base, head = two_commits
    args = ("diff", "--root", str(root), "--base", base, "--today", TODAY)
    english = run_isms(*args, "--format", "markdown").out
    japanese = run_isms(*args, "--format", "markdown", "--lang", "ja").out
    assert japanese.splitlines()[:8] == [
        f"## ISMS の変更: `{base}` ({base[:10]}) → `HEAD` ({head[:10]})",
        "",
        f"{TODAY} 時点の評価です。",
        "",
        "- デモ基準 のカバレッジ 50.0 % → 66.7 % (+16.7 pt)",
        "- 指摘事項 解消 2 件・新規 2 件（エラー 3 → 3、警告 0 → 0）",
        "- 状態が変わった証跡: 期限切れ 1 件",
        "",
    ]
    assert (
        "| デモ基準 | 50.0 % → 66.7 % (+16.7 pt) | 0.0 % | 50.0 % → 100.0 % (+50.0 pt) "
        "| 2 / 4 → 3 | 1 → 0 | 1 → 0 | – |" in (japanese.splitlines())
    )
    assert "| `demo:R2` アクセスレビュー | 計画中 | 実施済 |" in japanese
    assert "| `demo:R4` 物理的入退 | 未決定 | 適用除外 |" in japanese
    assert "**期限切れ** になった証跡: `ops/patch.csv`" in japanese
    new = json.loads(run_isms(*args, "--format", "json").out)["findings"]["new"]
    assert all(f["message_ja"] in japanese and f["message"] not in japanese for f in new)
    # every figure, hash and count of the English is in the Japanese, in the same order
    assert [m for m in FIGURE.findall(english) if not m.isdigit() or len(m) < 4] == [
        m for m in FIGURE.findall(japanese) if not m.isdigit() or len(m) < 4
    ]
    assert not JAPANESE.search(english)
    monkeypatch.delenv("ISMS_LANG")
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    text_ja = run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY).out
    assert text_ja.splitlines()[:9] == [
        f"isms diff HEAD~1 ({base[:10]}) → HEAD ({head[:10]})（{TODAY} 時点）",
        "  デモ基準 のカバレッジ 50.0 % → 66.7 % (+16.7 pt)",
        "  指摘事項 解消 2 件・新規 2 件（エラー 3 → 3、警告 0 → 0）",
        "  状態が変わった証跡: 期限切れ 1 件",
        "新たにカバー: demo:R2 アクセスレビュー",
        "カバーされなくなった: demo:R3 パッチ管理",
        "ステータス: demo:R2 計画中 → 実施済",
        "ステータス: demo:R4 未決定 → 適用除外",
        "証跡: ops/patch.csv 有効 → 期限切れ",
    ]
    assert run_isms("diff", "--root", str(root), "--base", "HEAD~1", "--today", TODAY, "--format", "json").out == (
        run_isms(*args[:4], "HEAD~1", "--today", TODAY, "--format", "json", "--lang", "en").out
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_diff_on_two_cores_says_what_it_says_in_turn(
    two_commits: tuple[Path, str, str], run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    root, base, head = two_commits
    outputs = []
    for fork in (True, False):
        monkeypatch.setattr(sides, "FORK", fork)
        for form in ("json", "markdown", "text"):
            args = ("--base", base, "--head", head, "--today", TODAY, "--format", form, "--lang", lang)
            outputs.append(run_isms("diff", "--root", str(root), *args))
    assert outputs[:3] == outputs[3:]
    assert all(result.code == 0 and result.out for result in outputs)


def test_diff_says_a_wrong_head_before_evaluating_anything(
    two_commits: tuple[Path, str, str], run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base, _ = two_commits
    monkeypatch.setattr(sides, "_side", lambda *_a: pytest.fail("a revision was evaluated"))
    result = run_isms("diff", "--root", str(root), "--base", base, "--head", "no-such-branch")
    assert result.code == 2
    assert result.err.startswith("isms: error: `no-such-branch` is not a commit")
