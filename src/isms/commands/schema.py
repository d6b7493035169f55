"""`isms schema`: export the JSON Schemas of the YAML files for editors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from isms.commands.exit_codes import EXIT_OK
from isms.export.schema import SCHEMAS, write_all


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms schema`."""
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("schemas"),
        metavar="DIR",
        help="folder to write the schemas to (default: schemas)",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run `isms schema`."""
    for path in write_all(args.out):
        _, _, applies_to = SCHEMAS[path.name]
        out.write(f"wrote {path.as_posix()}  ({applies_to})\n")
    return EXIT_OK
