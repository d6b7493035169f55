"""`isms validate`: load the repository and report every problem in its files."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_root, add_terminal_lang, typed
from isms.commands.exit_codes import EXIT_FINDINGS, EXIT_OK
from isms.findings import Finding, Severity
from isms.gather.environment import environment
from isms.loader.assemble import load_repository
from isms.model.base import Lang
from isms.report.formats import FINDINGS, FindingsReport


@dataclass(frozen=True, slots=True)
class ValidateOptions:
    """The options of `isms validate`."""

    root: Path
    format: str
    strict: bool
    lang: Lang


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms validate`."""
    typed(parser, ValidateOptions)
    add_root(parser)
    add_format(parser, FINDINGS.formats)
    add_terminal_lang(parser)
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def exit_code(findings: list[Finding], *, strict: bool) -> int:
    """Return 1 when there is an error (or a warning in strict mode), else 0."""
    worst = Severity.ERROR.rank if not strict else Severity.WARNING.rank
    return EXIT_FINDINGS if any(f.severity.rank >= worst for f in findings) else EXIT_OK


def run(options: ValidateOptions, out: TextIO) -> int:
    """Run `isms validate`."""
    result = load_repository(options.root, remember=not options.strict)
    summary = environment(os.environ).step_summary
    report = FindingsReport(
        "validate", result.findings, len(result.repository.texts), step_summary=summary, lang=options.lang
    )
    FINDINGS.write(options.format, report, out)
    return exit_code(result.findings, strict=options.strict)
