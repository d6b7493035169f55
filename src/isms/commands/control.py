"""`isms control new|set`: scaffold a control file from its catalog entry, or change its fields in place."""

from __future__ import annotations

import argparse
import datetime as dt
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_root, iso_date, typed
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import lines, say
from isms.edit.control import ControlChanges, plan_new, plan_set
from isms.edit.evidence import find_controls
from isms.edit.guard import ensure_valid
from isms.edit.transaction import editing, write_set
from isms.loader.assemble import load_repository
from isms.loader.discover import require_root
from isms.model.base import Lang
from isms.model.control import Status

STATUSES: tuple[str, ...] = typing.get_args(Status)


@dataclass(frozen=True, slots=True)
class NewOptions:
    """The options of `isms control new FRAMEWORK ID`."""

    messages: Lang

    framework: str
    requirement: str
    owner: str | None
    root: Path


@dataclass(frozen=True, slots=True)
class SetOptions:
    """The options of `isms control set ID [--status S] [--owner O] ...`."""

    messages: Lang

    control: str
    status: Status | None
    owner: str | None
    implementation: str | None
    implementation_en: str | None
    justification: str | None
    reviewed: dt.date | None
    root: Path


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `new FRAMEWORK ID` and `set ID [--status S] [--owner O] ...`."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = sub.add_parser("new", help="create controls/FRAMEWORK/ID.yaml from the catalog")
    typed(new, NewOptions)
    new.add_argument("framework", metavar="FRAMEWORK", help="framework id, e.g. iso27001-2022")
    new.add_argument("requirement", metavar="ID", help="requirement id as `isms catalog show` prints it, e.g. A.5.15")
    new.add_argument("--owner", metavar="OWNER", help="an id under `owners` in isms.yaml (default: a placeholder)")
    add_root(new)
    edit = sub.add_parser(
        "set",
        help="change a control file's fields in place, keeping its comments (refused when the result is invalid)",
    )
    typed(edit, SetOptions)
    edit.add_argument("control", metavar="ID", help="requirement id (framework:id where ambiguous), e.g. A.5.15")
    edit.add_argument("--status", choices=STATUSES, help="the decision and its progress")
    edit.add_argument("--owner", metavar="OWNER", help="an id under `owners` in isms.yaml")
    edit.add_argument("--implementation", metavar="TEXT", help="how it is done here (Japanese, or the only text)")
    edit.add_argument("--implementation-en", metavar="TEXT", help="how it is done here, in English")
    edit.add_argument("--justification", metavar="TEXT", help="why it is excluded (needed for not-applicable)")
    edit.add_argument("--reviewed", type=iso_date, metavar="YYYY-MM-DD", help="the date of its last review")
    add_root(edit)


def _set(options: SetOptions, out: TextIO) -> int:
    with editing(require_root(options.root)) as recovered:
        repo = load_repository(options.root).repository
        (control,) = find_controls(repo, [options.control])
        changes = ControlChanges(
            options.status,
            options.owner,
            options.implementation,
            options.implementation_en,
            options.justification,
            options.reviewed,
        )
        path, content, done = plan_set(repo, control, changes)
        ensure_valid(repo.root, {path: content})
        write_set(repo.root, {path: content})
    out.write(lines(recovered, options.messages))
    out.write(say("control_updated", options.messages, path=control.path, done=", ".join(done)) + "\n")
    return EXIT_OK


def run(options: NewOptions | SetOptions, out: TextIO) -> int:
    """Run `isms control new` or `isms control set`."""
    if isinstance(options, SetOptions):
        return _set(options, out)
    with editing(require_root(options.root)) as recovered:
        repo = load_repository(options.root).repository
        path, content = plan_new(repo, options.framework, options.requirement, options.owner)
        ensure_valid(repo.root, {path: content})
        write_set(repo.root, {path: content})
    out.write(lines(recovered, options.messages))
    out.write(say("control_created", options.messages, path=path.relative_to(repo.root).as_posix()) + "\n")
    return EXIT_OK
