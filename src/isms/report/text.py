"""Findings for a person: ``path:line:col: severity: message (rule-id)``, in Japanese or English.

Every finding carries its message in both languages; ``lang`` picks one (`--lang`, whose default
follows the terminal's locale: see `isms.language.terminal_lang`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TextIO

from isms.findings import Finding, count
from isms.model.base import Lang
from isms.vocabulary import SEVERITY, word


def message(finding: Finding, lang: Lang = "en") -> str:
    """Return the finding's message in ``lang``."""
    return finding.message_ja if lang == "ja" else finding.message


def severity(finding: Finding, lang: Lang = "en") -> str:
    """Return the finding's severity as a word in ``lang`` (``error``, ``警告``…)."""
    return word(SEVERITY[finding.severity.value], lang)


def line(finding: Finding, lang: Lang = "en") -> str:
    """Return the one-line form of a finding."""
    return f"{finding.location.format()}: {severity(finding, lang)}: {message(finding, lang)} ({finding.rule})"


def summary(findings: Sequence[Finding], files: int | None = None, lang: Lang = "en") -> str:
    """Return the closing line: how many errors and warnings."""
    totals = count(findings)
    if lang == "ja":
        if not findings:
            return "ok: 問題はありません" + (f"（{files} ファイルを検査）" if files is not None else "")
        said = {key: word(SEVERITY[key], lang) for key in SEVERITY}
        parts = [f"{said['error']} {totals['errors']} 件", f"{said['warning']} {totals['warnings']} 件"]
        if totals["notes"]:
            parts.append(f"{said['note']} {totals['notes']} 件")
        return "、".join(parts)
    if not findings:
        checked = f" in {files} files" if files is not None else ""
        return f"ok: no problems found{checked}"
    parts = [
        f"{totals['errors']} error{'s' * (totals['errors'] != 1)}",
        f"{totals['warnings']} warning{'s' * (totals['warnings'] != 1)}",
    ]
    if totals["notes"]:
        parts.append(f"{totals['notes']} note{'s' * (totals['notes'] != 1)}")
    return ", ".join(parts)


def write_lines(findings: Sequence[Finding], out: TextIO, files: int | None = None, lang: Lang = "en") -> None:
    """Write one line per finding, sorted, then the summary."""
    for finding in sorted(findings, key=Finding.sort_key):
        out.write(line(finding, lang) + "\n")
    out.write(summary(findings, files, lang) + "\n")


def write_grouped(findings: Sequence[Finding], out: TextIO, files: int | None = None, lang: Lang = "en") -> None:
    """Write findings grouped under their file, for reading in a terminal."""
    ordered = sorted(findings, key=Finding.sort_key)
    width = max((len(severity(f, lang)) for f in ordered), default=0)
    for path, group in groupby(ordered, key=lambda f: f.path):
        out.write(f"{path}\n")
        for finding in group:
            where = f"{finding.line}:{finding.column}" if finding.line and finding.column else str(finding.line or "-")
            label = severity(finding, lang)
            label = f"{label:<7}" if lang == "en" else label + "\u3000" * (width - len(label))
            out.write(f"  {where:>8}  {label}  {message(finding, lang)} ({finding.rule})\n")
    out.write(summary(findings, files, lang) + "\n")
