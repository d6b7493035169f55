"""`isms check`: validate, then judge evidence, applicability, ownership, mappings and measures."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from isms.commands.common import add_format, add_root, add_today, typed
from isms.commands.validate import exit_code
from isms.evaluation import evaluate
from isms.report import github, sarif
from isms.report import json as json_report
from isms.report import text as text_report


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """The options of `isms check`."""

    root: Path
    format: Literal["text", "json", "github", "sarif"]
    today: dt.date | None
    strict: bool


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms check`."""
    typed(parser, CheckOptions)
    add_root(parser)
    add_format(parser, ("text", "json", "github", "sarif"))
    add_today(parser)
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def run(options: CheckOptions, out: TextIO) -> int:
    """Run `isms check`."""
    result = evaluate(options.root, options.today)
    findings = result.findings
    if options.format == "json":
        document = json_report.findings_document(findings)
        document["as_of"] = result.assessment.today.isoformat()
        document["commit"] = result.assessment.history.head
        json_report.write(document, out)
    elif options.format == "sarif":
        json_report.write(sarif.sarif_document(findings), out)
    elif options.format == "github":
        github.write(findings, out)
    else:
        text_report.write_grouped(findings, out, len(result.repository.texts))
    return exit_code(findings, strict=options.strict)
