"""`isms check`: validate, then judge evidence, applicability, ownership, mappings and measures."""

from __future__ import annotations

import argparse
from typing import TextIO

from isms.commands.common import add_format, add_root, add_today, as_of
from isms.commands.validate import exit_code
from isms.evaluation import evaluate
from isms.report import github, sarif
from isms.report import json as json_report
from isms.report import text as text_report


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms check`."""
    add_root(parser)
    add_format(parser, ("text", "json", "github", "sarif"))
    add_today(parser)
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run `isms check`."""
    result = evaluate(args.root, as_of(args))
    findings = result.findings
    if args.format == "json":
        document = json_report.findings_document(findings)
        document["as_of"] = result.assessment.today.isoformat()
        document["commit"] = result.assessment.history.head
        json_report.write(document, out)
    elif args.format == "sarif":
        json_report.write(sarif.sarif_document(findings), out)
    elif args.format == "github":
        github.write(findings, out)
    else:
        text_report.write_grouped(findings, out, len(result.repository.texts))
    return exit_code(findings, strict=args.strict)
