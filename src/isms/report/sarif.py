"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from isms import __version__
from isms.findings import Finding
from isms.model.base import Lang
from isms.report.text import message
from isms.rules import describe

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _location(finding: Finding) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"}}
    if finding.line is not None:
        region: dict[str, int] = {"startLine": finding.line}
        if finding.column is not None:
            region["startColumn"] = finding.column
        physical["region"] = region
    return {"physicalLocation": physical}


def sarif_document(findings: Sequence[Finding], lang: Lang = "en") -> dict[str, Any]:
    """Return a SARIF 2.1.0 log with one run."""
    rule_ids = sorted({f.rule for f in findings})
    index = {rule: position for position, rule in enumerate(rule_ids)}
    rules = [
        {
            "id": rule,
            "name": "".join(part.capitalize() for part in rule.split("-")),
            "shortDescription": {"text": describe(rule).en},
            "fullDescription": {"text": f"{describe(rule).en} / {describe(rule).ja}"},
            "defaultConfiguration": {"level": describe(rule).default},
        }
        for rule in rule_ids
    ]
    results = []
    for finding in sorted(findings, key=Finding.sort_key):
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": finding.severity.sarif_level,
            "message": {"text": message(finding, lang)},
            "locations": [_location(finding)],
        }
        properties: dict[str, Any] = {"message_ja": finding.message_ja, "message_en": finding.message}
        if finding.control:
            properties |= {"control": finding.control, "framework": finding.framework}
        result["properties"] = properties
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "isms",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "language": "ja-JP" if lang == "ja" else "en-US",
                "results": results,
            }
        ],
    }
