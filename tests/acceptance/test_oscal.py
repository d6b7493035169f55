"""`isms export oscal`: documents valid against NIST's OSCAL schemas (offline), reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import RunIsms, check_jsonschema, commit_all, demo_files, git, write_repo
from isms.export.oscal import NS, OSCAL_VERSION

SCHEMAS = Path(__file__).parents[1] / "data" / "oscal"
CATALOG_SCHEMA = SCHEMAS / "oscal_catalog_schema.json"
RESULTS_SCHEMA = SCHEMAS / "oscal_assessment-results_schema.json"
EXAMPLE = Path(__file__).parents[2]
TODAY = "2026-03-01"


def validate(schema: Path, *documents: Path) -> None:
    """Validate with check-jsonschema: NIST's `\\p{L}` patterns need its ECMAScript regexes."""
    done = check_jsonschema("--schemafile", str(schema), *map(str, documents))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "repo", demo_files())
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Initial ISMS", "2026-02-01T09:00:00+09:00")
    return root


def export(run_isms: RunIsms, root: Path, out: Path) -> list[Path]:
    result = run_isms("export", "oscal", "--root", str(root), "--today", TODAY, "--out", str(out))
    assert result.code == 0, result.err
    return sorted(out.rglob("*.json"))


def test_documents_validate_and_are_reproducible(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    first = export(run_isms, repo, tmp_path / "one")
    names = {p.relative_to(tmp_path / "one").as_posix() for p in first}
    assert {"assessment-results.json", "catalogs/demo.json", "catalogs/iso27001-2022.json"} <= names
    validate(CATALOG_SCHEMA, *(p for p in first if p.parent.name == "catalogs"))
    validate(RESULTS_SCHEMA, tmp_path / "one" / "assessment-results.json")
    second = export(run_isms, repo, tmp_path / "two")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    results = json.loads((tmp_path / "one" / "assessment-results.json").read_text(encoding="utf-8"))
    metadata = results["assessment-results"]["metadata"]
    assert metadata["oscal-version"] == OSCAL_VERSION == "1.2.3"
    assert metadata["version"] == git(repo, "rev-parse", "HEAD").strip()[:12]


def test_the_bundled_example_validates(tmp_path: Path, run_isms: RunIsms) -> None:
    documents = export(run_isms, EXAMPLE, tmp_path / "out")
    validate(CATALOG_SCHEMA, *(p for p in documents if p.parent.name == "catalogs"))
    validate(RESULTS_SCHEMA, tmp_path / "out" / "assessment-results.json")


def test_the_example_audit_findings_and_nonconformities(tmp_path: Path, run_isms: RunIsms) -> None:
    out = tmp_path / "out"
    result = run_isms("export", "oscal", "--root", str(EXAMPLE), "--today", "2026-11-26", "--out", str(out))
    assert result.code == 0, result.err
    validate(RESULTS_SCHEMA, out / "assessment-results.json")
    results = json.loads((out / "assessment-results.json").read_text(encoding="utf-8"))
    run = results["assessment-results"]["results"][0]
    audit = [o for o in run["observations"] if {"name": "audit", "ns": NS, "value": "IA-2026"} in o.get("props", [])]
    assert len(audit) == 6
    ncs = [o for o in run["observations"] if any(p["name"] == "nonconformity" for p in o.get("props", []))]
    assert {o["title"].split(":")[0] for o in ncs} >= {f"NC-2026-0{n}" for n in range(1, 6)}
    found = {
        f["title"].split(":")[0]: f["target"]["status"]["state"] for f in run["findings"] if "IA-2026 F" in f["title"]
    }
    assert (found["IA-2026 F2"], found["IA-2026 F3"]) == ("not-satisfied", "satisfied")
    # A nonconformity's `risks:` become the related risks of its finding: the audit finding's, or
    # (raised from an incident or an exercise) its own.
    titles = {r["uuid"]: r["title"].split()[0] for r in run["risks"]}
    related = {
        f["title"].split(":")[0]: sorted(titles[r["risk-uuid"]] for r in f.get("related-risks", []))
        for f in run["findings"]
        if any(p["name"] == "nonconformity" for p in f.get("props", []))
    }
    assert related["IA-2026 F2"] == ["R-01"]  # NC-2026-02
    assert related["IA-2026 F3"] == ["R-11"]  # NC-2026-03
    assert related["NC-2026-04"] == ["R-08"]  # an incident
    assert related["NC-2026-05"] == ["R-03"]  # an exercise
    assert "NC-2026-02" not in related  # carried by its audit finding, not twice


def test_schema_check_catches_an_invalid_document(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"catalog": {"uuid": "x", "metadata": {}}}', encoding="utf-8")
    with pytest.raises(AssertionError, match="does not match"):
        validate(CATALOG_SCHEMA, bad)


def test_the_example_risks_are_in_the_results(tmp_path: Path, run_isms: RunIsms) -> None:
    out = tmp_path / "out"
    result = run_isms("export", "oscal", "--root", str(EXAMPLE), "--today", "2026-11-26", "--out", str(out))
    assert result.code == 0, result.err
    validate(RESULTS_SCHEMA, out / "assessment-results.json")
    text = (out / "assessment-results.json").read_text(encoding="utf-8")
    run = json.loads(text)["assessment-results"]["results"][0]
    risks = {r["title"].split()[0]: r for r in run["risks"]}
    assert len(risks) == 19
    accepted = risks["R-07"]
    assert accepted["status"] == "deviation-approved"
    assert accepted["deadline"] == "2027-10-19T00:00:00Z"
    props = {p["name"]: p["value"] for p in accepted["props"] if p["name"] != "asset"}
    assert props["accepted-by"] == "president"
    assert props["risk-state"] == "accepted"
    facets = {f["name"]: f["value"] for f in accepted["characterizations"][0]["facets"]}
    assert facets["residual-score"] == "5"
    assert "地震・火災・水害" in accepted["statement"]
    # R-01 is confidential: metadata only, its threat never leaves the repository
    assert "内部不正による持出し" not in text
    assert risks["R-01"]["description"].startswith("confidential risk: metadata only")
    # the finding of a treating control names the risk
    finding = next(f for f in run["findings"] if f["target"]["target-id"].endswith("5.29"))
    assert {"risk-uuid": accepted["uuid"]} in finding["related-risks"]
