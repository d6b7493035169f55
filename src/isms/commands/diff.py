"""`isms diff`: what a change does to the ISMS: coverage, evidence and findings at two commits."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from isms.commands.common import add_format, add_root, add_today, typed
from isms.commands.exit_codes import EXIT_OK
from isms.diff import render
from isms.diff.compare import DiffDocument, Revision, compare, file_contents
from isms.diff.snapshot import snapshot
from isms.errors import UsageError
from isms.evaluation import evaluate
from isms.report import json as json_report


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """The options of `isms diff`."""

    base: str
    head: str
    root: Path
    format: Literal["text", "json", "markdown"]
    today: dt.date | None


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms diff`."""
    typed(parser, DiffOptions)
    parser.add_argument("--base", required=True, metavar="REV", help="the commit to compare from, e.g. origin/main")
    parser.add_argument(
        "--head",
        default="HEAD",
        metavar="REV",
        help="the commit to compare to (default: HEAD; uncommitted changes are not compared)",
    )
    add_root(parser)
    add_format(parser, ("text", "json", "markdown"))
    add_today(parser)


def diff_document(root: Path, base: str, head: str, day: dt.date | None) -> tuple[DiffDocument, render.Titles]:
    """Evaluate both revisions as of ``day`` and compare them; also return requirement titles."""
    revisions = []
    for rev in (base, head):
        with snapshot(root, rev) as snap:
            result = evaluate(snap.root, day, history=snap.history)
            revisions.append(Revision(rev, snap.commit, result, file_contents(result)))
    titles: dict[tuple[str, str], str] = {}
    for revision in revisions:
        repo = revision.evaluation.repository
        for framework in repo.frameworks.values():
            for rid, requirement in framework.requirements.items():
                titles[(framework.id, rid)] = requirement.title.get("en")
    return compare(revisions[0], revisions[1]), titles


def run(options: DiffOptions, out: TextIO) -> int:
    """Run `isms diff`."""
    root = options.root
    if not root.is_dir():
        msg = f"{root}: no such directory; pass the ISMS folder of a git work tree with --root"
        raise UsageError(msg)
    document, titles = diff_document(root, options.base, options.head, options.today)
    if options.format == "json":
        json_report.write(document, out)
    elif options.format == "markdown":
        out.write(render.markdown(document, titles))
    else:
        out.write(render.text(document, titles))
    return EXIT_OK
