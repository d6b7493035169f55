"""`isms soa`: the Statement of Applicability as an Excel workbook, CSV or Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_lang, add_root, add_today, as_of
from isms.commands.exit_codes import EXIT_OK
from isms.errors import UsageError
from isms.evaluation import evaluate
from isms.export.csv_export import soa_csv
from isms.export.markdown import soa_markdown
from isms.export.xlsx import write_bytes_atomically, write_soa_xlsx

DEFAULT_XLSX = Path("soa.xlsx")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms soa`."""
    add_root(parser)
    add_format(parser, ("xlsx", "csv", "md"))
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"file to write (default: {DEFAULT_XLSX} for xlsx, standard output for csv and md)",
    )
    add_today(parser)
    add_lang(parser)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run `isms soa`."""
    target: Path | None = args.out
    if target is not None and str(target) == "-":
        if args.format == "xlsx":
            msg = "--out -: a workbook is binary; write it to a file (e.g. --out soa.xlsx)"
            raise UsageError(msg)
        target = None
    result = evaluate(args.root, as_of(args))
    if args.format == "xlsx":
        path = target or DEFAULT_XLSX
        write_soa_xlsx(result, path, args.lang)
        out.write(f"wrote {path} (as of {result.assessment.today.isoformat()})\n")
        return EXIT_OK
    text = soa_csv(result, args.lang) if args.format == "csv" else soa_markdown(result, args.lang)
    if target is None:
        out.write(text)
    else:
        write_bytes_atomically(target, text.encode("utf-8"))
        out.write(f"wrote {target} (as of {result.assessment.today.isoformat()})\n")
    return EXIT_OK
