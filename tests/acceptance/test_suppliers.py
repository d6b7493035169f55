"""The supplier register on real git repositories: the example's suppliers, and bad supplier files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import RunIsms, commit_all, copy_example, demo_files, write_repo

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def findings(run_isms: RunIsms, root: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run_isms("check", "--root", str(root), "--format", "json", *args)
    return result.code, json.loads(result.out)["findings"]


def test_the_example_suppliers_fall_due_after_the_reference_day(tmp_path: Path, run_isms: RunIsms) -> None:
    root = copy_example(REPOSITORY, tmp_path / "repo")
    commit_all(root, "Example ISMS", "2026-10-01T09:00:00+09:00")
    code, today = findings(run_isms, root, "--today", "2026-12-03")
    assert code == 0
    assert [f for f in today if f["severity"] == "error"] == []
    assert [f for f in today if f["path"].startswith("suppliers/")] == []
    _, later = findings(run_isms, root, "--today", "2027-03-01")
    overdue = [(f["rule"], f["path"], f["line"]) for f in later if f["path"].startswith("suppliers/")]
    assert overdue == [("supplier-inspection-overdue", "suppliers/outsourcee-d.yaml", 13)]
    result = run_isms("remind", "--root", str(root), "--format", "json", "--today", "2027-01-15", "--within", "60d")
    items = [item for owner in json.loads(result.out)["owners"] for item in owner["items"]]
    due = [(i["kind"], i["subject"], i["due"]) for i in items if i["kind"].startswith("supplier-")]
    assert due == [("supplier-inspection", "outsourcee-d", "2027-02-20")]


BAD_SUPPLIER = """\
name: {ja: 委託先X, en: Supplier X}
criticality: critical
handles: [insider]
contract_clauses: ["iso27001-2022:5.99", "iso27001-2022:8.1"]
inspections:
  - {date: 2026-01-10, evidence: access/nowhere.pdf}
training:
  - {date: 2026-01-10, course: 研修, evidence: access/review-2026-q1.csv}
findings: [NC-404]
"""


def test_bad_supplier_references_are_errors_at_their_lines(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "repo", {**demo_files(), "suppliers/x.yaml": BAD_SUPPLIER})
    commit_all(root, "Demo ISMS", "2026-01-15T09:00:00+09:00")
    result = run_isms("validate", "--root", str(root), "--format", "json")
    assert result.code == 1
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.out)["findings"]]
    assert found == [
        ("unknown-reference", 4, 20),
        ("invalid-value", 4, 42),
        ("unknown-evidence", 6, 34),
        ("unknown-reference", 9, 12),
    ]
    messages = [f["message"] for f in json.loads(result.out)["findings"]]
    assert messages[1] == (
        "`iso27001-2022:8.1` (iso27001-2022:8.1) is not a supplier requirement; a contract clause cites one of "
        "Annex A 5.19, 5.20, 5.21 or 5.22"
    )
    assert messages[2] == (
        "evidence `access/nowhere.pdf` is not declared in any evidence.yaml; declare it or fix the path"
    )
    assert messages[3] == "nonconformity `NC-404` has no file under nonconformities/; name a nonconformity id"


def test_a_supplier_file_that_is_not_valid_is_reported(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "repo", {**demo_files(), "suppliers/x.yaml": "name: X\ncriticality: huge\n"})
    commit_all(root, "Demo ISMS", "2026-01-15T09:00:00+09:00")
    result = run_isms("validate", "--root", str(root), "--format", "text")
    assert result.code == 1
    assert "suppliers/x.yaml" in result.out
    assert "invalid-value" in result.out
    assert "Traceback" not in result.out + result.err
