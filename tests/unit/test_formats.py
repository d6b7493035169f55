"""Every finding-producing command has the same formats from one registry: text, json, github, sarif."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import isms.commands
from helpers import RunIsms, demo_files, write_repo
from isms.language import terminal_lang
from isms.report.formats import FINDINGS

TODAY = "2026-06-30"
COMMANDS = {"validate": (), "check": ("--today", TODAY)}


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo repository with one control whose status is not a status (an error at line 1)."""
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    files = demo_files()
    files["controls/demo/DM-2.yaml"] = "status: finished\nowner: ciso\n"
    return write_repo(tmp_path / "repo", files)


def test_the_registry_has_the_four_formats_text_first() -> None:
    assert FINDINGS.formats == ("text", "json", "github", "sarif")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_format(broken: Path, run_isms: RunIsms, command: str) -> None:
    def run(fmt: str) -> str:
        result = run_isms(command, "--root", str(broken), *COMMANDS[command], "--format", fmt)
        assert result.code == 1, (fmt, result.err)
        return result.out

    text = run("text")
    assert "controls/demo/DM-2.yaml" in text
    document = json.loads(run("json"))
    invalid = [f for f in document["findings"] if f["rule"] == "invalid-value"]
    assert [(f["path"], f["line"], f["severity"]) for f in invalid] == [("controls/demo/DM-2.yaml", 1, "error")]
    github = run("github").splitlines()
    annotations = [line for line in github if "title=invalid-value" in line]
    assert len(annotations) == 1
    assert annotations[0].startswith("::error file=controls/demo/DM-2.yaml,line=1,")
    assert annotations[0].endswith("::" + invalid[0]["message"].replace("\n", "%0A"))
    assert github[-1] == f"isms: {document['summary']['errors']} errors, {document['summary']['warnings']} warnings"
    sarif = json.loads(run("sarif"))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert len(results) == len(document["findings"])
    assert results[0]["ruleId"] == document["findings"][0]["rule"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_job_summary_names_the_command(
    broken: Path, run_isms: RunIsms, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run_isms(command, "--root", str(broken), *COMMANDS[command], "--format", "github")
    assert summary.read_text(encoding="utf-8").startswith(f"## isms {command}\n")


def test_no_command_picks_a_format_by_if_elif() -> None:
    for path in sorted(Path(isms.commands.__file__).parent.glob("*.py")):
        assert "elif options.format" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_messages_follow_lang_then_isms_lang_then_the_locale(
    broken: Path, run_isms: RunIsms, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def text(*extra: str) -> str:
        result = run_isms(command, "--root", str(broken), *COMMANDS[command], *extra)
        assert result.code == 1, result.err
        return result.out

    invalid = next(
        f
        for f in json.loads(text("--format", "json"))["findings"]
        if f["rule"] == "invalid-value" and f["path"] == "controls/demo/DM-2.yaml"
    )
    assert invalid["message_ja"] != invalid["message"]
    monkeypatch.delenv("ISMS_LANG", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    japanese = text()
    assert f"エラー  {invalid['message_ja']} (invalid-value)" in japanese or (
        f"エラー: {invalid['message_ja']} (invalid-value)" in japanese
    )
    assert "件" in japanese.splitlines()[-1]
    assert invalid["message"] not in japanese
    assert invalid["message"] in text("--lang", "en")
    monkeypatch.setenv("ISMS_LANG", "en")
    assert invalid["message"] in text()
    assert invalid["message_ja"] in text("--lang", "ja")
    monkeypatch.setenv("ISMS_LANG", "fr")  # not a language isms speaks: the locale decides
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert invalid["message"] in text()


def test_terminal_lang_reads_the_variables_in_posix_order() -> None:
    assert terminal_lang({}) == "en"
    assert terminal_lang({"LANG": "ja_JP.UTF-8"}) == "ja"
    assert terminal_lang({"LANG": "ja_JP.UTF-8", "LC_ALL": "en_US.UTF-8"}) == "en"
    assert terminal_lang({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.eucJP"}) == "ja"
    assert terminal_lang({"LANG": "C", "ISMS_LANG": "JA"}) == "ja"
    assert terminal_lang({"LANG": "ja_JP.UTF-8", "ISMS_LANG": "en"}) == "en"
    assert terminal_lang({"LC_ALL": "", "LANG": "ja"}) == "ja"
