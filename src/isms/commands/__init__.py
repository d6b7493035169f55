"""Subcommands: a table of each command's name, help and module; the module is imported on dispatch.

Each command module has ``configure(parser)`` (its options, declaring with ``common.typed`` the
frozen dataclass they become) and ``run(options, out) -> int``. Only
these modules compose the pipeline stages and know about exit codes. The table itself imports
nothing of them, so ``isms --help`` and ``isms --version`` import no command, and ``isms validate``
imports the loader and the reports, not openpyxl, XlsxWriter, Jinja2 or the site engine.
"""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass
from typing import Any, Protocol, TextIO, cast


class Command(Protocol):
    """What every subcommand module provides."""

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the command's options."""

    def run(self, options: Any, out: TextIO) -> int:  # each command has its own options type
        """Run the command with its typed options; return the exit code."""


@dataclass(frozen=True, slots=True)
class CommandEntry:
    """One row of the registry: the help line and the module holding ``configure`` and ``run``."""

    help: str
    module: str

    def load(self) -> Command:
        """Import the command's module (only now: it may import openpyxl, Jinja2, the site engine)."""
        return cast(Command, importlib.import_module(self.module))


COMMANDS: dict[str, CommandEntry] = {
    "validate": CommandEntry(
        "check that the repository's YAML is well-formed, valid and consistent",
        "isms.commands.validate",
    ),
    "check": CommandEntry(
        "check evidence (missing, stale, tampered), applicability, owners, reviews, mappings and measures",
        "isms.commands.check",
    ),
    "metrics": CommandEntry(
        "coverage and effectiveness per framework, evidence health and measures",
        "isms.commands.metrics",
    ),
    "evidence": CommandEntry(
        "the evidence register: list it (date, validity, class, state), add evidence or record a new version, "
        "link it from more controls or unlink it, verify a store",
        "isms.commands.evidence",
    ),
    "catalog": CommandEntry(
        "list the loaded frameworks, or show one framework's requirements",
        "isms.commands.catalog",
    ),
    "schema": CommandEntry(
        "export JSON Schemas (draft-07) of the YAML files, for the YAML language server",
        "isms.commands.schema",
    ),
    "diff": CommandEntry(
        "compare the ISMS at two commits: coverage, effectiveness, evidence states and findings",
        "isms.commands.diff",
    ),
    "control": CommandEntry(
        "scaffold a control file for a requirement (status planned, the requirement as comments), or set its "
        "status, owner, implementation, justification or review date",
        "isms.commands.control",
    ),
    "codeowners": CommandEntry(
        "write .github/CODEOWNERS so that a change to a control or policy needs its owner's review",
        "isms.commands.codeowners",
    ),
    "init": CommandEntry(
        "create a new ISMS repository: isms.yaml, a planned control per Annex A requirement, CI, site, editor",
        "isms.commands.init",
    ),
    "soa": CommandEntry(
        "the Statement of Applicability (SoA) as an Excel workbook, CSV (UTF-8 with BOM) or Markdown",
        "isms.commands.soa",
    ),
    "site": CommandEntry(
        "build or preview the auditor site (dashboard, SoA, frameworks, controls, evidence, findings)",
        "isms.commands.site",
    ),
    "export": CommandEntry(
        "export the catalogs and the current state as OSCAL 1.2.3 JSON (catalogs, assessment results)",
        "isms.commands.export",
    ),
    "import": CommandEntry(
        "import a spreadsheet (xlsx, csv): a catalog of requirements, an SoA into control files, a risk register, "
        "or a corrective-action log",
        "isms.commands.import_",
    ),
    "remind": CommandEntry(
        "what falls due within a window (evidence expiry, control and policy reviews, control due dates), by owner",
        "isms.commands.remind",
    ),
    "group": CommandEntry(
        "roll up a group's entities (each its own ISMS repository): build the group site, print the group "
        "contract, or merge the entities' CI artefacts",
        "isms.commands.group",
    ),
    "sample": CommandEntry(
        "a reproducible sample of records for an auditor (evidence, controls, nonconformities, risks or a "
        "register file): the same seed gives the same records",
        "isms.commands.sample",
    ),
    "audit-pack": CommandEntry(
        "the ISMS as it was on an audit date in one reproducible zip: site, SoA, OSCAL, evidence register, "
        "findings, MANIFEST (optionally signed)",
        "isms.commands.audit_pack",
    ),
}


def dispatched(argv: list[str]) -> str | None:
    """Return the command named in ``argv`` (the first word that is not an option), if it is one."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None
