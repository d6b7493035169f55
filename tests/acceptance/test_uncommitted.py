""" "Uncommitted changes" means the same in every output: ISMS files only, computed once.

A change to the README leaves every figure as the commit says; a change to a control does not,
and then the metrics (text and JSON), the site header, the SoA workbook and OSCAL all say so.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from helpers import TODAY, RunIsms, commit_all, git, good_repo
from isms.evaluation import evaluate
from isms.export.oscal_results import build_assessment_results
from isms.export.soa import build_soa, label
from isms.site.pages import site_info


def said(root: Path, run_isms: RunIsms) -> dict[str, object]:
    """What each output says about uncommitted changes."""
    evaluation = evaluate(root, dt.date.fromisoformat(TODAY))
    doc = json.loads(run_isms("metrics", "--root", str(root), "--today", TODAY, "--format", "json").out)
    text = run_isms("metrics", "--root", str(root), "--today", TODAY).out.splitlines()[0]
    results = build_assessment_results(evaluation, "en")["assessment-results"]
    assert isinstance(results, dict)
    props = {p["name"]: p["value"] for p in results["metadata"]["props"]}
    return {
        "assessment": evaluation.assessment.uncommitted,
        "json": doc["uncommitted_changes"],
        "text": text.removeprefix(f"as of {TODAY}, commit {doc['commit'][:10]}"),
        "site": site_info(evaluation, "ja").dirty,
        "soa": dict(build_soa(evaluation, "en").header_block())[label("commit", "en")].removeprefix(doc["commit"]),
        "oscal": props.get("uncommitted-changes"),
    }


def test_only_isms_files_count_and_every_output_says_the_same(tmp_path: Path, run_isms: RunIsms) -> None:
    root = good_repo(tmp_path / "repo")
    (root / "README.md").write_text("# ours\n", encoding="utf-8")
    git(root, "init", "-q")
    commit_all(root, "start", "2026-10-01T09:00:00+09:00")
    clean = {"assessment": (), "json": False, "text": "", "site": False, "soa": "", "oscal": None}
    assert said(root, run_isms) == clean

    (root / "README.md").write_text("# ours, edited\n", encoding="utf-8")
    (root / "notes.txt").write_text("untracked, outside the ISMS\n", encoding="utf-8")
    assert said(root, run_isms) == clean

    control = root / "controls/demo/1.2.yaml"
    control.write_text(control.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert said(root, run_isms) == {
        "assessment": ("controls/demo/1.2.yaml",),
        "json": True,
        "text": " with uncommitted changes to 1 ISMS file",
        "site": True,
        "soa": " (with uncommitted changes)",
        "oscal": "true",
    }
