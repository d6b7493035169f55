"""Subcommands. Each module has HELP, ``configure(parser)`` and ``run(args, out) -> int``.

Only these modules compose the pipeline stages and know about exit codes.
"""

from __future__ import annotations

import argparse
from typing import Protocol, TextIO

from isms.commands import (
    catalog,
    check,
    codeowners,
    control,
    diff,
    evidence,
    export,
    import_,
    init,
    metrics,
    remind,
    schema,
    site,
    soa,
    validate,
)


class Command(Protocol):
    """What every subcommand module provides."""

    HELP: str

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the command's options."""

    def run(self, args: argparse.Namespace, out: TextIO) -> int:
        """Run the command; return the exit code."""


COMMANDS: dict[str, Command] = {
    "validate": validate,
    "check": check,
    "metrics": metrics,
    "evidence": evidence,
    "catalog": catalog,
    "schema": schema,
    "diff": diff,
    "control": control,
    "codeowners": codeowners,
    "init": init,
    "soa": soa,
    "site": site,
    "export": export,
    "import": import_,
    "remind": remind,
}
