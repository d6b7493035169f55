"""`isms metrics` and `isms evidence list`: the JSON contracts, with every number checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import TODAY, commit_all, git, good_repo, sha256_hex, write_repo
from isms.cli import main
from isms.figures import percent, rounded


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    dated = [*argv] if "--today" in argv else [*argv, "--today", TODAY]
    assert main([*dated, "--format", "json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_metrics_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    incidents = b"id,date,severity\nI1,2026-07-03,low\nI2,2026-10-03,low\n"
    write_repo(
        root,
        {
            "evidence/incidents/register.csv": incidents,
            "evidence/incidents/evidence.yaml": (
                "evidence:\n  - {path: register.csv, title: 事故台帳, date: 2026-10-31, valid_for: 1y, "
                f"sha256: {sha256_hex(incidents)}}}\n"
            ),
            "controls/demo/1.1.yaml": (
                "status: implemented\nowner: ciso\nreview: {last: 2026-06-01}\n"
                "evidence: [hr/training.csv, access/review.md, incidents/register.csv]\n"
                "measures:\n"
                "  - {id: completion, title: 受講率, data: [hr/training.csv],"
                " compute: {ratio: {where: {completed: 'yes'}}}, target: '>= 70%', period: half}\n"
                "  - {id: incidents, title: 事故件数, data: [incidents/register.csv],"
                " compute: {count: {}}, target: '== 0', period: quarter, date_column: date}\n"
                "  - {id: score, title: 平均点, data: [hr/training.csv], compute: {mean: score}, target: '>= 80',"
                " period: year}\n"
            ),
        },
    )
    document = run_json(capsys, "metrics", "--root", str(root))
    assert document["as_of"] == TODAY
    assert document["commit"] is None
    demo, guidelines = document["frameworks"]
    assert {k: demo[k] for k in ("id", "name", "requirements", "applicable", "implemented", "evidenced")} == {
        "id": "demo",
        "name": "Demo",
        "requirements": 3,
        "applicable": 2,
        "implemented": 1,
        "evidenced": 1,
    }
    assert demo["coverage"] == 0.5
    # completion 3/4 = 75 % >= 70 % met; incidents: 1 in 2026-Q4 (current quarter, register of 10-31) -> not met;
    # score mean (90 + 80 + 70) / 3 = 80 >= 80 met.
    assert demo["effectiveness"] == round(2 / 3, 4)
    assert (guidelines["requirements"], guidelines["applicable"], guidelines["implemented"]) == (1, 1, 1)
    assert (guidelines["evidenced"], guidelines["coverage"], guidelines["effectiveness"]) == (1, 1.0, round(2 / 3, 4))
    assert document["evidence"] == {
        "total": 3,
        "current": 3,
        "expiring": 0,
        "stale": 0,
        "missing": 0,
        "tampered": 0,
        "unverified": 0,
        "not-yet-valid": 0,
    }
    assert document["measures"] == {"total": 3, "met": 2, "not_met": 1, "no_data": 0}


def test_metrics_count_every_evidence_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    (root / "evidence/hr/training.csv").write_bytes(b"changed\n")
    document = run_json(capsys, "metrics", "--root", str(root), "--today", "2027-04-01")
    assert document["evidence"] == {
        "total": 2,
        "current": 0,
        "expiring": 0,
        "stale": 1,
        "missing": 0,
        "tampered": 1,
        "unverified": 0,
        "not-yet-valid": 0,
    }
    assert document["frameworks"][0]["evidenced"] == 0
    assert document["frameworks"][0]["implemented"] == 1
    assert document["frameworks"][0]["effectiveness"] is None


def test_evidence_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(
        root,
        {
            "controls/demo-g/G1.yaml": "status: implemented\nowner: ciso\nmaps_to: ['1.1']\n"
            "evidence: [access/review.md]\n"
        },
    )
    document = run_json(capsys, "evidence", "list", "--root", str(root))
    assert document["evidence"] == [
        {
            "path": "access/review.md",
            "file": "evidence/access/review.md",
            "title": "アクセスレビュー",
            "title_en": None,
            "class": "confidential",
            "date": "2026-09-30",
            "valid_until": "2027-03-30",
            "state": "current",
            "sha256": sha256_hex(b"# access review\nall accounts checked\n"),
            "collected_by": None,
            "used_by": ["demo:1.1", "demo-g:G1"],
            "store": None,
            "ref": None,
            "signature": "unsigned",
            "verified": None,
        },
        {
            "path": "hr/training.csv",
            "file": "evidence/hr/training.csv",
            "title": "研修記録",
            "title_en": "Training record",
            "class": "internal",
            "date": "2026-06-30",
            "valid_until": "2027-06-30",
            "state": "current",
            "sha256": sha256_hex(b"employee_id,completed,score\nE1,yes,90\nE2,yes,80\nE3,yes,70\nE4,no,\n"),
            "collected_by": None,
            "used_by": ["demo:1.1"],
            "store": None,
            "ref": None,
            "signature": "unsigned",
            "verified": None,
        },
    ]
    assert main(["evidence", "list", "--root", str(root), "--today", TODAY]) == 0
    assert "current   2026-09-30  until 2027-03-30  confidential access/review.md" in capsys.readouterr().out


def test_evidence_validity_falls_back_to_the_review_interval(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = good_repo(tmp_path)
    register = root / "evidence/hr/evidence.yaml"
    register.write_text(register.read_text().replace("    valid_for: 1y\n", ""))
    write_repo(
        root,
        {
            "controls/demo/1.1.yaml": (root / "controls/demo/1.1.yaml")
            .read_text()
            .replace("review: {last: 2026-06-01}", "review: {last: 2026-06-01, interval: 3m}")
        },
    )
    rows = run_json(capsys, "evidence", "list", "--root", str(root))["evidence"]
    assert rows[1]["valid_until"] == "2026-09-30"
    assert rows[1]["state"] == "stale"


def test_a_quarter_without_incidents_counts_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    incidents = b"id,date,severity\nI1,2026-04-03,low\n"
    write_repo(
        root,
        {
            "evidence/incidents/register.csv": incidents,
            "evidence/incidents/evidence.yaml": (
                "evidence:\n  - {path: register.csv, title: 事故台帳, date: 2026-10-31, valid_for: 1y, "
                f"sha256: {sha256_hex(incidents)}}}\n"
            ),
            "controls/demo/1.2.yaml": (
                "status: implemented\nowner: ciso\nevidence: [incidents/register.csv]\nmeasures:\n"
                "  - {id: incidents, title: 事故件数, data: [incidents/register.csv], compute: {count: {}},"
                " target: '== 0', period: quarter, date_column: date}\n"
            ),
        },
    )
    assert main(["metrics", "--root", str(root), "--today", TODAY, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["measures"] == {"total": 1, "met": 1, "not_met": 0, "no_data": 0}


PARAPHRASED = """\
framework: {id: demo, name: {ja: デモ, en: Demo}, version: "1"}
groups: [{id: g, title: {ja: グループ, en: Group}}]
requirements:
  - {id: "1.1", title: {ja: 一, en: One}, group: g}
  - {id: "1.2", title: {ja: 二, en: Two}, group: g, source: paraphrase}
  - {id: "1.3", title: {ja: 三, en: Three}, group: g, source: paraphrase}
