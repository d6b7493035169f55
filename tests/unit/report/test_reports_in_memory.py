"""Reporters take findings and write them: the GitHub job summary goes where the gathered environment says."""

from __future__ import annotations

import io
import json
from pathlib import Path

from builders import TODAY, RepoBuilder, evaluation, facts
from isms.report import github
from isms.report import json as json_report
from isms.report import text as text_report


def findings() -> list:  # type: ignore[type-arg]
    repo = (
        RepoBuilder()
        .control("1.1", status="implemented", evidence=["gone.csv"], implementation="手順", review={"last": TODAY})
        .build()
    )
    return evaluation(repo, facts()).findings


def test_github_annotations_and_the_step_summary(tmp_path: Path) -> None:
    found = findings()
    out = io.StringIO()
    github.write(found, out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == f"isms: {sum(f.severity.value == 'error' for f in found)} errors, 0 warnings"
    assert all(line.startswith("::") for line in lines[:-1])
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    github.write(found, io.StringIO(), step_summary=summary)
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## isms check\n")
    assert written.endswith(github.summary_markdown(found).removeprefix(""))


def test_json_and_text_name_every_finding() -> None:
    found = findings()
    out = io.StringIO()
    json_report.write(json_report.findings_document(found), out)
    document = json.loads(out.getvalue())
    assert [f["rule"] for f in document["findings"]] == [f.rule for f in found]
    assert document["summary"]["errors"] == sum(f.severity.value == "error" for f in found)
    text = io.StringIO()
    text_report.write_grouped(found, text, 1)
    for finding in found:
        assert finding.rule in text.getvalue()
