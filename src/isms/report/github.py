"""GitHub Actions: workflow-command annotations and a Markdown job summary.

GitHub shows at most 10 annotations of each type per step (50 per job), so the most
important come first and the full list goes to the job summary (capped at 1 MiB).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from isms.findings import Finding, Severity, count
from isms.model.base import Lang
from isms.report.text import message, severity
from isms.vocabulary import SEVERITY, word

PER_TYPE = 10
SUMMARY_LIMIT = 1024 * 1024 - 4096


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, lang: Lang = "en") -> str:
    """Return one `::error file=…,line=…,col=…,title=…::message` command."""
    props = [f"file={_prop(finding.path)}"]
    if finding.line is not None:
        props.append(f"line={finding.line}")
        if finding.column is not None:
            props.append(f"col={finding.column}")
    props.append(f"title={_prop(finding.rule)}")
    return f"::{finding.severity.github_command} {','.join(props)}::{_data(message(finding, lang))}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_markdown(findings: Sequence[Finding], title: str = "isms check", lang: Lang = "en") -> str:
    """Return the job summary: totals, then a table of every finding (cut to fit GitHub's 1 MiB)."""
    totals = count(findings)
    if lang == "ja":
        totals_line = (
            f"エラー **{totals['errors']}** 件、警告 **{totals['warnings']}** 件、注記 **{totals['notes']}** 件"
        )
        header = "| 重大度 | 場所 | ルール | 内容 |"
    else:
        totals_line = f"**{totals['errors']}** errors, **{totals['warnings']}** warnings, **{totals['notes']}** notes"
        header = "| severity | location | rule | message |"
    lines = [f"## {title}", "", totals_line, ""]
    if findings:
        lines += [header, "|---|---|---|---|"]
    size = sum(len(line) + 1 for line in lines)
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key()))
    for index, finding in enumerate(ordered):
        row = (
            f"| {severity(finding, lang)} | `{_cell(finding.location.format())}` | "
            f"`{finding.rule}` | {_cell(message(finding, lang))} |"
        )
        if size + len(row) + 200 > SUMMARY_LIMIT:
            left = len(ordered) - index
            lines.append(
                f"\n… ほか {left} 件は表示していません（サマリーは 1 MiB まで）"
                if lang == "ja"
                else f"\n… {left} more findings not shown (the summary is limited to 1 MiB)"
            )
            break
        lines.append(row)
        size += len(row.encode()) + 1
    return "\n".join(lines) + "\n"


def write(
    findings: Sequence[Finding],
    out: TextIO,
    title: str = "isms check",
    step_summary: Path | None = None,
    lang: Lang = "en",
) -> None:
    """Print annotations (errors first) and append the summary to ``step_summary`` when given.

    ``step_summary`` is ``$GITHUB_STEP_SUMMARY`` as gathered (`isms.gather.facts.Environment`):
    this module reads no environment variable.
    """
    for level in Severity:
        chosen = sorted((f for f in findings if f.severity is level), key=Finding.sort_key)
        for finding in chosen[:PER_TYPE]:
            out.write(annotation(finding, lang) + "\n")
        if len(chosen) > PER_TYPE:
            more = len(chosen) - PER_TYPE
            note = (
                f"ほかに{word(SEVERITY[level.value], lang)} {more} 件: ジョブサマリーを参照"
                if lang == "ja"
                else f"{more} more {level.value}s: see the job summary"
            )
            out.write(f"::notice title=isms::{note}\n")
    totals = count(findings)
    if lang == "ja":
        out.write(f"isms: エラー {totals['errors']} 件、警告 {totals['warnings']} 件\n")
    else:
        out.write(f"isms: {totals['errors']} errors, {totals['warnings']} warnings\n")
    if step_summary is not None:
        with step_summary.open("a", encoding="utf-8") as handle:
            handle.write(summary_markdown(findings, title, lang))
