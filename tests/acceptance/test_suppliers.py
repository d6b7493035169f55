"""The supplier register on real git repositories: the example's suppliers, and bad supplier files."""

from __future__ import annotations

import json
import shutil
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


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copy the example into a fresh git repository with one commit."""
    root = copy_example(REPOSITORY, tmp_path_factory.mktemp("suppliers") / "repo")
    commit_all(root, "Example ISMS", "2026-10-01T09:00:00+09:00")
    return root


def test_the_site_lists_the_suppliers_and_the_dashboard_counts_the_overdue(
    example: Path, tmp_path: Path, run_isms: RunIsms
) -> None:
    out = tmp_path / "site"
    assert run_isms("site", "build", "--root", str(example), "--today", "2027-03-01", "--out", str(out)).code == 0
    page = (out / "suppliers.html").read_text(encoding="utf-8")
    assert page.count('data-supplier="') == 5
    assert 'data-supplier="outsourcee-d"' in page
    row = page.split('data-supplier="outsourcee-d"')[0].rsplit("<tr", 1)[1]
    assert "inspection:sup-overdue" in row
    assert "委託先管理台帳" in page
    dashboard = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-metric="supplier_inspections_overdue" data-value="1"' in dashboard
    assert 'data-metric="suppliers_counted" data-value="5"' in dashboard
    soa = (out / "soa.html").read_text(encoding="utf-8")
    row_522 = soa.split('id="soa-5.22"')[1].split("</tr>")[0]
    assert 'href="suppliers.html#sup-outsourcee-d"' in row_522
    control = (out / "controls" / "iso27001-2022" / "5.22.html").read_text(encoding="utf-8")
    assert 'href="../../suppliers.html#sup-outsourcee-d"' in control.split('id="suppliers"')[1]
    english = tmp_path / "en"
    result = run_isms(
        "site", "build", "--root", str(example), "--today", "2027-03-01", "--lang", "en", "--out", str(english)
    )
    assert result.code == 0
    page_en = (english / "suppliers.html").read_text(encoding="utf-8")
    assert "Supplier register" in page_en
    assert "Outsourcee D (data entry)" in page_en
    assert "CANARY-CONFIDENTIAL-7f3a" not in page + page_en + dashboard + soa


def test_oscal_relates_the_suppliers_to_their_contract_clauses(
    example: Path, tmp_path: Path, run_isms: RunIsms
) -> None:
    out = tmp_path / "oscal"
    assert run_isms("export", "oscal", "--root", str(example), "--today", "2027-03-01", "--out", str(out)).code == 0
    results = json.loads((out / "assessment-results.json").read_text(encoding="utf-8"))
    run = results["assessment-results"]["results"][0]
    suppliers = {o["uuid"]: o for o in run["observations"] if o["title"].startswith("Supplier ")}
    assert len(suppliers) == 5
    overdue = {
        next(p["value"] for p in o["props"] if p["name"] == "supplier")
        for o in suppliers.values()
        if {"name": "inspection-overdue", "ns": "urn:isms:ns:oscal", "value": "true"} in o["props"]
    }
    assert overdue == {"outsourcee-d"}
    finding = next(f for f in run["findings"] if f["title"].startswith("5.22 "))
    related = [r["observation-uuid"] for r in finding["related-observations"] if r["observation-uuid"] in suppliers]
    assert [suppliers[u]["title"] for u in related] == ["Supplier outsourcee-d: 業務委託先D（データ入力）"]


HOSTILE_SUPPLIER = """\
name: {ja: "<script>alert(1)</script>委託先", en: "<img src=x onerror=alert(1)>"}
criticality: low
services: ["<b>bold</b>"]
inspections:
  - {date: 2026-01-10, evidence: access/review-2026-q1.csv, note: "<iframe src=javascript:alert(1)>"}
"""


def test_the_supplier_page_escapes_what_the_yaml_says(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "repo", {**demo_files(), "suppliers/x.yaml": HOSTILE_SUPPLIER})
    commit_all(root, "Demo ISMS", "2026-01-15T09:00:00+09:00")
    out = tmp_path / "site"
    assert run_isms("site", "build", "--root", str(root), "--today", "2026-02-01", "--out", str(out)).code == 0
    page = (out / "suppliers.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;委託先" in page
    for raw in ("<script>alert(1)", "<b>bold</b>", "<iframe", "<img src=x"):
        assert raw not in page


CYCLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "cycle"
SUPPLIER_WITH_FINDINGS = """\
name: {ja: 委託先F, en: Supplier F}
criticality: medium
inspections: [{date: 2026-04-01, evidence: ops/incidents.csv}]
findings: [NC-1, NC-2]
"""


def test_the_supplier_page_links_the_findings_raised_by_the_day(tmp_path: Path, run_isms: RunIsms) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CYCLE, root)
    write_repo(root, {"suppliers/f.yaml": SUPPLIER_WITH_FINDINGS})
    commit_all(root, "Cycle case", "2026-05-02T09:00:00+09:00")
    out = tmp_path / "site"
    assert run_isms("site", "build", "--root", str(root), "--today", "2026-04-15", "--out", str(out)).code == 0
    page = (out / "suppliers.html").read_text(encoding="utf-8")
    section = page.split('id="sup-f"')[1]
    assert 'href="nonconformities.html#nc-NC-1"' in section
    assert "nc-NC-2" not in section  # raised on 2026-05-01, after the day


def test_an_inspection_dated_after_today_is_an_error_unless_the_day_is_given(tmp_path: Path, run_isms: RunIsms) -> None:
    supplier = "name: X\ncriticality: low\ninspections:\n  - {date: 2099-01-01, evidence: access/review-2026-q1.csv}\n"
    root = write_repo(tmp_path / "repo", {**demo_files(), "suppliers/x.yaml": supplier})
    commit_all(root, "Demo ISMS", "2026-01-15T09:00:00+09:00")
    _, real = findings(run_isms, root)
    future = [(f["rule"], f["path"], f["line"]) for f in real if f["rule"] == "date-in-future"]
    assert future == [("date-in-future", "suppliers/x.yaml", 4)]
    _, pinned = findings(run_isms, root, "--today", "2098-12-31")
    assert [f for f in pinned if f["rule"] == "date-in-future"] == []
