"""Renderers behind one registry keyed by format: a command lists its formats from it, never by if/elif.

``Renderers`` maps a format name to a function writing one value to a text stream; the first
format is the default. ``FINDINGS`` is the registry of every command that produces findings
(`isms validate`, `isms check`): text, json, github and sarif, the same four for each. The text
renderer is imported with the registry; the others (and the JSON contracts, the rule table) only
when their format is asked for, so the pre-commit hook's `isms validate` does not load them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TextIO, TypeVar

from isms.findings import Finding
from isms.model.base import Lang
from isms.report import text as text_report

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Renderers(Generic[T]):
    """Format name → the function that writes a value in that format (the first is the default)."""

    by_format: Mapping[str, Callable[[T, TextIO], None]]

    @property
    def formats(self) -> tuple[str, ...]:
        """Return the format names, the default first (the choices of ``--format``)."""
        return tuple(self.by_format)

    def write(self, format_name: str, value: T, out: TextIO) -> None:
        """Write ``value`` in ``format_name`` (one of ``formats``: argparse has checked it)."""
        self.by_format[format_name](value, out)


@dataclass(frozen=True, slots=True)
class FindingsReport:
    """What a finding-producing command hands to its renderer.

    ``as_of`` is set by commands that evaluate the ISMS on a day (`check`): the JSON then carries
    ``as_of`` and ``commit``. ``grouped`` text lists findings under their file (`check`), else one
    line each (`validate`, the form editors and pre-commit parse).
    """

    command: str
    findings: Sequence[Finding]
    files: int
    as_of: dt.date | None = None
    commit: str | None = None
    grouped: bool = False
    step_summary: Path | None = None
    """Where the github format appends its job summary (``$GITHUB_STEP_SUMMARY``, as gathered)."""
    lang: Lang = "en"
    """The language of the messages for people (text, github, SARIF); the JSON carries both."""


def _text(report: FindingsReport, out: TextIO) -> None:
    if report.grouped:
        text_report.write_grouped(report.findings, out, report.files, report.lang)
    else:
        text_report.write_lines(report.findings, out, report.files, report.lang)


def _json(report: FindingsReport, out: TextIO) -> None:
    from isms.report import json as json_report  # noqa: PLC0415 (only when asked for)

    if report.as_of is None:
        json_report.write(json_report.findings_document(report.findings), out)
    else:
        json_report.write(json_report.check_document(report.findings, report.as_of, report.commit), out)


def _github(report: FindingsReport, out: TextIO) -> None:
    from isms.report import github  # noqa: PLC0415 (only when asked for)

    title = f"isms {report.command}"
    github.write(report.findings, out, title=title, step_summary=report.step_summary, lang=report.lang)


def _sarif(report: FindingsReport, out: TextIO) -> None:
    from isms.report import json as json_report  # noqa: PLC0415 (only when asked for)
    from isms.report import sarif  # noqa: PLC0415

    json_report.write(sarif.sarif_document(report.findings, report.lang), out)


FINDINGS: Renderers[FindingsReport] = Renderers({"text": _text, "json": _json, "github": _github, "sarif": _sarif})
