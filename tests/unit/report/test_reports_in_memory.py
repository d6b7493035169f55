"""Reporters take findings and write them: the GitHub job summary goes where the gathered environment says."""

from __future__ import annotations

import io
import json
from pathlib import Path

from builders import TODAY, RepoBuilder, evaluation, facts
from isms.model.base import Lang
from isms.report import github, sarif
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


def test_every_reporter_speaks_japanese_when_asked(tmp_path: Path) -> None:
    found = findings()
    assert found, "the builder's repository must have findings"
    errors = sum(f.severity.value == "error" for f in found)
    text = io.StringIO()
    text_report.write_grouped(found, text, 1, "ja")
    written = text.getvalue()
    for finding in found:
        assert f"{finding.message_ja} ({finding.rule})" in written
        assert finding.message not in written
    assert written.endswith(f"エラー {errors} 件、警告 0 件\n")
    lines = io.StringIO()
    text_report.write_lines(found, lines, 1, "ja")
    assert f": エラー: {found[0].message_ja} ({found[0].rule})" in lines.getvalue()
    assert text_report.summary([], 7, "ja") == "ok: 問題はありません（7 ファイルを検査）"
    summary = tmp_path / "summary.md"
    annotations = io.StringIO()
    github.write(found, annotations, step_summary=summary, lang="ja")
    assert annotations.getvalue().splitlines()[-1] == f"isms: エラー {errors} 件、警告 0 件"
    assert found[0].message_ja in annotations.getvalue()
    markdown = summary.read_text(encoding="utf-8")
    assert "| 重大度 | 場所 | ルール | 内容 |" in markdown
    assert f"| エラー | `{found[0].location.format()}` |" in markdown


def test_the_json_carries_both_messages_and_sarif_names_its_language() -> None:
    found = findings()
    document = json_report.findings_document(found)
    for row, finding in zip(document["findings"], sorted(found, key=lambda f: f.sort_key()), strict=True):
        assert (row["message"], row["message_ja"]) == (finding.message, finding.message_ja)
        assert row["message"] != row["message_ja"]
    languages: tuple[tuple[Lang, str], ...] = (("ja", "ja-JP"), ("en", "en-US"))
    for lang, language in languages:
        run = sarif.sarif_document(found, lang)["runs"][0]
        assert run["language"] == language
        result = run["results"][0]
        first = sorted(found, key=lambda f: f.sort_key())[0]
        assert result["message"]["text"] == (first.message_ja if lang == "ja" else first.message)
        assert result["properties"]["message_ja"] == first.message_ja
        assert result["properties"]["message_en"] == first.message
