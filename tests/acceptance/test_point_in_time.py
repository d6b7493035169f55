"""`--today D` is the ISMS as it stood on D; without it, dates after tomorrow are errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import TODAY, commit_all, git, good_repo, sha256_hex, write_repo
from isms.cli import main
from isms.evaluation import current_date, evaluate
from isms.state.evidence import EvidenceState


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main([*args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_evidence_after_the_day_is_not_yet_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)  # training dated 2026-06-30, access review 2026-09-30
    code, doc = run(capsys, "metrics", "--root", str(root), "--today", "2026-07-01")
    assert code == 0
    assert doc["evidence"]["not-yet-valid"] == 1
    assert doc["evidence"]["current"] == 1
    code, doc = run(capsys, "check", "--root", str(root), "--today", "2026-07-01")
    found = [(f["rule"], f["severity"], f["path"]) for f in doc["findings"]]
    assert found == [("evidence-not-yet-valid", "note", "evidence/access/evidence.yaml")]
    code, doc = run(capsys, "evidence", "list", "--root", str(root), "--today", "2026-07-01")
    states = {row["path"]: row["state"] for row in doc["evidence"]}
    assert states == {"hr/training.csv": "current", "access/review.md": "not-yet-valid"}


def test_not_yet_valid_evidence_does_not_count_for_coverage(tmp_path: Path) -> None:
    root = good_repo(tmp_path)
    # Only the access review (2026-09-30) evidences 1.1 before; on 2026-07-01 the training alone does.
    write_repo(root, {"controls/demo/1.1.yaml": "status: implemented\nowner: ciso\nevidence: [access/review.md]\n"})
    before = evaluate(root, dt.date(2026, 7, 1))
    after = evaluate(root, dt.date(2026, 10, 1))
    assert before.assessment.evidence["access/review.md"].state is EvidenceState.NOT_YET_VALID
    assert before.metrics.standings[("demo", "1.1")].evidenced is False
    assert after.metrics.standings[("demo", "1.1")].evidenced is True


def test_reviews_after_the_day_do_not_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(
        root,
        {
            "controls/demo/1.1.yaml": (tmp_path / "controls/demo/1.1.yaml")
            .read_text()
            .replace("review: {last: 2026-06-01}", "review: {last: 2027-06-01}")
        },
    )
    # As of 2027-07-01 the 2027-06-01 review counts; as of 2026-11-26 it had not happened: the last is none.
    result = evaluate(root, dt.date(2026, 11, 26))
    assert result.assessment.last_reviewed(result.repository.controls[("demo", "1.1")]) is None
    later = evaluate(root, dt.date(2027, 7, 1))
    assert later.assessment.last_reviewed(later.repository.controls[("demo", "1.1")]) == dt.date(2027, 6, 1)


def test_review_commits_after_the_day_do_not_count(tmp_path: Path) -> None:
    root = good_repo(tmp_path)
    git(root, "init", "-q")
    commit_all(root, "Initial", "2026-01-10T09:00:00+09:00")
    path = root / "controls/demo/1.1.yaml"
    path.write_text(path.read_text().replace("review: {last: 2026-06-01}\n", ""), encoding="utf-8")
    commit_all(root, "Review 1.1 after the audit", "2026-09-10T09:00:00+09:00")
    control_key = ("demo", "1.1")
    early = evaluate(root, dt.date(2026, 7, 1))
    assert early.assessment.last_reviewed(early.repository.controls[control_key]) is None
    late = evaluate(root, dt.date(2026, 10, 1))
    assert late.assessment.last_reviewed(late.repository.controls[control_key]) == dt.date(2026, 9, 10)


def test_policy_approval_after_the_day_does_not_count(tmp_path: Path) -> None:
    root = good_repo(tmp_path)
    write_repo(
        root,
        {
            "policies/basic.yaml": (
                "title: 基本方針\nowner: ciso\napproved: {by: ciso, date: 2026-08-01}\n"
                "statements:\n  - {id: S1, text: 守る, implemented_by: ['1.1']}\n"
            )
        },
    )
    early = evaluate(root, dt.date(2026, 7, 1))
    assert early.assessment.approval(early.repository.policies["basic"]) is None
    late = evaluate(root, dt.date(2026, 8, 1))
    assert late.assessment.approval(late.repository.policies["basic"]) is not None


MEASURED = """\
status: implemented
owner: ciso
evidence: [hr/training.csv]
measures:
  - id: completion
    title: 受講率
    data: ["hr/log.csv"]
    compute: {ratio: {where: {completed: "yes"}}}
    target: ">= 90%"
    period: month
    date_column: date
