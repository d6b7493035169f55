"""`isms schema`: export the JSON Schemas of the YAML files for editors."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import nonempty_path, typed
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import say
from isms.export.schema import SCHEMAS, write_all
from isms.export.targets import check_file_target, check_folder_target
from isms.model.base import Lang


@dataclass(frozen=True, slots=True)
class SchemaOptions:
    """The options of `isms schema`."""

    messages: Lang

    out: Path


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms schema`."""
    typed(parser, SchemaOptions)
    parser.add_argument(
        "--out",
        type=nonempty_path,
        default=Path("schemas"),
        metavar="DIR",
        help="folder to write the schemas to (default: schemas)",
    )


def run(options: SchemaOptions, out: TextIO) -> int:
    """Run `isms schema`."""
    check_folder_target(options.out)
    for name in SCHEMAS:
        check_file_target(options.out / name)
    for path in write_all(options.out):
        _, _, applies_to = SCHEMAS[path.name]
        out.write(say("wrote_schema", options.messages, path=path.as_posix(), applies_to=applies_to) + "\n")
    return EXIT_OK
