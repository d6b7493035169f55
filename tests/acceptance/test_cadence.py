"""`expects:` in a register: each ended period of a recurring record without one is an `evidence-gap`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import good_repo, sha256_hex, write_repo
from isms.cli import main
from isms.evaluation import evaluate

REPORT = b"# monthly review\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


def _monthly(root: Path, expects: str, dates: list[str]) -> None:
    entries = "".join(
        f"  - path: {day[:7]}-review.md\n    title: 月次レビュー\n    date: {day}\n    sha256: {sha256_hex(REPORT)}\n"
        for day in dates
    )
    files: dict[str, str | bytes] = {f"evidence/ops/{day[:7]}-review.md": REPORT for day in dates}
    files["evidence/ops/evidence.yaml"] = f"{expects}evidence:\n{entries}"
    files["controls/demo/1.2.yaml"] = (
        "status: planned\nowner: ciso\ndue: 2027-03-31\nevidence: ["
        + ", ".join(f"ops/{day[:7]}-review.md" for day in dates)
        + "]\n"
    )
    write_repo(root, files)


def gaps(root: Path, capsys: pytest.CaptureFixture[str], today: str) -> list[tuple[str, int | None, str]]:
    main(["check", "--root", str(root), "--today", today, "--format", "json"])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return [(f["path"], f["line"], f["message"]) for f in document["findings"] if f["rule"] == "evidence-gap"]


def test_each_ended_month_without_a_record_is_a_gap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    _monthly(root, 'expects:\n  - {path: "*-review.md", every: 1m, since: 2026-04-01}\n', ["2026-04-05", "2026-06-03"])
    found = gaps(root, capsys, "2026-08-15")
    periods = [message.split(" for ")[1].split(" ")[0] for _, _, message in found]
    assert periods == ["2026-05", "2026-07"]  # August has not ended yet
    assert {(path, line) for path, line, _ in found} == {("evidence/ops/evidence.yaml", 2)}


def test_records_after_the_day_do_not_fill_a_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    _monthly(root, 'expects:\n  - {path: "*-review.md", every: 1m}\n', ["2026-04-05", "2026-05-03", "2026-06-03"])
    assert gaps(root, capsys, "2026-07-01") == []
    # As of 2026-05-20 only April's record existed (the series starts with it): nothing has ended unfilled.
    assert gaps(root, capsys, "2026-05-20") == []
    write_repo(
        root,
        {
            "evidence/ops/evidence.yaml": (root / "evidence/ops/evidence.yaml")
            .read_text()
            .replace("2026-05-03", "2026-06-04")
        },
    )
    found = gaps(root, capsys, "2026-07-01")
    assert [m.split(" for ")[1].split(" ")[0] for _, _, m in found] == ["2026-05"]


def test_quarterly_series(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    _monthly(root, 'expects:\n  - {path: "*-review.md", every: 3m, since: 2026-01-01}\n', ["2026-02-05", "2026-08-01"])
    found = gaps(root, capsys, "2026-11-26")
    assert [m.split(" for ")[1].split(" ")[0] for _, _, m in found] == ["2026-Q2"]


def test_a_bad_cadence_is_an_error_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    _monthly(root, 'expects:\n  - {path: "*-review.md", every: weekly}\n', ["2026-04-05"])
    code = main(["validate", "--root", str(root), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(f["rule"], f["path"], f["line"]) for f in document["findings"]] == [
        ("invalid-value", "evidence/ops/evidence.yaml", 2)
    ]


def test_a_fiscal_year_makes_the_periods_of_measures_and_records(tmp_path: Path) -> None:
    """`fiscal_year_start: 4`: 5 sessions from May 2026 to January 2027 are one fiscal year, not two."""
    root = good_repo(tmp_path)
    rows = "".join(f"E1,2026-{m:02d}-10,yes\n" for m in (5, 7, 9, 11)) + "E1,2027-01-20,yes\n"
    data = ("employee_id,date,attended\n" + rows).encode()
    config = (root / "isms.yaml").read_text()
    write_repo(
        root,
        {
            "isms.yaml": config + "fiscal_year_start: 4\n",
            "evidence/hr/sessions.csv": data,
            "evidence/hr/evidence.yaml": (root / "evidence/hr/evidence.yaml").read_text()
            + f"  - path: sessions.csv\n    title: 研修\n    date: 2027-01-31\n    sha256: {sha256_hex(data)}\n",
            "controls/demo/1.1.yaml": (root / "controls/demo/1.1.yaml").read_text()
            + "measures:\n  - {id: m, title: m, data: [hr/sessions.csv], date_column: date, period: year,\n"
            "     compute: {count: {where: {attended: 'yes'}, group_by: employee_id, at_least: 5}}, target: '>= 1'}\n",
        },
    )
    result = evaluate(root, dt.date(2027, 2, 1))
    (measure,) = result.assessment.measures
    assert [(v.period, v.value) for v in measure.values] == [("FY2026", 1.0)]
    assert measure.state.value == "met"