"""


def test_measure_rows_after_the_day_are_not_read(tmp_path: Path) -> None:
    root = good_repo(tmp_path)
    log = b"date,completed\n2026-06-03,yes\n2026-06-20,no\n2026-06-25,yes\n2026-06-28,yes\n"
    write_repo(
        root,
        {
            "controls/demo/1.2.yaml": MEASURED,
            "evidence/hr/log.csv": log,
            "evidence/hr/evidence.yaml": (tmp_path / "evidence/hr/evidence.yaml").read_text()
            + f"  - path: log.csv\n    title: 記録\n    date: 2026-06-30\n    sha256: {sha256_hex(log)}\n",
        },
    )
    # On 2026-06-15 only the row of 06-03 existed: 100 %; by the end of June 3 of 4.
    early = evaluate(root, dt.date(2026, 6, 15)).assessment.measures
    assert early[0].latest is None  # the file itself is dated 2026-06-30
    end = evaluate(root, dt.date(2026, 6, 30)).assessment.measures[0]
    assert end.latest is not None
    assert end.latest.value == pytest.approx(0.75)
    write_repo(
        root,
        {
            "evidence/hr/evidence.yaml": (tmp_path / "evidence/hr/evidence.yaml")
            .read_text()
            .replace(
                "date: 2026-06-30\n    sha256: " + sha256_hex(log), "date: 2026-06-10\n    sha256: " + sha256_hex(log)
            )
        },
    )
    # A register dated 06-10 but holding later rows: rows after the day are left out.
    mid = evaluate(root, dt.date(2026, 6, 15)).assessment.measures[0]
    assert mid.latest is not None
    assert (mid.latest.value, mid.latest.rows) == (1.0, 1)


def test_dates_in_the_future_are_errors_without_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    future = current_date() + dt.timedelta(days=2)
    tomorrow = current_date() + dt.timedelta(days=1)
    register = (root / "evidence/access/evidence.yaml").read_text().replace("2026-09-30", future.isoformat())
    control = (root / "controls/demo/1.1.yaml").read_text().replace("2026-06-01", tomorrow.isoformat())
    write_repo(root, {"evidence/access/evidence.yaml": register, "controls/demo/1.1.yaml": control})
    code, doc = run(capsys, "check", "--root", str(root))
    future_findings = [(f["rule"], f["path"], f["line"]) for f in doc["findings"] if f["rule"] == "date-in-future"]
    assert future_findings == [("date-in-future", "evidence/access/evidence.yaml", 5)]  # tomorrow is tolerated
    assert code == 1
    # With --today the same dates are simply later than the day: no error.
    code, doc = run(capsys, "check", "--root", str(root), "--today", TODAY)
    assert "date-in-future" not in {f["rule"] for f in doc["findings"]}


def test_a_control_whose_evidence_is_all_later_has_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(root, {"controls/demo/1.1.yaml": "status: implemented\nowner: ciso\nevidence: [access/review.md]\n"})
    code, doc = run(capsys, "check", "--root", str(root), "--today", "2026-07-01")  # the review is of 2026-09-30
    assert code == 1
    found = [(f["rule"], f["path"], f["line"]) for f in doc["findings"] if f["rule"] == "control-no-evidence"]
    # 1.1 lists only later evidence; guideline G1 maps to 1.1 alone
    assert found == [
        ("control-no-evidence", "controls/demo-g/G1.yaml", 1),
        ("control-no-evidence", "controls/demo/1.1.yaml", 3),
    ]
    code, doc = run(capsys, "check", "--root", str(root), "--today", "2026-10-01")
    assert [f for f in doc["findings"] if f["rule"] == "control-no-evidence"] == []


def test_data_rows_dated_in_the_future_are_errors_without_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = good_repo(tmp_path)
    future = current_date() + dt.timedelta(days=3)
    data = f"id,date,severity\nI1,2026-05-01,high\nI2,{future},high\nI3,2026-06-01,low\n".encode()
    control = (root / "controls/demo/1.1.yaml").read_text()
    write_repo(
        root,
        {
            "evidence/hr/incidents.csv": data,
            "evidence/hr/evidence.yaml": (root / "evidence/hr/evidence.yaml").read_text()
            + f"  - path: incidents.csv\n    title: 事故\n    date: 2026-06-30\n    sha256: {sha256_hex(data)}\n",
            "controls/demo/1.1.yaml": control
            + "measures:\n  - {id: m, title: m, data: [hr/incidents.csv], date_column: date,"
            " compute: {count: {}}, target: '>= 0', period: year}\n",
        },
    )
    code, doc = run(capsys, "check", "--root", str(root))
    found = [(f["rule"], f["path"], f["line"]) for f in doc["findings"] if f["rule"] == "date-in-future"]
    assert found == [("date-in-future", "evidence/hr/incidents.csv", 3)]
    assert code == 1
    code, doc = run(capsys, "check", "--root", str(root), "--today", TODAY)
    assert "date-in-future" not in {f["rule"] for f in doc["findings"]}
