"""A column a measure names must be in its data: a typo is an error at the measure, not a changed KPI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import TODAY, good_repo, sha256_hex, write_repo
from isms.cli import main

DESIGNATED = b"id,name\nE1,A\nE2,B\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def with_measure(root: Path, measure: str) -> Path:
    """Add one measure over `hr/training.csv` (employee_id, completed, score) to control 1.1."""
    control = (root / "controls/demo/1.1.yaml").read_text()
    write_repo(
        root,
        {
            "controls/demo/1.1.yaml": control + "measures:\n  - id: m\n    title: 指標\n" + measure,
            "evidence/hr/designated.csv": DESIGNATED,
            "evidence/hr/evidence.yaml": (root / "evidence/hr/evidence.yaml").read_text()
            + (
                "  - path: designated.csv\n"
                "    title: {ja: 名簿, en: Register}\n"
                "    date: 2026-06-30\n"
                f"    sha256: {sha256_hex(DESIGNATED)}\n"
            ),
        },
    )
    return root


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", "--root", str(root), "--today", TODAY, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return code, [f for f in findings if f["rule"].startswith("measure-")]


def test_a_where_column_absent_from_the_data_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = with_measure(
        good_repo(tmp_path),
        "    data: [hr/training.csv]\n"
        "    compute:\n"
        "      ratio:\n"
        "        where: {complete: 'yes'}\n"  # the column is `completed`
        "    target: '>= 95%'\n"
        "    period: half\n",
    )
    code, found = check(root, capsys)
    assert code == 1
    assert [(f["rule"], f["severity"], f["path"], f["line"]) for f in found] == [
        ("measure-column-missing", "error", "controls/demo/1.1.yaml", 14)
    ]
    assert "`complete`" in found[0]["message"]
    assert "evidence/hr/training.csv" in found[0]["message"]
    assert "employee_id, completed, score" in found[0]["message"]


@pytest.mark.parametrize(
    ("compute", "column"),
    [
        ("{ratio: {where: {completed: 'yes'}, of: {role: staff}}}", "role"),
        ("{count: {not_in: {evidence: hr/designated.csv, column: employee, key: id}}}", "employee"),
        # dropping `key:` makes it default to `column`, which the other file does not have
        ("{count: {not_in: {evidence: hr/designated.csv, column: employee_id}}}", "employee_id"),
        ("{sum: scores}", "scores"),
        ("{mean: scor}", "scor"),
    ],
)
def test_every_named_column_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], compute: str, column: str
) -> None:
    root = with_measure(
        good_repo(tmp_path),
        f"    data: [hr/training.csv]\n    compute: {compute}\n    target: '>= 0'\n    period: half\n",
    )
    code, found = check(root, capsys)
    assert code == 1
    assert [f["rule"] for f in found] == ["measure-column-missing"]
    assert f"`{column}`" in found[0]["message"]
    if "designated" in compute and column == "employee_id":
        assert "evidence/hr/designated.csv" in found[0]["message"]
        assert "(it has: id, name)" in found[0]["message"]


def test_the_key_of_not_in_is_checked_in_the_other_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = with_measure(
        good_repo(tmp_path),
        "    data: [hr/training.csv]\n"
        "    compute: {count: {not_in: {evidence: hr/designated.csv, column: employee_id, key: id}}}\n"
        "    target: '== 2'\n"
        "    period: half\n",
    )
    code, found = check(root, capsys)
    assert (code, found) == (0, [])


def test_a_date_column_absent_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = with_measure(
        good_repo(tmp_path),
        "    data: [hr/training.csv]\n    date_column: date\n    compute: {count: {}}\n    target: '>= 0'\n",
    )
    code, found = check(root, capsys)
    assert code == 1
    assert [(f["rule"], f["line"]) for f in found] == [("measure-column-missing", 12)]


def test_a_where_value_found_in_no_file_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = with_measure(
        good_repo(tmp_path),
        "    data: [hr/training.csv]\n"
        "    compute: {ratio: {where: {completed: 'yse', score: ['>= 80', 90]}}}\n"
        "    target: '>= 0%'\n"
        "    period: half\n",
    )
    code, found = check(root, capsys)
    assert code == 0
    assert [(f["rule"], f["severity"], f["line"]) for f in found] == [("measure-value-unknown", "warning", 12)]
    assert "`yse`" in found[0]["message"]


def test_a_list_of_values_warns_only_when_none_occurs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = with_measure(
        good_repo(tmp_path),
        "    data: [hr/training.csv]\n"
        "    compute: {count: {where: {completed: [yes, maybe]}}}\n"  # `maybe` has not happened yet
        "    target: '>= 0'\n"
        "    period: half\n",
    )
    assert check(root, capsys) == (0, [])