"""


def test_coverage_over_official_requirements_beside_the_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = good_repo(tmp_path)
    # 1.1 (official) is evidenced; 1.2 (paraphrased) is planned; 1.3 (paraphrased) is not applicable
    write_repo(root, {"catalogs/demo.yaml": PARAPHRASED})
    document = run_json(capsys, "metrics", "--root", str(root))
    demo, guidelines = document["frameworks"]
    assert (demo["applicable"], demo["evidenced"], demo["coverage"]) == (2, 1, 0.5)
    assert (demo["official_applicable"], demo["official_evidenced"], demo["official_coverage"]) == (1, 1, 1.0)
    # a framework without paraphrased requirements has no separate figure
    assert (guidelines["official_applicable"], guidelines["official_coverage"]) == (None, None)
    assert main(["metrics", "--root", str(root), "--today", TODAY]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(index for index, line in enumerate(lines) if line.startswith("demo "))
    assert lines[row + 1] == (
        "  official requirements only: 100.0 % (1 of 1 applicable evidenced; the others are paraphrased)"
    )
    assert lines[row + 2].startswith("demo-g ")
    assert main(["metrics", "--root", str(root), "--today", TODAY, "--lang", "ja"]) == 0
    japanese = capsys.readouterr().out.splitlines()
    assert japanese[0].startswith(f"{TODAY} 時点")
    assert japanese[2].split() == [
        "フレームワーク",
        "要求",
        "適用",
        "実施",
        "証跡",
        "カバー率",
        "試験",
        "試験済率",
        "有効性",
    ]
    # the same figures in the same columns: only the words differ
    assert japanese[row].split() == lines[row].split()
    assert japanese[row + 2].split() == lines[row + 2].split()
    assert japanese[row + 1] == "  公式の要求事項のみ: 100.0 %（適用 1 件中 1 件に証跡あり。ほかは要約による要求事項）"
    assert japanese[-1].startswith("有効性指標: 計 ")


TESTED_CONTROL = (
    "status: implemented\nowner: ciso\nreview: {last: 2026-06-01}\n"
    "evidence: [hr/training.csv, access/review.md]\n"
    "tests:\n"
    "  - id: restore\n"
    "    title: {ja: 復元試験, en: Restore test}\n"
    "    procedure: {ja: 復元する, en: Restore one backup}\n"
    "    criteria: {ja: 復元できる, en: Restored}\n"
    "    frequency: 3m\n"
    "    results:\n"
    "      - {date: 2026-10-01, by: ciso, result: pass}\n"
    "      - {date: 2026-12-10, by: ciso, result: fail}\n"
)


@pytest.mark.parametrize(
    ("today", "tested"),
    [
        ("2026-09-30", 0),  # not run yet as of the day
        ("2026-11-26", 1),  # passed on 10-01, within 3 months
        ("2026-12-20", 0),  # the run of 12-10 failed
    ],
)
def test_tested_and_passed_coverage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], today: str, tested: int
) -> None:
    root = good_repo(tmp_path)
    write_repo(root, {"controls/demo/1.1.yaml": TESTED_CONTROL})
    git(root, "init", "-q")
    commit_all(root, "tests", "2026-10-02T09:00:00+09:00")
    demo, guidelines = run_json(capsys, "metrics", "--root", str(root), "--today", today)["frameworks"]
    # The guideline maps to 1.1: its tests are the guideline's too.
    assert (demo["tested"], guidelines["tested"]) == (tested, tested)
    assert demo["tested_coverage"] == rounded(tested / demo["applicable"])
    assert main(["metrics", "--root", str(root), "--today", today]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("demo "))
    assert line.split()[7:9] == [str(tested), percent(tested / 2).split()[0]], line


def test_overdue_test_no_longer_counts_as_tested(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(
        root,
        {"controls/demo/1.1.yaml": TESTED_CONTROL.replace("      - {date: 2026-12-10, by: ciso, result: fail}\n", "")},
    )
    git(root, "init", "-q")
    commit_all(root, "tests", "2026-10-02T09:00:00+09:00")
    assert run_json(capsys, "metrics", "--root", str(root), "--today", "2026-12-31")["frameworks"][0]["tested"] == 1
    # 2026-10-01 + 3 months = 2027-01-01: overdue after that day.
    assert run_json(capsys, "metrics", "--root", str(root), "--today", "2027-01-02")["frameworks"][0]["tested"] == 0
