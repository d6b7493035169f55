"""`isms control new`: scaffold a control file from its catalog entry."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_root, typed
from isms.commands.exit_codes import EXIT_OK
from isms.edit.control import plan_new
from isms.edit.guard import ensure_valid
from isms.edit.transaction import editing, write_set
from isms.loader.assemble import load_repository
from isms.loader.discover import require_root


@dataclass(frozen=True, slots=True)
class NewOptions:
    """The options of `isms control new FRAMEWORK ID`."""

    framework: str
    requirement: str
    owner: str | None
    root: Path


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `new FRAMEWORK ID`."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = sub.add_parser("new", help="create controls/FRAMEWORK/ID.yaml from the catalog")
    typed(new, NewOptions)
    new.add_argument("framework", metavar="FRAMEWORK", help="framework id, e.g. iso27001-2022")
    new.add_argument("requirement", metavar="ID", help="requirement id as `isms catalog show` prints it, e.g. A.5.15")
    new.add_argument("--owner", metavar="OWNER", help="an id under `owners` in isms.yaml (default: a placeholder)")
    add_root(new)


def run(options: NewOptions, out: TextIO) -> int:
    """Run `isms control new`."""
    with editing(require_root(options.root)):
        repo = load_repository(options.root).repository
        path, content = plan_new(repo, options.framework, options.requirement, options.owner)
        ensure_valid(repo.root, {path: content})
        write_set(repo.root, {path: content})
    out.write(f"created {path.relative_to(repo.root).as_posix()} (status: planned)\n")
    return EXIT_OK
