"""`isms check`: exit codes, each rule on a failing fixture at its place, output formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from helpers import TODAY, TRAINING, good_repo, sha256_hex, write_repo
from isms.cli import main

SARIF_SCHEMA = Path(__file__).parents[1] / "data" / "schemas" / "sarif-2.1.0-rtm.5.json"
#: A partial control that says how and was reviewed, but lists no evidence.
EVIDENCED = "evidence: [hr/training.csv]\n"
PARTIAL = "status: partial\nowner: ciso\nreview: {last: 2026-06-01}\nimplementation: 一部の部署で実施\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def check(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", "--root", str(root), "--today", TODAY, "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


def rules(document: dict[str, Any]) -> list[tuple[str, str, str, int | None]]:
    return [(f["rule"], f["severity"], f["path"], f["line"]) for f in document["findings"]]


def test_good_repository_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, document = check(good_repo(tmp_path), capsys)
    assert document["findings"] == []
    assert code == 0
    assert document["as_of"] == TODAY


def test_text_output_groups_by_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(root, {"controls/demo/1.2.yaml": "status: implemented\nowner: ciso\n"})
    assert main(["check", "--root", str(root), "--today", TODAY]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "controls/demo/1.2.yaml"
    assert "1:9  error    control is implemented but lists no evidence" in out
    assert out.rstrip().endswith("1 error, 2 warnings")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"controls/demo/1.2.yaml": "status: partial\nowner: ciso\n"},
            ("control-no-evidence", "error", "controls/demo/1.2.yaml", 1),
            id="partial-without-evidence",
        ),
        pytest.param(
            {"controls/demo/1.2.yaml": "status: partial\nowner: ciso\nreview: {last: 2026-06-01}\n" + EVIDENCED},
            ("control-no-implementation", "warning", "controls/demo/1.2.yaml", 1),
            id="partial-without-implementation",
        ),
        pytest.param(
            {"controls/demo/1.2.yaml": "status: implemented\nowner: ciso\nimplementation: 手順どおり\n" + EVIDENCED},
            ("control-never-reviewed", "warning", "controls/demo/1.2.yaml", 1),
            id="implemented-never-reviewed",
        ),
        pytest.param(
            {"controls/demo/1.3.yaml": "status: not-applicable\nowner: ciso\n"},
            ("justification-missing", "error", "controls/demo/1.3.yaml", 1),
            id="not-applicable-without-justification",
        ),
        pytest.param(
            {"controls/demo/1.2.yaml": "status: planned\n"},
            ("control-no-owner", "error", "controls/demo/1.2.yaml", 1),
            id="no-owner",
        ),
        pytest.param(
            {"controls/demo-g/G1.yaml": "status: implemented\nowner: ciso\nevidence: [hr/training.csv]\n"},
            ("requirement-unmapped", "warning", "controls/demo-g/G1.yaml", 1),
            id="guideline-unmapped",
        ),
        pytest.param(
            {
                "controls/demo/1.1.yaml": "status: implemented\nowner: ciso\nreview: {last: 2025-01-10}\n"
                "evidence: [hr/training.csv]\n"
            },
            ("review-overdue", "warning", "controls/demo/1.1.yaml", 3),
            id="review-overdue",
        ),
        pytest.param(
            {"evidence/hr/notes.txt": "stray"},
            ("evidence-unreferenced", "warning", "evidence/hr/notes.txt", None),
            id="undeclared-evidence-file",
        ),
    ],
)
def test_each_rule_at_its_place(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    expected: tuple[str, str, str, int | None],
) -> None:
    root = good_repo(tmp_path)
    write_repo(root, dict(files))
    code, document = check(root, capsys)
    assert expected in rules(document)
    assert code == (1 if expected[1] == "error" else 0)


def test_missing_control_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    (root / "controls/demo/1.2.yaml").unlink()
    code, document = check(root, capsys)
    assert code == 1
    finding = document["findings"][0]
    assert (finding["rule"], finding["path"], finding["control"]) == (
        "requirement-uncovered",
        "controls/demo/1.2.yaml",
        "demo:1.2",
    )
    assert "isms control new demo 1.2" in finding["message"]


def test_stale_evidence_fails_at_the_control_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, document = check(good_repo(tmp_path), capsys, "--today", "2027-07-01")
    assert code == 1
    stale = [f for f in document["findings"] if f["rule"] == "evidence-stale"]
    assert [(f["path"], f["line"], f["column"], f["control"]) for f in stale] == [
        ("controls/demo/1.1.yaml", 5, 5, "demo:1.1"),
        ("controls/demo/1.1.yaml", 6, 5, "demo:1.1"),
    ]
    assert "expired on 2027-03-30" in stale[1]["message"]


def test_expiring_evidence_warns_within_the_window(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, document = check(good_repo(tmp_path), capsys, "--today", "2027-03-10")
    assert code == 0
    assert rules(document) == [("evidence-expiring", "warning", "evidence/access/evidence.yaml", 5)]
    write_repo(tmp_path, {"isms.yaml": (tmp_path / "isms.yaml").read_text() + "evidence: {warn_within: 7d}\n"})
    assert check(tmp_path, capsys, "--today", "2027-03-10")[1]["findings"] == []


def test_tampered_evidence_names_both_hashes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    changed = TRAINING + b"E5,yes,100\n"
    (root / "evidence/hr/training.csv").write_bytes(changed)
    code, document = check(root, capsys)
    assert code == 1
    [finding] = document["findings"]
    assert (finding["rule"], finding["path"], finding["line"]) == ("evidence-tampered", "evidence/hr/evidence.yaml", 6)
    assert sha256_hex(TRAINING) in finding["message"]
    assert sha256_hex(changed) in finding["message"]


def test_missing_evidence_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    (root / "evidence/access/review.md").unlink()
    code, document = check(root, capsys)
    assert code == 1
    assert ("evidence-missing", "error", "evidence/access/evidence.yaml", 3) in rules(document)


def test_unhashed_evidence_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    register = root / "evidence/hr/evidence.yaml"
    register.write_text("\n".join(register.read_text().splitlines()[:-1]) + "\n")
    code, document = check(root, capsys)
    assert code == 1  # a change to a file without a hash would go unnoticed
    assert rules(document) == [("evidence-unhashed", "error", "evidence/hr/evidence.yaml", 2)]


def test_rule_levels_are_configurable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(root, {"controls/demo/1.2.yaml": "status: planned\n", "evidence/hr/notes.txt": "x"})
    config = (root / "isms.yaml").read_text()
    write_repo(root, {"isms.yaml": config + "rules: {control-no-owner: warning, evidence-unreferenced: 'off'}\n"})
    code, document = check(root, capsys)
    assert code == 0
    assert rules(document) == [("control-no-owner", "warning", "controls/demo/1.2.yaml", 1)]
    assert main(["check", "--root", str(root), "--today", TODAY, "--strict"]) == 1


def test_measures_not_met_and_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    control = (root / "controls/demo/1.1.yaml").read_text()
    write_repo(
        root,
        {
            "controls/demo/1.1.yaml": control
            + (
                "measures:\n"
                "  - id: completion\n"
                "    title: 受講率\n"
                "    data: [hr/training.csv]\n"
                "    compute: {ratio: {where: {completed: 'yes'}}}\n"
                "    target: '>= 95%'\n"
                "    period: half\n"
                "  - id: monthly\n"
                "    title: 月次\n"
                "    data: ['hr/*.csv']\n"
                "    compute: {count: {}}\n"
                "    target: '>= 1'\n"
                "    period: month\n"
            )
        },
    )
    code, document = check(root, capsys)
    assert code == 0
    found = {(f["rule"], f["line"]): f["message"] for f in document["findings"]}
    assert found[("measure-not-met", 13)] == "measure `completion` is 75.0 % in 2026-H1, target >= 95%"
    assert "has no data for its latest month" in found[("measure-no-data", 17)]


def test_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = good_repo(tmp_path)
    for index in range(12):
        write_repo(root, {f"evidence/hr/stray-{index:02d}.txt": "x"})
    write_repo(root, {"controls/demo/1.2.yaml": PARTIAL})
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", "--root", str(root), "--today", TODAY, "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "::error file=controls/demo/1.2.yaml,line=1,col=9,title=control-no-evidence::control is partial but "
        "lists no evidence; add evidence (`isms evidence add FILE --for ...`) or set `status: planned`"
    )
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(warnings) == 10
    assert warnings[0].startswith("::warning file=evidence/hr/stray-00.txt,title=evidence-unreferenced::")
    assert "::notice title=isms::2 more warnings: see the job summary" in lines
    text = summary.read_text()
    assert "**1** errors, **12** warnings" in text
    assert text.count("| warning |") == 12


def test_github_escapes_properties_and_data() -> None:
    from isms.findings import Finding, Severity
    from isms.report.github import annotation

    finding = Finding("r", Severity.WARNING, "100% done\nnext", "a,b:c.yaml", line=3, column=1, message_ja="m")
    assert annotation(finding) == "::warning file=a%2Cb%3Ac.yaml,line=3,col=1,title=r::100%25 done%0Anext"


def test_sarif_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    write_repo(root, {"controls/demo/1.2.yaml": PARTIAL, "evidence/x.txt": "x"})
    assert main(["check", "--root", str(root), "--today", TODAY, "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["control-no-evidence", "evidence-unreferenced"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 9}
    assert "region" not in results[1]["locations"][0]["physicalLocation"]


def test_not_an_isms_repository_exits_2(tmp_path: Path) -> None:
    assert main(["check", "--root", str(tmp_path)]) == 2
    assert main(["check", "--today", "2026-13-01", "--root", str(tmp_path)]) == 2


def test_measure_data_counts_as_a_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_repo(tmp_path)
    listed = b"account\nE1\n"
    write_repo(
        root,
        {
            "evidence/hr/designated.csv": listed,
            "evidence/hr/evidence.yaml": (root / "evidence/hr/evidence.yaml").read_text()
            + f"  - {{path: designated.csv, title: 指定者, date: 2026-09-01, sha256: {sha256_hex(listed)}}}\n",
        },
    )
    document = check(root, capsys)[1]
    assert ("evidence-unreferenced", "warning", "evidence/hr/evidence.yaml", 7) in rules(document)
    control = (root / "controls/demo/1.1.yaml").read_text()
    write_repo(
        root,
        {
            "controls/demo/1.1.yaml": control
            + (
                "measures:\n  - {id: m, title: m, data: [hr/training.csv], target: '== 0', period: year,"
                " compute: {count: {not_in: {evidence: hr/designated.csv, column: employee_id, key: account}}}}\n"
            )
        },
    )
    document = check(root, capsys)[1]
    assert [f["rule"] for f in document["findings"]] == ["measure-not-met"]
