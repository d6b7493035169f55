"""`A.5.15` is the Annex A control `5.15` wherever a requirement id is read: the CLI and the YAML."""

from __future__ import annotations

from pathlib import Path

from helpers import RunIsms, write_repo

CONFIG = """\
organisation: {ja: テスト株式会社, en: Test Inc.}
frameworks: [iso27001-2022]
owners:
  ciso: {name: CISO}
"""
POLICY = """\
title: {ja: アクセス方針, en: Access policy}
version: "1.0"
owner: ciso
approved: {by: 代表取締役, date: 2026-01-10}
statements:
  - id: P-1
    text: アクセス制御の規則を定める。
    implemented_by: [A.5.15, "iso27001-2022:A.5.18"]
"""


def _repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo", {"isms.yaml": CONFIG, "policies/access.yaml": POLICY})


def test_control_new_accepts_the_annex_a_form_and_writes_the_catalog_form(tmp_path: Path, run_isms: RunIsms) -> None:
    root = _repo(tmp_path)
    result = run_isms("control", "new", "iso27001-2022", "A.5.15", "--root", str(root), "--owner", "ciso")
    assert result.code == 0, result.err
    assert result.out == "created controls/iso27001-2022/5.15.yaml (status: planned)\n"
    assert (root / "controls/iso27001-2022/5.15.yaml").read_text(encoding="utf-8").startswith("# iso27001-2022 5.15: ")
    again = run_isms("control", "new", "iso27001-2022", "5.15", "--root", str(root))
    assert again.code == 2
    assert "controls/iso27001-2022/5.15.yaml exists already" in again.err


def test_yaml_references_and_evidence_add_accept_the_annex_a_form(tmp_path: Path, run_isms: RunIsms) -> None:
    root = _repo(tmp_path)
    for rid in ("5.15", "5.18"):
        assert run_isms("control", "new", "iso27001-2022", rid, "--root", str(root), "--owner", "ciso").code == 0
    checked = run_isms("validate", "--root", str(root))
    assert "unknown-reference" not in checked.out, checked.out
    assert "A.5.15" not in checked.out
    (root / "evidence/access").mkdir(parents=True)
    (root / "evidence/access/rules.txt").write_text("rules\n", encoding="utf-8")
    added = run_isms("evidence", "add", "evidence/access/rules.txt", "--for", "A.5.15", "--root", str(root))
    assert added.code == 0, added.err
    assert "linked from controls/iso27001-2022/5.15.yaml" in added.out


def test_a_control_file_named_in_the_annex_a_form_is_that_control(tmp_path: Path, run_isms: RunIsms) -> None:
    root = _repo(tmp_path)
    write_repo(root, {"controls/iso27001-2022/A.5.15.yaml": "status: planned\nowner: ciso\n"})
    checked = run_isms("check", "--root", str(root), "--format", "json")
    assert "unknown-requirement" not in checked.out
    assert '"iso27001-2022 5.15 has no control file' not in checked.out
