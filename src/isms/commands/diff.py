"""`isms diff`: what a change does to the ISMS: coverage, evidence and findings at two commits."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_root, add_terminal_lang, add_today, typed
from isms.commands.exit_codes import EXIT_OK
from isms.diff import render
from isms.diff.compare import DiffDocument, compare
from isms.diff.sides import summaries
from isms.diff.snapshot import tree_at
from isms.errors import UsageError
from isms.model.base import Lang
from isms.report import json as json_report
from isms.report.formats import Renderers


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """The options of `isms diff`."""

    base: str
    head: str
    root: Path
    format: str
    today: dt.date | None
    lang: Lang


@dataclass(frozen=True, slots=True)
class Compared:
    """The comparison, the requirement titles in the language asked for, and that language."""

    document: DiffDocument
    titles: render.Titles
    lang: Lang


def _text(compared: Compared, out: TextIO) -> None:
    out.write(render.text(compared.document, compared.titles, compared.lang))


def _json(compared: Compared, out: TextIO) -> None:
    json_report.write(compared.document, out)


def _markdown(compared: Compared, out: TextIO) -> None:
    out.write(render.markdown(compared.document, compared.titles, compared.lang))


RENDERERS: Renderers[Compared] = Renderers({"text": _text, "json": _json, "markdown": _markdown})


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
    add_format(parser, RENDERERS.formats)
    add_terminal_lang(parser)
    add_today(parser)


def diff_document(
    root: Path, base: str, head: str, day: dt.date | None, lang: Lang = "en"
) -> tuple[DiffDocument, render.Titles]:
    """Evaluate both revisions as of ``day`` and compare them; also return requirement titles in ``lang``.

    Both revisions are listed first, so that a wrong name is said before anything is evaluated; each is
    read from git objects, nothing is written to disk (:mod:`isms.diff.sides`: on two cores where it can).
    """
    listed = (tree_at(root, base), tree_at(root, head))
    before, after = summaries(root, *listed, day, lang)
    return compare(before, after), {**before.titles, **after.titles}


def run(options: DiffOptions, out: TextIO) -> int:
    """Run `isms diff`."""
    root = options.root
    if not root.is_dir():
        msg = f"{root}: no such directory; pass the ISMS folder of a git work tree with --root"
        ja = f"{root}: そのフォルダはありません。--root に git の作業ツリーにある ISMS のフォルダを指定してください"
        if root.exists():
            msg = f"--root {root}: is a file, not a folder; pass the ISMS folder of a git work tree"
            ja = f"--root {root}: ファイルです。git の作業ツリーにある ISMS のフォルダを指定してください"
        raise UsageError(msg, ja=ja)
    document, titles = diff_document(root, options.base, options.head, options.today, options.lang)
    RENDERERS.write(options.format, Compared(document, titles, options.lang), out)
    return EXIT_OK
