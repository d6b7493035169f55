"""`isms codeowners`: write `.github/CODEOWNERS` from the owners of controls and policies."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.checks.codeowners import block, is_current, merged, ownership
from isms.commands.common import add_root, typed
from isms.commands.exit_codes import EXIT_FINDINGS, EXIT_OK
from isms.commands.summaries import lines, say
from isms.edit.transaction import editing, write_set
from isms.errors import IsmsError
from isms.gather.world import CODEOWNERS
from isms.loader.assemble import load_repository
from isms.model.base import Lang


@dataclass(frozen=True, slots=True)
class CodeownersOptions:
    """The options of `isms codeowners`."""

    messages: Lang

    root: Path
    check: bool


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms codeowners`."""
    typed(parser, CodeownersOptions)
    add_root(parser)
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when the file is missing or out of date"
    )


def run(options: CodeownersOptions, out: TextIO) -> int:
    """Run `isms codeowners`."""
    repo = load_repository(options.root).repository
    path = repo.root / CODEOWNERS
    if path.exists() and not path.is_file():
        msg = f"{CODEOWNERS} is a folder (or not a regular file); remove it, then run `isms codeowners` again"
        ja = (
            f"{CODEOWNERS} はフォルダ（または通常のファイルでないもの）です。"
            "削除してから `isms codeowners` をもう一度実行してください"
        )
        raise IsmsError(msg, ja=ja)
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    generated = block(repo)
    if existing is not None and is_current(existing, generated):
        out.write(say("codeowners_current", options.messages, file=CODEOWNERS) + "\n")
        return EXIT_OK
    if options.check:
        state = "codeowners_missing" if existing is None else "codeowners_outdated"
        out.write(say(state, options.messages, file=CODEOWNERS) + "\n")
        return EXIT_FINDINGS
    with editing(repo.root) as recovered:
        write_set(repo.root, {path: merged(existing, generated)})
    out.write(lines(recovered, options.messages))
    without = sorted(
        {c.doc.owner for c in repo.controls.values() if c.doc.owner}
        - {o for o, v in repo.config.owners.items() if v.github}
    )
    out.write(say("codeowners_wrote", options.messages, file=CODEOWNERS, count=len(ownership(repo))) + "\n")
    if without:
        out.write(say("codeowners_without", options.messages, owners=", ".join(without)) + "\n")
    return EXIT_OK
