"""`isms check`: validate, then judge evidence, applicability, ownership, mappings and measures."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_root, add_terminal_lang, add_today, typed
from isms.commands.validate import exit_code
from isms.evaluation import evaluate
from isms.model.base import Lang
from isms.report.formats import FINDINGS, FindingsReport


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """The options of `isms check`."""

    root: Path
    format: str
    today: dt.date | None
    strict: bool
    lang: Lang


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms check`."""
    typed(parser, CheckOptions)
    add_root(parser)
    add_format(parser, FINDINGS.formats)
    add_terminal_lang(parser)
    add_today(parser)
    parser.add_argument(
        "--strict", action="store_true", help="fail on warnings too; hash every evidence file anew (no cache)"
    )


def run(options: CheckOptions, out: TextIO) -> int:
    """Run `isms check`."""
    result = evaluate(options.root, options.today, strict=options.strict)
    findings = result.findings
    report = FindingsReport(
        "check",
        findings,
        len(result.repository.texts),
        as_of=result.assessment.today,
        commit=result.assessment.history.head,
        grouped=True,
        step_summary=result.facts.environment.step_summary,
        lang=options.lang,
    )
    FINDINGS.write(options.format, report, out)
    return exit_code(findings, strict=options.strict)
