"""Hostile input never crashes the CLI (issue 18): each case exits 1 with a finding at file:line, not 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DEMO_CONTROLS, DEMO_MEASURED, RunIsms, demo_files, write_repo

DM1 = "controls/demo/DM-1.yaml"


@pytest.mark.parametrize(
    "line",
    [
        "notes: !!float abc",
        "notes: !!int",
        "notes: !!bool maybe",
        "notes: !!omap [a, b]",
        "notes: !!binary '@@@'",
        "notes: !!str [1]",
        "notes: !foo 1",
    ],
)
def test_a_tag_its_value_cannot_hold_is_a_finding(tmp_path: Path, run_isms: RunIsms, line: str) -> None:
    files = demo_files()
    files[DM1] = DEMO_CONTROLS[DM1] + line + "\n"
    root = write_repo(tmp_path / "repo", files)
    for command in (["validate"], ["check", "--today", "2026-02-01"]):
        done = run_isms(*command, "--root", str(root))
        assert done.code == 1, done.err
        assert "Traceback" not in done.err
        assert f"{DM1}\n" in done.out or f"{DM1}:" in done.out


def test_positions_survive_a_tag_the_round_trip_parser_refuses(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    files[DM1] = DEMO_CONTROLS[DM1] + "notes: !!int 0x\nunknown: 1\n"
    root = write_repo(tmp_path / "repo", files)
    done = run_isms("validate", "--root", str(root))
    assert done.code == 1, done.err
    assert "unknown key `unknown`" in done.out


def test_a_nul_byte_in_a_register_path_is_a_finding(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    register = str(files["evidence/access/evidence.yaml"])
    files["evidence/access/evidence.yaml"] = register.replace("path: review-2026-q1.csv", 'path: "rev\\0iew.csv"')
    root = write_repo(tmp_path / "repo", files)
    done = run_isms("check", "--root", str(root), "--today", "2026-02-01")
    assert done.code == 1, done.err
    assert "control character" in done.out
    assert "evidence/access/evidence.yaml" in done.out


def _measured(tmp_path: Path, data: bytes) -> Path:
    files = demo_files()
    files[DM1] = DEMO_MEASURED
    files["evidence/access/review-2026-q1.csv"] = data
    return write_repo(tmp_path / "repo", files)


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e999"])
def test_inf_and_nan_in_measure_data_are_no_data_and_charts_build(
    tmp_path: Path, run_isms: RunIsms, value: str
) -> None:
    root = _measured(tmp_path, f"account,reviewed,score\nalice,yes,{value}\n".encode())
    done = run_isms("metrics", "--root", str(root), "--today", "2026-02-01", "--format", "json")
    assert done.code == 0, done.err
    assert '"no_data"' in done.out
    built = run_isms("site", "build", "--root", str(root), "--today", "2026-02-01", "--out", str(tmp_path / "site"))
    assert built.code == 0, built.err


def test_a_csv_field_over_the_size_limit_is_a_measure_problem(tmp_path: Path, run_isms: RunIsms) -> None:
    root = _measured(tmp_path, b"account,reviewed,score\nalice,yes," + b"9" * 200_000 + b"\n")
    done = run_isms("check", "--root", str(root), "--today", "2026-02-01")
    assert done.code == 1, done.err
    assert "not readable CSV" in done.out


def test_an_empty_data_file_is_no_data_not_met(tmp_path: Path, run_isms: RunIsms) -> None:
    root = _measured(tmp_path, b"")
    done = run_isms("check", "--root", str(root), "--today", "2026-02-01")
    assert "is empty" in done.out
    assert "measure-no-data" in done.out
    assert done.code == 1  # the file no longer matches its hash either


def test_a_recurring_record_checked_at_the_calendar_end(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    files["evidence/access/evidence.yaml"] = str(files["evidence/access/evidence.yaml"]) + (
        "expects:\n  - path: review-*.csv\n    every: 1y\n    title: Review\n"
    )
    root = write_repo(tmp_path / "repo", files)
    done = run_isms("check", "--root", str(root), "--today", "9999-12-31")
    assert done.code == 1, done.err
    assert "Traceback" not in done.err
