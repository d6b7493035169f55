"""Findings as JSON: the contract CI and other tools read."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO, TypedDict

from isms.findings import Finding, count


class FindingJson(TypedDict):
    """One finding in the JSON contract."""

    rule: str
    severity: str
    path: str
    line: int | None
    column: int | None
    message: str
    control: str | None
    framework: str | None


def finding_json(finding: Finding) -> FindingJson:
    """Return the JSON form of a finding."""
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "control": finding.control,
        "framework": finding.framework,
    }


def findings_document(findings: Sequence[Finding]) -> dict[str, Any]:
    """Return ``{"findings": [...], "summary": {"errors", "warnings", "notes"}}``."""
    return {
        "version": "1",
        "findings": [finding_json(f) for f in sorted(findings, key=Finding.sort_key)],
        "summary": count(findings),
    }


def write(document: Any, out: TextIO) -> None:
    """Write a JSON document, UTF-8 kept readable, with a final newline."""
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
